import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hex } from '../shared/bytes.ts';
import type { WritableFrame } from './pcapWriter.ts';
import { PcapngWriter, timestampUnits, writePcapng } from './pcapngWriter.ts';

interface ReadBlock {
  type: number;
  offset: number;
  totalLength: number;
  body: DataView;
  options: { code: number; value: Uint8Array }[];
}

/** Minimal little-endian pcapng walker for these tests: checks both length fields and parses options. */
function readBlocks(bytes: Uint8Array): ReadBlock[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const blocks: ReadBlock[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const type = view.getUint32(offset, true);
    const totalLength = view.getUint32(offset + 4, true);
    expect(totalLength % 4).toBe(0);
    expect(view.getUint32(offset + totalLength - 4, true)).toBe(totalLength);
    const fixed = type === 0x0a0d0d0a ? 16 : type === 1 ? 8 : 20 + ((view.getUint32(offset + 20, true) + 3) & ~3);
    const options: { code: number; value: Uint8Array }[] = [];
    let at = offset + 8 + fixed;
    const end = offset + totalLength - 4;
    while (at < end) {
      const code = view.getUint16(at, true);
      const length = view.getUint16(at + 2, true);
      if (code === 0) {
        expect(length).toBe(0);
        at += 4;
        break;
      }
      options.push({ code, value: bytes.slice(at + 4, at + 4 + length) });
      at += 4 + ((length + 3) & ~3);
    }
    expect(at).toBe(end);
    blocks.push({ type, offset, totalLength, body: new DataView(bytes.buffer, bytes.byteOffset + offset + 8, totalLength - 12), options });
    offset += totalLength;
  }
  expect(offset).toBe(bytes.length);
  return blocks;
}

/** Frames back from the blocks, using each IDB's if_tsresol (power-of-ten form only). */
function readFrames(bytes: Uint8Array): (WritableFrame & { interfaceId: number })[] {
  const digits: number[] = [];
  const frames: (WritableFrame & { interfaceId: number })[] = [];
  for (const b of readBlocks(bytes)) {
    if (b.type === 1) digits.push(b.options.find((o) => o.code === 9)?.value[0] ?? 6);
    if (b.type !== 6) continue;
    const interfaceId = b.body.getUint32(0, true);
    const units = BigInt(b.body.getUint32(4, true)) * 2n ** 32n + BigInt(b.body.getUint32(8, true));
    const perSecond = 10n ** BigInt(digits[interfaceId]!);
    const capturedLength = b.body.getUint32(12, true);
    const data = new Uint8Array(b.body.buffer, b.body.byteOffset + 20, capturedLength).slice();
    const comment = b.options.find((o) => o.code === 1);
    frames.push({
      interfaceId,
      timestamp: { seconds: Number(units / perSecond), nanoseconds: Number(((units % perSecond) * 10n ** 9n) / perSecond) },
      data,
      originalLength: b.body.getUint32(16, true),
      ...(comment ? { comment: new TextDecoder().decode(comment.value) } : {}),
    });
  }
  return frames;
}

