import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PcapngWriter } from '../../core/src/export/pcapngWriter.ts';
import { concatBytes, hex } from '../../core/src/shared/bytes.ts';
import { chunked } from '../engine/testCaptures.ts';
import { PcapngBoundary } from './livePcapngBoundary.ts';

/** A pcapng stream as a capture tool writes it: section header, interface, then one block per packet. */
function stream(frames: number): { bytes: Uint8Array; blockEnds: number[] } {
  const writer = new PcapngWriter({ interfaces: [{ linkType: 1, name: 'lo' }] });
  const blocks = [writer.header()];
  for (let i = 0; i < frames; i++) {
    blocks.push(writer.frame({ timestamp: { seconds: 1_700_000_000 + i, nanoseconds: 0 }, data: new Uint8Array(40 + i * 7), originalLength: 40 + i * 7, interfaceId: 0 }));
  }
  const bytes = concatBytes(blocks);
  const ends: number[] = [];
  let at = 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  while (at < bytes.length) {
    at += view.getUint32(at + 4, true);
    ends.push(at);
  }
  return { bytes, blockEnds: ends };
}

function track(chunks: readonly Uint8Array[]): PcapngBoundary {
  const b = new PcapngBoundary();
  for (const c of chunks) b.push(c);
  return b;
}

describe('PcapngBoundary', () => {
  it('ends at the last whole block however the stream is split', () => {
    const { bytes } = stream(20);
    fc.assert(fc.property(fc.integer({ min: 1, max: 300 }), (size) => {
      expect(track(chunked(bytes, size)).committed).toBe(bytes.length);
    }));
  });

  it('stops before a block the tool is still writing', () => {
    const { bytes, blockEnds } = stream(5);
    fc.assert(fc.property(fc.integer({ min: 0, max: bytes.length }), fc.integer({ min: 1, max: 64 }), (cut, size) => {
      const b = track(chunked(bytes.subarray(0, cut), size));
      expect(b.committed).toBe(blockEnds.filter((e) => e <= cut).at(-1) ?? 0);
      expect(b.problem).toBeUndefined();
    }));
  });

  it('follows a big-endian section (its byte-order magic says so)', () => {
    // SHB, big-endian, 28 bytes: type, length 28, magic 1A2B3C4D, version 1.0, section length -1, length again.
    const shb = hex('0a 0d 0d 0a 00 00 00 1c 1a 2b 3c 4d 00 01 00 00 ff ff ff ff ff ff ff ff 00 00 00 1c');
    // IDB, big-endian, 20 bytes: type 1, length 20, link type 1, reserved, snap length 0, length again.
    const idb = hex('00 00 00 01 00 00 00 14 00 01 00 00 00 00 00 00 00 00 00 14');
    expect(track([shb, idb.subarray(0, 9)]).committed).toBe(28);
    expect(track([concatBytes([shb, idb])]).committed).toBe(48);
  });

  it('stops tracking at garbage, keeping the last good boundary', () => {
    const { bytes } = stream(1);
    // A block claiming 13 bytes (not a multiple of 4) after the good ones.
    const b = track([bytes, hex('06 00 00 00 0d 00 00 00 00 00 00 00 00 00 00 00')]);
    expect(b.committed).toBe(bytes.length);
    expect(b.problem).toMatch(/impossible length 13/);
    // Text where a section header should carry its magic.
    const text = track([hex('0a 0d 0d 0a 1c 00 00 00 68 65 6c 6c 6f 21 21 21')]);
    expect([text.committed, text.problem]).toEqual([0, 'section header at byte 0 has no byte-order magic']);
  });
});
