import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hex } from '../../shared/bytes.ts';
import { AddressTexts } from './addressTexts.ts';
import { formatIpv4 } from './ipAddress.ts';

describe('AddressTexts', () => {
  it('writes every IPv4 address as formatIpv4 does', () => {
    const texts = new AddressTexts();
    fc.assert(fc.property(fc.uint8Array({ minLength: 4, maxLength: 4 }), (bytes) => {
      expect(texts.ipv4(bytes, 0)).toBe(formatIpv4(bytes, 0));
    }), { numRuns: 500 });
  });

  it('hands out the same string again for the same address, at any offset', () => {
    const texts = new AddressTexts();
    // Source 192.0.2.1 and destination 198.51.100.7 as they sit at offsets 12 and 16 of an IPv4 header.
    const header = hex('45 00 00 1c 00 00 40 00 40 11 00 00 c0 00 02 01 c6 33 64 07');
    const first = texts.ipv4(header, 12);
    expect(first).toBe('192.0.2.1');
    expect(texts.ipv4(hex('c0 00 02 01'), 0)).toBe(first);
    expect(texts.ipv4(header, 16)).toBe('198.51.100.7');
  });

  it('keeps answering correctly once more addresses than one generation holds have gone by', () => {
    const texts = new AddressTexts();
    const bytes = new Uint8Array(4);
    for (let i = 0; i < 200_000; i += 7) {
      bytes[0] = 10; bytes[1] = (i >> 16) & 255; bytes[2] = (i >> 8) & 255; bytes[3] = i & 255;
      expect(texts.ipv4(bytes, 0)).toBe(formatIpv4(bytes, 0));
    }
    expect(texts.ipv4(hex('0a 00 00 00'), 0)).toBe('10.0.0.0');
  });
});
