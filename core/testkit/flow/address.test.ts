import { describe, expect, it } from 'vitest';
import { hex } from '../../src/shared/bytes.ts';
import { macFor, parseIpv6, parseNodeAddress } from './address.ts';

describe('parseNodeAddress', () => {
  it('reads IPv4 and bracketed IPv6 addresses with ports', () => {
    expect(parseNodeAddress('192.0.2.10:5060')).toEqual({ text: '192.0.2.10:5060', family: 4, ip: hex('c0 00 02 0a'), port: 5060 });
    const v6 = parseNodeAddress(' [2001:db8::3]:5061 ');
    expect(v6.family).toBe(6);
    expect(v6.ip).toEqual(hex('20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 03'));
    expect(v6.port).toBe(5061);
  });

  it('reads full, compressed and IPv4-suffixed IPv6 forms', () => {
    expect(parseIpv6('::')).toEqual(new Uint8Array(16));
    expect(parseIpv6('::ffff:192.0.2.1')).toEqual(hex('00000000 00000000 0000ffff c0000201'));
    expect(parseIpv6('2001:db8:0:0:0:0:0:1')).toEqual(parseIpv6('2001:db8::1'));
    expect(parseIpv6('1::2::3')).toBeUndefined();
    expect(parseIpv6('1:2:3:4:5:6:7')).toBeUndefined();
  });

  it('rejects truncated and garbage addresses', () => {
    expect(() => parseNodeAddress('192.0.2:5060')).toThrow(/bad IP/);
    expect(() => parseNodeAddress('192.0.2.1')).toThrow(/not ip:port/);
    expect(() => parseNodeAddress('alice')).toThrow(/not ip:port/);
    expect(() => parseNodeAddress('300.0.0.1:1')).toThrow(/bad IP/);
  });

  it('derives a locally administered MAC from the last four IP bytes', () => {
    expect(macFor(hex('c0 00 02 0a'))).toEqual(hex('02 00 c0 00 02 0a'));
  });
});
