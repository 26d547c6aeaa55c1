import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import pcapParser from 'pcap-parser';
import { hex } from '../shared/bytes.ts';
import { PcapWriter, writePcap, type WritableFrame } from './pcapWriter.ts';

interface ParsedPcap {
  linkType: number;
  snapLength: number;
  packets: { seconds: number; microseconds: number; capturedLength: number; originalLength: number; data: Uint8Array }[];
}

/**
 * Reads bytes with the independent pcap-parser package. It wants a Node stream of Buffers, so a
 * minimal object with pause/resume/on stands in for one (test-only use of Node's Buffer).
 */
function parseWithOracle(bytes: Uint8Array): Promise<ParsedPcap> {
  const listeners: Record<string, ((arg?: unknown) => void)[]> = {};
  const stream = {
    pause() {},
    resume() {
      for (const l of listeners['data'] ?? []) l(Buffer.from(bytes));
      for (const l of listeners['end'] ?? []) l();
    },
    on(event: string, listener: (arg?: unknown) => void) {
      (listeners[event] ??= []).push(listener);
      return stream;
    },
  };
  return new Promise((resolve, reject) => {
    const result: ParsedPcap = { linkType: -1, snapLength: -1, packets: [] };
    pcapParser
      .parse(stream)
      .on('globalHeader', (h) => {
        result.linkType = h.linkLayerType;
        result.snapLength = h.snapshotLength;
      })
      .on('packet', (p) => {
        result.packets.push({
          seconds: p.header.timestampSeconds,
          microseconds: p.header.timestampMicroseconds,
          capturedLength: p.header.capturedLength,
          originalLength: p.header.originalLength,
          data: new Uint8Array(p.data),
        });
      })
      .on('error', reject)
      .on('end', () => resolve(result));
  });
}

const frameArbitrary: fc.Arbitrary<WritableFrame> = fc.record({
  timestamp: fc.record({ seconds: fc.integer({ min: 0, max: 0xffffffff }), nanoseconds: fc.integer({ min: 0, max: 999_999 }).map((us) => us * 1000) }),
  data: fc.uint8Array({ maxLength: 300 }),
}).chain((f) => fc.record({
  timestamp: fc.constant(f.timestamp),
  data: fc.constant(f.data),
  originalLength: fc.integer({ min: f.data.length, max: f.data.length + 2000 }),
}));

describe('writePcap', () => {
  it('writes the microsecond file header and one record exactly', () => {
    const bytes = writePcap(
      [{ timestamp: { seconds: 0x65e1a6a0, nanoseconds: 123_456_789 }, data: hex('de ad be ef'), originalLength: 60 }],
      { linkType: 1 },
    );
    expect(bytes).toEqual(hex(`
      d4 c3 b2 a1  02 00 04 00       # magic a1b2c3d4 LE, version 2.4
      00 00 00 00  00 00 00 00       # thiszone, sigfigs
      00 00 04 00  01 00 00 00       # snaplen 262144, linktype 1 (Ethernet)
      a0 a6 e1 65  40 e2 01 00       # ts 0x65e1a6a0 s, 123456 µs (sub-µs digits truncated)
      04 00 00 00  3c 00 00 00       # incl_len 4, orig_len 60
      de ad be ef`));
  });

  it('uses the nanosecond magic and keeps every nanosecond digit', () => {
    const bytes = writePcap([{ timestamp: { seconds: 1, nanoseconds: 999_999_999 }, data: hex('00') }], { nanosecond: true, linkType: 101 });
    const view = new DataView(bytes.buffer);
    expect(view.getUint32(0, true)).toBe(0xa1b23c4d);
    expect(view.getUint32(20, true)).toBe(101);
    expect(view.getUint32(28, true)).toBe(999_999_999);
  });

  it('cuts data longer than the snap length but keeps the wire length', () => {
    const bytes = writePcap([{ timestamp: { seconds: 0, nanoseconds: 0 }, data: new Uint8Array(100).fill(7) }], { snapLength: 64 });
    const view = new DataView(bytes.buffer);
    expect(view.getUint32(16, true)).toBe(64);
    expect(view.getUint32(24 + 8, true)).toBe(64);
    expect(view.getUint32(24 + 12, true)).toBe(100);
    expect(bytes.length).toBe(24 + 16 + 64);
  });

  it('writes a header alone for no frames', () => {
    expect(writePcap([]).length).toBe(24);
  });

  it('streams the same bytes as the one-shot writer', () => {
    const frames: WritableFrame[] = [
      { timestamp: { seconds: 10, nanoseconds: 5000 }, data: hex('01 02 03') },
      { timestamp: { seconds: 11, nanoseconds: 0 }, data: hex('04'), originalLength: 9 },
    ];
    const writer = new PcapWriter({ linkType: 113 });
    const streamed = [writer.header(), ...frames.map((f) => writer.frame(f))];
    const joined = new Uint8Array(streamed.reduce((n, c) => n + c.length, 0));
    streamed.reduce((at, c) => (joined.set(c, at), at + c.length), 0);
    expect(joined).toEqual(writePcap(frames, { linkType: 113 }));
  });

  it('round-trips through the pcap-parser oracle with identical frames', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(frameArbitrary, { maxLength: 20 }), async (frames) => {
        const parsed = await parseWithOracle(writePcap(frames, { linkType: 1 }));
        expect(parsed.linkType).toBe(1);
        expect(parsed.packets.length).toBe(frames.length);
        parsed.packets.forEach((p, i) => {
          const f = frames[i]!;
          expect(p.seconds).toBe(f.timestamp.seconds);
          expect(p.microseconds * 1000).toBe(f.timestamp.nanoseconds);
          expect(p.capturedLength).toBe(f.data.length);
          expect(p.originalLength).toBe(f.originalLength);
          expect(p.data).toEqual(f.data);
        });
      }),
      { numRuns: 50 },
    );
  });
});
