import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { updateCrc32 } from './crc32.ts';

describe('updateCrc32', () => {
  it('gives the check value of "123456789"', () => {
    expect(updateCrc32(0, new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(updateCrc32(0, new Uint8Array(0))).toBe(0);
  });

  it('agrees with zlib over any bytes, however they are split', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(7), fc.nat(), (raw, shift, at) => {
        const bytes = raw.subarray(Math.min(shift, raw.length)); // unaligned starts too
        const cut = at % (bytes.length + 1);
        const split = updateCrc32(updateCrc32(0, bytes.subarray(0, cut)), bytes.subarray(cut));
        expect(split).toBe(crc32(bytes));
      }),
      { numRuns: 500 },
    );
  });
});
