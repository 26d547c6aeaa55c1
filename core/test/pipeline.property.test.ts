/**
 * Laws of the whole pipeline (issue #2): any chunking of any fixture gives the same frames accounting and the same
 * SIP messages; random and mutated bytes never throw out of the core (capture → network → sip → correlate → analyze).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaptureAnalyzer } from '../src/pipeline/captureAnalysis.ts';
import { SipPipeline } from '../src/pipeline/sipPipeline.ts';
import type { MessageRecord } from '../src/sip/messageRecord.ts';

const FIXTURES = join(__dirname, '../../fixtures');
const SAMPLES: [string, Uint8Array][] = [
  'samples/trapezoid/trapezoid.pcap',
  'scenarios/register-digest-tcp/register-digest-tcp.pcap',
  'corpus/captures/tests__ipv6frag.pcap',
  'corpus/captures/tests__sip-tcp-method__sip-tcp.pcap',
  'corpus/captures/HIST__tests__pcap__gre_sip.pcapng',
  'corpus/captures/pcap__hep3_compressed.pcap.pcapng',
  'corpus/captures/Tests__Packet++Test__PacketExamples__sip_resp.pcap',
  'messages/rfc4475/3.1.1.1_wsinv.dat',
].map((p) => [p, new Uint8Array(readFileSync(join(FIXTURES, p)))]);

function run(bytes: Uint8Array, cuts: number[]): { records: MessageRecord[]; summary: ReturnType<SipPipeline['summary']> } {
  const pipeline = new SipPipeline();
  const records: MessageRecord[] = [];
  let at = 0;
  for (const cut of [...cuts.filter((c) => c > 0 && c < bytes.length)].sort((a, b) => a - b)) {
    records.push(...pipeline.push(bytes.slice(at, cut)).records);
    at = cut;
  }
  records.push(...pipeline.push(bytes.slice(at)).records, ...pipeline.end().records);
  return { records, summary: pipeline.summary() };
}

/** What must not depend on chunking: every message with where and what, and the accounting. */
function essence(r: ReturnType<typeof run>): unknown {
  return {
    messages: r.records.map((m) => [m.frame, m.frames, m.timestamp, m.src, m.dst, m.transport, m.facts.method ?? m.facts.statusCode, m.facts.callId, m.issues.map((i) => i.code)]),
    accounting: r.summary.accounting,
    issues: r.summary.issues,
  };
}

describe('the pipeline under any chunking', () => {
  for (const [name, bytes] of SAMPLES) {
    it(`gives the same messages and accounting for ${name}`, () => {
      const whole = essence(run(bytes, []));
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 1, max: Math.max(1, bytes.length - 1) }), { maxLength: 40 }), (cuts) => {
          expect(essence(run(bytes, cuts))).toEqual(whole);
        }),
        { numRuns: 60 },
      );
    });
  }
});

describe('the pipeline on hostile bytes', () => {
  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        const analyzer = new CaptureAnalyzer();
        analyzer.push(bytes);
        analyzer.end();
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on mutated fixtures, and accounts for every frame it reads', () => {
    const mutation = fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }), count: fc.integer({ min: 1, max: 16 }) });
    fc.assert(
      fc.property(fc.constantFrom(...SAMPLES), fc.array(mutation, { minLength: 1, maxLength: 20 }), ([, original], mutations) => {
        const bytes = original.slice();
        for (const m of mutations) for (let k = 0; k < m.count; k++) bytes[(m.at + k * 7919) % bytes.length] = (m.value + k * 31) & 0xff;
        const analyzer = new CaptureAnalyzer();
        analyzer.push(bytes);
        const result = analyzer.end();
        const a = result.capture.accounting;
        const sum = a.sip + a.fragment + a.stream + a.truncated + Object.values(a.other).reduce((x, y) => x + y, 0) + Object.values(a.malformed).reduce((x, y) => x + y, 0);
        expect(sum).toBe(a.framesRead);
      }),
      { numRuns: 200 },
    );
  });
});
