import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaptureAnalyzer } from './captureAnalysis.ts';
import { SipPipeline, type SipPipelineOptions } from './sipPipeline.ts';

// The seed trapezoid: 14 SIP messages over UDP (alice → two proxies → bob and back).
const TRAPEZOID = new Uint8Array(readFileSync(join(__dirname, '../../../fixtures/samples/trapezoid/trapezoid.pcap')));

function run(options: SipPipelineOptions, chunkBytes = 4096): { pipeline: SipPipeline; records: ReturnType<SipPipeline['end']>['records'] } {
  const pipeline = new SipPipeline(options);
  const records = [];
  for (let at = 0; at < TRAPEZOID.length; at += chunkBytes) records.push(...pipeline.push(TRAPEZOID.subarray(at, at + chunkBytes)).records);
  records.push(...pipeline.end().records);
  return { pipeline, records };
}

const text = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes);

describe('SipPipeline raw message bytes', () => {
  it('keeps no bytes unless asked', () => {
    const { pipeline, records } = run({ rawBudgetBytes: 1 << 20 });
    expect(records).toHaveLength(14);
    expect(records.every((r) => r.raw === undefined)).toBe(true);
    expect(pipeline.rawBytesKept).toBe(0);
    expect(pipeline.rawMessagesDropped).toBe(0);
  });

  it('gives every record its own copy of the message text when asked, without a budget', () => {
    const { pipeline, records } = run({ keepRawMessages: true });
    expect(records.every((r) => r.raw !== undefined)).toBe(true);
    expect(text(records[0]!.raw)).toMatch(/^INVITE sip:bob@biloxi\.example\.com SIP\/2\.0\r\n/);
    expect(text(records[1]!.raw)).toMatch(/^SIP\/2\.0 100 Trying\r\n/);
    // Copies: not views into the capture chunks, which may be reused or freed.
    expect(records[0]!.raw!.buffer).not.toBe(TRAPEZOID.buffer);
    expect(records[0]!.raw!.byteOffset).toBe(0);
    expect(pipeline.rawBytesKept).toBe(records.reduce((s, r) => s + r.raw!.length, 0));
    expect(pipeline.rawMessagesDropped).toBe(0);
  });

  it('stops keeping bytes at the budget, so what is kept is a prefix of the capture', () => {
    const all = run({ keepRawMessages: true }).records;
    const budget = all[0]!.raw!.length + all[1]!.raw!.length + all[2]!.raw!.length + 1;
    const { pipeline, records } = run({ keepRawMessages: true, rawBudgetBytes: budget });
    expect(records.map((r) => r.raw !== undefined)).toEqual([true, true, true, ...Array(11).fill(false)]);
    expect(text(records[2]!.raw)).toBe(text(all[2]!.raw));
    expect(pipeline.rawBytesKept).toBe(budget - 1);
    expect(pipeline.rawMessagesDropped).toBe(11);
  });

  it('keeps nothing with a budget of zero and counts every message as dropped', () => {
    const { pipeline, records } = run({ keepRawMessages: true, rawBudgetBytes: 0 });
    expect(records.every((r) => r.raw === undefined)).toBe(true);
    expect(pipeline.rawMessagesDropped).toBe(14);
  });

  it('passes the budget through CaptureAnalyzer', () => {
    const first = run({ keepRawMessages: true }).records[0]!.raw!.length;
    const analyzer = new CaptureAnalyzer({ keepRawMessages: true, rawBudgetBytes: first });
    analyzer.push(TRAPEZOID);
    const result = analyzer.end();
    expect(result.records.filter((r) => r.raw !== undefined).map((r) => r.index)).toEqual([0]);
    expect(result.model.calls).toHaveLength(1);
  });
});
