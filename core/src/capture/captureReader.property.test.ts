/**
 * Laws of the reader: chunking never changes what is read, and no input — random or a damaged valid
 * file — makes it throw or give up frames that lie wholly before the damage.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { concatBytes, hex } from '../shared/bytes.ts';
import {
  buildPcap,
  pcapngBlock,
  pcapngInterface,
  pcapngOption,
  pcapngPacket,
  pcapngSectionHeader,
  pcapngSimplePacket,
} from './buildCapture.ts';
import type { Frame, FrameBatch } from './frame.ts';
import { readCapture } from './readFrames.ts';

const corpus = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../fixtures/corpus/captures/${name}`, import.meta.url)));

const PCAP_LE = buildPcap(
  { linkTypeWord: 0x24000001 },
  Array.from({ length: 12 }, (_, i) => ({ seconds: 1000 + i, fraction: i * 7, data: new Uint8Array(i * 37 + 1).fill(i) })),
);
const PCAP_BE_NS = buildPcap(
  { littleEndian: false, nanoseconds: true, snapLength: 64 },
  Array.from({ length: 8 }, (_, i) => ({ seconds: i, fraction: 999_999_000 + i, data: new Uint8Array(i * 20 + 3).fill(i) })),
);
/** All little-endian, so a block's length is at fileOffset + 4 in LE. */
const PCAPNG_LE = concatBytes([
  pcapngSectionHeader(),
  pcapngInterface(1, 0, concatBytes([pcapngOption(2, 'eth0'), pcapngOption(9, new Uint8Array([9]))])),
  pcapngInterface(113, 200),
  ...Array.from({ length: 10 }, (_, i) =>
    i % 4 === 3
      ? pcapngBlock(0x40000bad, new Uint8Array(i * 3))
      : pcapngPacket({ interfaceId: i % 2, ticks: 1_700_000_000_000_000_000n + BigInt(i) * 999n, data: new Uint8Array(i * 29 + 1).fill(i) }, true, i === 5),
  ),
]);
const PCAPNG_MIXED = concatBytes([
  PCAPNG_LE,
  pcapngSectionHeader(false),
  pcapngInterface(101, 0, pcapngOption(9, new Uint8Array([0x80 | 20]), false), false),
  pcapngSimplePacket(hex('45 00 00 14'), 4, false),
  pcapngPacket({ interfaceId: 0, ticks: 123456789n, data: hex('45 00') }, false),
]);

/** ~100 KB of poorly compressible records: its gzip spans several of GzipInflater's 64 KiB units. */
let state = 7;
const noise = () => ((state ^= state << 13), (state ^= state >>> 17), (state ^= state << 5), state & 0xff); // xorshift32
const NOISY_GZIP = gzipSync(
  buildPcap({}, Array.from({ length: 200 }, (_, i) => ({ seconds: i, fraction: 0, data: Uint8Array.from({ length: 500 }, noise) }))),
);
const CORRUPT_GZIP = NOISY_GZIP.slice();
CORRUPT_GZIP[70000] ^= 0x5a;

const FIXTURES: [string, Uint8Array][] = [
  ['pcap LE with FCS bits', PCAP_LE],
  ['pcap BE nanoseconds', PCAP_BE_NS],
  ['pcapng two sections', PCAPNG_MIXED],
  ['gzip of pcapng', gzipSync(PCAPNG_MIXED)],
  ['gzip cut short', NOISY_GZIP.subarray(0, 80000)],
  ['corrupt gzip', CORRUPT_GZIP],
  ['corpus Linux cooked pcap', corpus('uploads____moin_import____attachments__SampleCaptures__T38.pcap')],
  ['corpus pcapng', corpus('tests__cfgs__default__pcap__sip_hello.pcapng')],
];

/** Splits at the given points (sorted, deduplicated, inside the array). */
function splitAt(bytes: Uint8Array, points: number[]): Uint8Array[] {
  const cuts = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    chunks.push(bytes.slice(from, cut)); // slice: each chunk a separate buffer, as a stream gives them
    from = cut;
  }
  return chunks;
}

