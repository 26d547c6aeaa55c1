import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hex } from '../../src/shared/bytes.ts';
import { crc32c, internetChecksum } from './checksum.ts';

describe('internetChecksum', () => {
  it('matches the RFC 1071 §3 worked example', () => {
    // words 0001 f203 f4f5 f6f7 sum to ddf2 (after end-around carry); the checksum is its complement
    expect(internetChecksum(hex('00 01 f2 03 f4 f5 f6 f7'))).toBe(~0xddf2 & 0xffff);
  });

  it('checksums a real IPv4 header to a value that makes the header sum to zero', () => {
    // 20-byte header from a capture: 45 00 00 73 00 00 40 00 40 11 [b8 61] c0 a8 00 01 c0 a8 00 c7
    expect(internetChecksum(hex('45 00 00 73 00 00 40 00 40 11 00 00 c0 a8 00 01 c0 a8 00 c7'))).toBe(0xb861);
    expect(internetChecksum(hex('45 00 00 73 00 00 40 00 40 11 b8 61 c0 a8 00 01 c0 a8 00 c7'))).toBe(0);
  });

  it('gives the same result however the bytes are split into parts (odd splits included)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(), (bytes, cut) => {
        const at = bytes.length === 0 ? 0 : cut % bytes.length;
        expect(internetChecksum(bytes.subarray(0, at), bytes.subarray(at))).toBe(internetChecksum(bytes));
      }),
    );
  });
});

describe('crc32c', () => {
  it('matches the Castagnoli check value', () => {
    expect(crc32c(new TextEncoder().encode('123456789'))).toBe(0xe3069283);
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa); // RFC 3720 B.4: 32 bytes of zeros
  });
});
