import { describe, expect, it } from 'vitest';
import { concatBytes, hex } from '../../shared/bytes.ts';
import { PacketDecoder } from '../packetDecoder.ts';
import { APP_PAYLOAD, ipv4, ipv6, testFrame, udp } from './testPackets.ts';

function decode(data: Uint8Array, linkType: number) {
  return new PacketDecoder().decode(testFrame(data, { linkType }));
}

const IPV4_UDP = ipv4(17, udp(5060, 5060, APP_PAYLOAD));
const IPV6_UDP = ipv6(17, udp(5060, 5060, APP_PAYLOAD));

describe('BSD NULL (link type 0) and LOOP (108)', () => {
  it('reads the family in either byte order for NULL', () => {
    expect(decode(concatBytes([hex('02 00 00 00'), IPV4_UDP]), 0).result).toMatchObject({ kind: 'udp', src: { ip: '192.0.2.1' } });
    expect(decode(concatBytes([hex('00 00 00 02'), IPV4_UDP]), 0).result).toMatchObject({ kind: 'udp' });
  });

  it('knows the three BSD values of AF_INET6', () => {
    for (const family of ['18 00 00 00', '1c 00 00 00', '00 00 00 1e']) {
      expect(decode(concatBytes([hex(family), IPV6_UDP]), 0).result).toMatchObject({ kind: 'udp', src: { ip: '2001:db8::1' } });
    }
  });

  it('reads LOOP in network order only', () => {
    expect(decode(concatBytes([hex('00 00 00 02'), IPV4_UDP]), 108).result).toMatchObject({ kind: 'udp' });
    expect(decode(concatBytes([hex('02 00 00 00'), IPV4_UDP]), 108).result).toEqual({ kind: 'other', protocol: 'null-family-33554432' });
  });

  it('classifies unknown families and reports a short header', () => {
    expect(decode(hex('07 00 00 00 00'), 0).result).toEqual({ kind: 'other', protocol: 'null-family-7' });
    expect(decode(hex('02 00'), 0).result).toEqual({ kind: 'malformed', code: 'null.too_short' });
  });
});
