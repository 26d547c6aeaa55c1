import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeCaptureBytes } from '../../pipeline/captureAnalysis.ts';
import { alignMessages, recordSignatures, type MessageSignature } from './lessonBundleAlign.ts';

const sig = (method: string, offsetMs: number, statusCode = 0): MessageSignature => ({ request: statusCode === 0, method, statusCode, offsetMs });
const CALL = [sig('INVITE', 0), sig('INVITE', 5, 100), sig('INVITE', 900, 180), sig('INVITE', 2000, 200), sig('ACK', 2010), sig('BYE', 9000), sig('BYE', 9005, 200)];
const shifted = (list: readonly MessageSignature[], by: number): MessageSignature[] => list.map((s) => ({ ...s, offsetMs: s.offsetMs + by }));

describe('finding messages again in a copy of a capture', () => {
  it('matches a copy one to one', () => {
    expect(alignMessages(CALL, CALL)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('skips messages of other calls that share the copied frames', () => {
    const copy = [sig('OPTIONS', 0), ...shifted(CALL, 3), sig('OPTIONS', 5000)].sort((a, b) => a.offsetMs - b.offsetMs);
    const map = alignMessages(CALL, copy);
    expect(map.map((j) => copy[j]!.method)).toEqual(CALL.map((s) => s.method));
    expect(map.every((j, i) => copy[j]!.offsetMs === CALL[i]!.offsetMs + 3)).toBe(true);
  });

  it('marks a message the copy lost and keeps aligning after it', () => {
    const copy = CALL.filter((_, i) => i !== 2);
    expect(alignMessages(CALL, copy)).toEqual([0, 1, -1, 2, 3, 4, 5]);
  });

  it('does not take a retransmission for the message it repeats', () => {
    // The copy lost the first 200 OK but has its retransmission 500 ms later: a different message.
    const before = [sig('INVITE', 0), sig('INVITE', 100, 200), sig('INVITE', 600, 200), sig('ACK', 610)];
    expect(alignMessages(before, [before[0]!, before[2]!, before[3]!])).toEqual([0, -1, 1, 2]);
  });

  it('aligns nothing with nothing', () => {
    expect(alignMessages([], CALL)).toEqual([]);
    expect(alignMessages(CALL, [])).toEqual([-1, -1, -1, -1, -1, -1, -1]);
  });

  it('reads signatures from analysed records: kind, method (CSeq for responses), status, time', () => {
    const bytes = new Uint8Array(readFileSync(join(__dirname, '../../../../fixtures/samples/trapezoid/trapezoid.pcap')));
    const signatures = recordSignatures(analyzeCaptureBytes(bytes).records);
    expect(signatures).toHaveLength(14);
    expect(signatures[0]).toEqual({ request: true, method: 'INVITE', statusCode: 0, offsetMs: 0 });
    expect(signatures[1]).toMatchObject({ request: false, method: 'INVITE', statusCode: 100 });
    expect(signatures.every((s, i) => i === 0 || s.offsetMs >= signatures[i - 1]!.offsetMs)).toBe(true);
    expect(alignMessages(signatures, signatures)).toEqual(signatures.map((_, i) => i));
  });
});
