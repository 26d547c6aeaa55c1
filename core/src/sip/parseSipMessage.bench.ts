/**
 * Throughput of parseSipMessage + extractSipFacts on a typical INVITE with SDP (typicalInvite.ts).
 * Not run by the tests: `npx tsx core/src/sip/parseSipMessage.bench.ts`. Reports the best of several
 * rounds, by wall clock and by process CPU time (steadier on a shared machine).
 */
import { extractSipFacts } from './extractSipFacts.ts';
import { parseSipMessage } from './parseSipMessage.ts';
import { TYPICAL_INVITE } from './typicalInvite.ts';

const ROUNDS = 7;
const ITERATIONS = 100_000;

function once(withFacts: boolean): number {
  let checksum = 0;
  for (let i = 0; i < ITERATIONS; i++) {
    const parsed = parseSipMessage(TYPICAL_INVITE);
    if (parsed.kind !== 'message') throw new Error('typical INVITE did not parse');
    checksum += withFacts ? extractSipFacts(parsed.message, parsed.issues).vias.length : parsed.message.headers.length;
  }
  return checksum;
}

function measure(withFacts: boolean): { wall: number; cpu: number } {
  let bestWall = Number.POSITIVE_INFINITY;
  let bestCpu = Number.POSITIVE_INFINITY;
  for (let round = 0; round < ROUNDS; round++) {
    const cpuStart = process.cpuUsage();
    const wallStart = performance.now();
    once(withFacts);
    bestWall = Math.min(bestWall, (performance.now() - wallStart) / 1000);
    const cpu = process.cpuUsage(cpuStart);
    bestCpu = Math.min(bestCpu, (cpu.user + cpu.system) / 1e6);
  }
  return { wall: ITERATIONS / bestWall, cpu: ITERATIONS / bestCpu };
}

const format = (perSecond: number): string => `${Math.round(perSecond).toLocaleString('en')}/s`;
once(true); // warm-up
const parseOnly = measure(false);
const parseAndFacts = measure(true);
console.log(`typical INVITE: ${TYPICAL_INVITE.length} bytes`);
console.log(`parseSipMessage                    wall ${format(parseOnly.wall)}  cpu ${format(parseOnly.cpu)}`);
console.log(`parseSipMessage + extractSipFacts  wall ${format(parseAndFacts.wall)}  cpu ${format(parseAndFacts.cpu)}`);