describe('writePcapng', () => {
  it('writes SHB, IDB and EPB exactly', () => {
    const bytes = writePcapng([{ timestamp: { seconds: 1, nanoseconds: 500_000_000 }, data: hex('aa bb cc'), originalLength: 3 }], {
      interfaces: [{ linkType: 1 }],
    });
    expect(bytes).toEqual(hex(`
      0a 0d 0d 0a  1c 00 00 00       # SHB, total length 28
      4d 3c 2b 1a  01 00 00 00       # byte-order magic, version 1.0
      ff ff ff ff  ff ff ff ff       # section length unknown
      1c 00 00 00                    # total length again
      01 00 00 00  20 00 00 00       # IDB, total length 32
      01 00 00 00  00 00 00 00       # linktype 1, reserved, snaplen 0
      09 00 01 00  06 00 00 00       # if_tsresol = 6, padded
      00 00 00 00  20 00 00 00       # opt_endofopt, total length
      06 00 00 00  24 00 00 00       # EPB, total length 36
      00 00 00 00                    # interface 0
      00 00 00 00  60 e3 16 00       # 1 500 000 µs = 0x16e360
      03 00 00 00  03 00 00 00       # caplen 3, origlen 3
      aa bb cc 00                    # data padded to 32 bits
      24 00 00 00`));
  });

  it('pads comments of every length to 32 bits and keeps block lengths consistent', () => {
    const frames: WritableFrame[] = [];
    for (let n = 0; n <= 9; n++) frames.push({ timestamp: { seconds: n, nanoseconds: 0 }, data: new Uint8Array(n).fill(n), comment: 'x'.repeat(n) });
    const bytes = writePcapng(frames, { sectionComment: 'sé', application: 'sipladder' });
    const blocks = readBlocks(bytes);
    expect(new TextDecoder().decode(blocks[0]!.options[0]!.value)).toBe('sé');
    expect(new TextDecoder().decode(blocks[0]!.options[1]!.value)).toBe('sipladder');
    expect(readFrames(bytes).map((f) => f.comment)).toEqual(frames.map((f) => f.comment));
  });

  it('honours if_tsresol of 9 digits per interface', () => {
    const frames: WritableFrame[] = [
      { timestamp: { seconds: 1709287200, nanoseconds: 123_456_789 }, data: hex('01'), interfaceId: 0 },
      { timestamp: { seconds: 1709287200, nanoseconds: 123_456_789 }, data: hex('02'), interfaceId: 1 },
    ];
    const bytes = writePcapng(frames, {
      interfaces: [{ linkType: 1, tsresolDigits: 9, name: 'eth0' }, { linkType: 113, tsresolDigits: 6 }],
    });
    const blocks = readBlocks(bytes);
    expect(blocks.map((b) => b.type)).toEqual([0x0a0d0d0a, 1, 1, 6, 6]);
    expect(blocks[1]!.options.map((o) => o.code)).toEqual([2, 9]);
    const back = readFrames(bytes);
    expect(back[0]!.timestamp).toEqual({ seconds: 1709287200, nanoseconds: 123_456_789 });
    expect(back[1]!.timestamp).toEqual({ seconds: 1709287200, nanoseconds: 123_456_000 });
    expect(back.map((f) => f.interfaceId)).toEqual([0, 1]);
  });

  it('refuses a frame that names an interface that does not exist', () => {
    expect(() => writePcapng([{ timestamp: { seconds: 0, nanoseconds: 0 }, data: hex('00'), interfaceId: 2 }])).toThrow(RangeError);
    expect(() => new PcapngWriter({ interfaces: [{ linkType: 1, tsresolDigits: 12 }] })).toThrow(RangeError);
  });

  it('splits timestamps into 32-bit halves exactly (checked against BigInt)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 999_999_999 }), fc.integer({ min: 0, max: 9 }), (s, ns, d) => {
        const expected = BigInt(s) * 10n ** BigInt(d) + BigInt(ns) / 10n ** BigInt(9 - d);
        const { high, low } = timestampUnits(s, ns, d);
        expect(BigInt(high) * 2n ** 32n + BigInt(low)).toBe(expected);
        expect(low).toBeLessThan(2 ** 32);
      }),
    );
  });

  it('streams the same bytes as the one-shot writer', () => {
    const frames: WritableFrame[] = [
      { timestamp: { seconds: 3, nanoseconds: 7 }, data: hex('01 02 03 04 05'), comment: 'hi' },
      { timestamp: { seconds: 4, nanoseconds: 0 }, data: hex('06'), originalLength: 1500 },
    ];
    const options = { interfaces: [{ linkType: 1, tsresolDigits: 9 }], sectionComment: 'c' };
    const writer = new PcapngWriter(options);
    const parts = [writer.header(), ...frames.map((f) => writer.frame(f))];
    const joined = new Uint8Array(parts.reduce((n, c) => n + c.length, 0));
    parts.reduce((at, c) => (joined.set(c, at), at + c.length), 0);
    expect(joined).toEqual(writePcapng(frames, options));
  });

  it('round-trips frames byte for byte at nanosecond resolution', () => {
    const frame = fc.record({
      timestamp: fc.record({ seconds: fc.integer({ min: 0, max: 0xffffffff }), nanoseconds: fc.integer({ min: 0, max: 999_999_999 }) }),
      data: fc.uint8Array({ maxLength: 200 }),
      originalLength: fc.integer({ min: 200, max: 70000 }),
      interfaceId: fc.integer({ min: 0, max: 1 }),
    });
    fc.assert(
      fc.property(fc.array(frame, { maxLength: 15 }), (frames) => {
        const bytes = writePcapng(frames, { interfaces: [{ linkType: 1, tsresolDigits: 9 }, { linkType: 101, tsresolDigits: 9 }] });
        expect(readFrames(bytes)).toEqual(frames);
      }),
      { numRuns: 100 },
    );
  });
});
