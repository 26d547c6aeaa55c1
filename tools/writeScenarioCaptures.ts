/**
 * Dev script (Node): writes every oracle scenario's capture into a directory so tshark can decode it.
 * Usage: npx tsx core/testkit/writeScenarioCaptures.ts <dir>   (see flow/expected/README.md)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFlow } from '../core/testkit/flow/buildFlow.ts';
import { FLOW_SCENARIOS } from '../core/testkit/flow/scenarios.ts';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: writeScenarioCaptures.ts <dir>');
  process.exit(2);
}
mkdirSync(dir, { recursive: true });
for (const s of FLOW_SCENARIOS) {
  const built = buildFlow(s.flow);
  const file = join(dir, `${s.name}.${built.format}`);
  writeFileSync(file, built.bytes);
  console.log(`${file}\t${built.frames.length} frames`);
}
