import { describe, expect, it } from 'vitest';
import { hex } from '../../shared/bytes.ts';
import { formatIpv4, formatIpv6 } from './hepAddress.ts';

describe('HEP address text', () => {
  it('formats IPv4 dotted', () => {
    expect(formatIpv4(hex('ff c0 a8 01 02'), 1)).toBe('192.168.1.2');
  });

  it('formats IPv6 in RFC 5952 canonical form', () => {
    expect(formatIpv6(hex('20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01'), 0)).toBe('2001:db8::1');
    expect(formatIpv6(hex('20 01 0d b8 00 00 00 01 00 00 00 00 00 01 00 01'), 0)).toBe('2001:db8:0:1::1:1');
    expect(formatIpv6(hex('20 01 0d b8 00 00 00 00 00 01 00 00 00 00 00 01'), 0)).toBe('2001:db8::1:0:0:1'); // leftmost longest run
    expect(formatIpv6(hex('20 01 0d b8 00 00 00 01 00 01 00 01 00 01 00 01'), 0)).toBe('2001:db8:0:1:1:1:1:1'); // lone zero kept
    expect(formatIpv6(new Uint8Array(16), 0)).toBe('::');
    expect(formatIpv6(hex('00 00 00 00 00 00 00 00 00 00 ff ff c0 00 02 01'), 0)).toBe('::ffff:192.0.2.1');
  });
});