/** Where each frame's record ends in the file (pcap: 16-byte header; pcapng: the block length). */
function recordEnds(bytes: Uint8Array, frames: Frame[], pcapng: boolean): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return frames.map((f) => (pcapng ? f.fileOffset + view.getUint32(f.fileOffset + 4, true) : f.fileOffset + 16 + f.capturedLength));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** toEqual on frames, with the bytes compared by a plain loop (vitest's deep equality is slow on bytes). */
function expectSameFrames(actual: Frame[], expected: Frame[]): void {
  expect(actual.map(({ data: _data, ...rest }) => rest)).toEqual(expected.map(({ data: _data, ...rest }) => rest));
  const differing = actual.findIndex((f, i) => !sameBytes(f.data, expected[i].data));
  expect(differing).toBe(-1);
}

function expectSameRead(actual: FrameBatch, expected: FrameBatch): void {
  expect(actual.issues).toEqual(expected.issues);
  expectSameFrames(actual.frames, expected.frames);
}

/** Ends of all blocks of a little-endian pcapng file, packet-carrying or not. */
function blockEnds(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ends: number[] = [];
  for (let at = 0; at < bytes.length; at += view.getUint32(at + 4, true)) ends.push(at + view.getUint32(at + 4, true));
  return ends;
}

describe('chunking', () => {
  it.each(FIXTURES)('does not change the frames or issues of %s', (_name, bytes) => {
    const whole = readCapture(bytes);
    expect(whole.frames.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 40 }), (points) => {
        expectSameRead(readCapture(splitAt(bytes, points)), whole);
      }),
      { numRuns: 100 },
    );
  });

  it.each(FIXTURES)('does not change %s read one byte at a time', (_name, bytes) => {
    const ones = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
    expectSameRead(readCapture(ones), readCapture(bytes));
  });
});

describe('damage', () => {
  const starts = [hex('d4 c3 b2 a1 02 00 04 00'), hex('0a 0d 0d 0a'), hex('1f 8b 08 00'), new Uint8Array(0)];

  it('random bytes, behind any magic, never throw and give sane frames', () => {
    fc.assert(
      fc.property(fc.constantFrom(...starts), fc.uint8Array({ maxLength: 600 }), fc.array(fc.nat(), { maxLength: 5 }), (start, body, points) => {
        const bytes = concatBytes([start, body]);
        const read = readCapture(splitAt(bytes, points));
        for (const frame of read.frames) {
          expect(frame.data.length).toBe(frame.capturedLength);
          expect(frame.timestamp.nanoseconds).toBeGreaterThanOrEqual(0);
          expect(frame.timestamp.nanoseconds).toBeLessThan(1e9);
        }
        expectSameRead(read, readCapture(bytes));
      }),
      { numRuns: 1500 },
    );
  });

  const VALID: [string, Uint8Array, boolean][] = [
    ['pcap', PCAP_LE, false],
    ['pcapng', PCAPNG_LE, true],
    ['corpus pcap', corpus('uploads____moin_import____attachments__SampleCaptures__T38.pcap'), false],
  ];

  it.each(VALID)('truncating a %s file keeps exactly the records before the cut', (_name, bytes, pcapng) => {
    const whole = readCapture(bytes).frames;
    const ends = recordEnds(bytes, whole, pcapng);
    // A classic pcap cut right after its 24-byte file header is an empty capture, not damage.
    const boundaries = new Set(pcapng ? blockEnds(bytes) : [24, ...ends]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length }), (cut) => {
        const read = readCapture(bytes.subarray(0, cut));
        const intact = whole.filter((_f, i) => ends[i] <= cut);
        expectSameFrames(read.frames, intact);
        const atBoundary = cut === 0 || cut === bytes.length || boundaries.has(cut);
        if (!atBoundary) expect(read.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 40 }) }),
    fc.record({ kind: fc.constant('overwrite' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  );

  it.each(VALID)('bit flips, insertions and overwrites of a %s file never throw and keep the records before them', (_name, bytes, pcapng) => {
    const whole = readCapture(bytes).frames;
    const ends = recordEnds(bytes, whole, pcapng);
    fc.assert(
      fc.property(mutation, fc.array(fc.nat(), { maxLength: 4 }), (m, points) => {
        const at = m.at % bytes.length;
        let damaged: Uint8Array;
        if (m.kind === 'flip') {
          damaged = bytes.slice();
          damaged[at] ^= 1 << m.bit;
        } else if (m.kind === 'insert') {
          damaged = concatBytes([bytes.subarray(0, at), m.bytes, bytes.subarray(at)]);
        } else {
          damaged = bytes.slice();
          damaged.set(m.bytes.subarray(0, bytes.length - at), at);
        }
        const read = readCapture(splitAt(damaged, points));
        const intact = whole.filter((_f, i) => ends[i] <= at);
        expectSameFrames(read.frames.slice(0, intact.length), intact);
      }),
      { numRuns: 600 },
    );
  });

  it('mutated gzip never throws', () => {
    const gz = gzipSync(PCAP_LE);
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 255 }), fc.nat(), (at, xor, cut) => {
        const damaged = gz.slice(0, Math.max(1, cut % (gz.length + 1)));
        damaged[at % damaged.length] ^= xor;
        const read = readCapture(damaged);
        expect(read.issues.length + read.frames.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});
