import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildFilterData } from '../analyze/filter/filterData.ts';
import { CaptureReader } from '../capture/captureReader.ts';
import type { Frame } from '../capture/frame.ts';
import { analyzeCaptureBytes } from '../pipeline/captureAnalysis.ts';
import { hex } from '../shared/bytes.ts';
import { FrameSelector, framesOfRows, readSelectedFrames, selectionInterface, writeFrameSelection, type SelectedFrame } from './pcapSelection.ts';

const read = (bytes: Uint8Array): { frames: Frame[]; reader: CaptureReader } => {
  const reader = new CaptureReader();
  return { frames: [...reader.push(bytes).frames, ...reader.end().frames], reader };
};

// IPv6 call over Linux cooked capture: the INVITE is in frames 1+2 (fragments), the 200 OK in 4+5.
const IPV6FRAG = new Uint8Array(readFileSync(new URL('../../../fixtures/corpus/captures/tests__ipv6frag.pcap', import.meta.url)));

describe('the frames of a selection', () => {
  it('lists every fragment of every message, ascending and once', () => {
    const a = analyzeCaptureBytes(IPV6FRAG);
    const data = buildFilterData(a.model, a.analysis, a.lookup);
    const frames = framesOfRows(data, data.rows);
    expect(frames.slice(0, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(frames).size).toBe(frames.length);
    expect(framesOfRows(data, [])).toEqual([]);
  });

  it('reads a capture again only as far as its last wanted frame, with the interfaces it declared', async () => {
    let chunksRead = 0;
    async function* chunks(): AsyncGenerator<Uint8Array> {
      for (let at = 0; at < IPV6FRAG.length; at += 64) {
        chunksRead++;
        yield IPV6FRAG.subarray(at, at + 64);
      }
    }
    const got = await readSelectedFrames(chunks(), [1, 2]);
    expect(got.frames.map((f) => f.number)).toEqual([1, 2]);
    expect(chunksRead).toBeLessThan(Math.ceil(IPV6FRAG.length / 64));
    expect(got.interfaces.map((i) => selectionInterface(i, 'lo'))).toEqual([{ linkType: 113, timePrecisionDigits: 6, snapLength: got.interfaces[0]!.snapLength, name: 'lo' }]);
    const missing = await readSelectedFrames(chunks(), [1, 999]);
    expect(missing.frames.map((f) => f.number)).toEqual([1]);
  });

  it('keeps only the wanted frames, as copies', () => {
    const { frames } = read(IPV6FRAG);
    const selector = new FrameSelector([2, 4, 999]);
    selector.push(frames);
    expect(selector.frames().map((f) => f.number)).toEqual([2, 4]);
    expect(selector.remaining).toBe(1);
    expect(selector.frames()[0]!.data).toEqual(frames[1]!.data);
    expect(selector.frames()[0]!.data.buffer).not.toBe(frames[1]!.data.buffer);
  });
});

describe('writing a selection', () => {
  const ts = { seconds: 1_700_000_000, nanoseconds: 123_456_789 };
  // Two tiny frames on two interfaces: a 4-byte raw-IP stub and a 2-byte Ethernet stub (contents do not matter).
  const frames: SelectedFrame[] = [
    { order: 2, timestamp: ts, data: hex('45 00 00 14'), originalLength: 4, interfaceIndex: 1 },
    { order: 1, timestamp: ts, data: hex('aa bb'), originalLength: 60, interfaceIndex: 0 },
  ];
  const ethernet = { linkType: 1, timePrecisionDigits: 9, snapLength: 0 };
  const rawIp = { linkType: 101, timePrecisionDigits: 6, snapLength: 65535, name: 'raw' };

  it('writes pcap in output order with nanoseconds when an interface has them', () => {
    const r = writeFrameSelection('pcap', [ethernet], [frames[1]!, { ...frames[0]!, interfaceIndex: 0 }]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const back = read(r.bytes);
    expect(back.frames.map((f) => [...f.data])).toEqual([[0xaa, 0xbb], [0x45, 0, 0, 0x14]]);
    expect(back.frames[0]!.timestamp).toEqual(ts);
    expect(back.frames[0]!.originalLength).toBe(60);
  });

  it('refuses pcap across link types and writes pcapng with one interface each', () => {
    const pcap = writeFrameSelection('pcap', [ethernet, rawIp], frames);
    expect(!pcap.ok && pcap.error).toContain('use --format pcapng');
    const r = writeFrameSelection('pcapng', [ethernet, rawIp], frames);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const back = read(r.bytes);
    expect(back.reader.interfaces.map((i) => [i.linkType, i.timePrecisionDigits, i.name])).toEqual([[1, 9, undefined], [101, 6, 'raw']]);
    expect(back.frames.map((f) => [f.interfaceId, f.timestamp.nanoseconds])).toEqual([[0, 123_456_789], [1, 123_456_000]]);
  });

  it('writes only the interfaces the frames use, and an empty selection as a valid empty file', () => {
    const r = writeFrameSelection('pcapng', [ethernet, rawIp], [frames[0]!]);
    expect(r.ok && read(r.bytes).reader.interfaces.map((i) => i.linkType)).toEqual([101]);
    const empty = writeFrameSelection('pcap', [], []);
    expect(empty.ok && empty.bytes.length).toBe(24);
  });
});
