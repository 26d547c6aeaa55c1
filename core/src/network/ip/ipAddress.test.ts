import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hex } from '../../shared/bytes.ts';
import { formatIpv4, formatIpv6 } from './ipAddress.ts';

describe('formatIpv4', () => {
  it('writes a dotted quad at the given offset', () => {
    expect(formatIpv4(hex('ff c0 00 02 01'), 1)).toBe('192.0.2.1');
  });
});

describe('formatIpv6 (RFC 5952)', () => {
  const cases: Array<[string, string]> = [
    ['2001 0db8 0000 0000 0000 0000 0000 0001', '2001:db8::1'],
    ['0000 0000 0000 0000 0000 0000 0000 0001', '::1'],
    ['0000 0000 0000 0000 0000 0000 0000 0000', '::'],
    ['2001 0db8 0000 0001 0001 0001 0001 0001', '2001:db8:0:1:1:1:1:1'], // §4.2.2: a single zero group stays
    ['2001 0db8 0000 0000 0001 0000 0000 0001', '2001:db8::1:0:0:1'], // §4.2.3: first of equal runs
    ['2001 0000 0000 0001 0000 0000 0000 0001', '2001:0:0:1::1'], // §4.2.3: the longer run wins
    ['2001 0DB8 AAAA BBBB CCCC DDDD EEEE 0AAA', '2001:db8:aaaa:bbbb:cccc:dddd:eeee:aaa'], // §4.3 lower case
    ['fe80 0000 0000 0000 0000 0000 0000 0000', 'fe80::'],
    ['0000 0000 0000 0000 0000 ffff c000 0201', '::ffff:192.0.2.1'], // §5 mixed form for IPv4-mapped
    ['0000 0000 0000 0000 0000 0000 c000 0201', '::c000:201'], // IPv4-compatible (deprecated): plain hex
  ];
  for (const [bytes, text] of cases) {
    it(`formats ${text}`, () => {
      expect(formatIpv6(hex(bytes), 0)).toBe(text);
    });
  }

  it('agrees with the WHATWG URL serializer (same compression rules) for every non-mapped address', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 8 }),
        (raw, zeroGroups) => {
          const bytes = Uint8Array.from(raw);
          for (const g of zeroGroups) bytes[2 * g] = bytes[2 * g + 1] = 0; // make zero runs likely
          const isMapped = bytes.subarray(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
          fc.pre(!isMapped);
          let full = ''; // uncompressed, zero-padded: an independent spelling of the same address
          for (let i = 0; i < 16; i += 2) full += (i ? ':' : '') + ((bytes[i]! << 8) | bytes[i + 1]!).toString(16).padStart(4, '0');
          expect(`[${formatIpv6(bytes, 0)}]`).toBe(new URL(`http://[${full}]/`).hostname);
        },
      ),
    );
  });
});
