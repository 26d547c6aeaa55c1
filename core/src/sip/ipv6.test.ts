import { describe, expect, it } from 'vitest';
import { isIpv4Address, isIpv6Address } from './ipv6.ts';

describe('isIpv6Address', () => {
  it('accepts full, compressed and IPv4-tailed forms (RFC 4291 §2.2, RFC 5118)', () => {
    for (const address of ['2001:db8:0:0:0:0:0:1', '2001:db8::10', '::1', '::', '2001:db8::9:1', '::ffff:192.0.2.2', '2001:db8::192.0.2.1', 'FE80::A']) {
      expect(isIpv6Address(address), address).toBe(true);
    }
  });

  it('refuses three colons (RFC 5118 §4.10), two "::", too many groups and bad digits', () => {
    for (const address of ['2001:db8:::192.0.2.1', '1::2::3', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', '2001:db8::g', '12345::', '::ffff:192.0.2.256', '', 'example.com']) {
      expect(isIpv6Address(address), address).toBe(false);
    }
  });

  it('checks dotted IPv4 addresses', () => {
    expect(isIpv4Address('192.0.2.1')).toBe(true);
    expect(isIpv4Address('256.0.0.1')).toBe(false);
    expect(isIpv4Address('1.2.3')).toBe(false);
  });
});
