import { describe, expect, it } from 'vitest';
import { concatBytes, hex } from '../../shared/bytes.ts';
import { PacketDecoder } from '../packetDecoder.ts';
import { APP_PAYLOAD, ipv4, testFrame, udp, type TestFrameOptions } from './testPackets.ts';

function decode(data: Uint8Array, options: TestFrameOptions) {
  return new PacketDecoder().decode(testFrame(data, options));
}

const IPV4_UDP = ipv4(17, udp(5060, 5060, APP_PAYLOAD));
// packet type 0 (to us) | ARPHRD 1 (Ethernet) | address length 6 | address (8, padded) | protocol …
const SLL_PREFIX = hex('00 00  00 01  00 06  02 00 00 00 00 01 00 00');
const SLL = { linkType: 113 };
const SLL2 = { linkType: 276 };

describe('Linux cooked capture (SLL, link type 113)', () => {
  it('decodes IPv4 by the protocol field', () => {
    const { result } = decode(concatBytes([SLL_PREFIX, hex('08 00'), IPV4_UDP]), SLL);
    expect(result).toMatchObject({ kind: 'udp', src: { ip: '192.0.2.1', port: 5060 }, encapsulation: [] });
  });

  it('decodes a VLAN tag inside SLL (protocol 0x8100)', () => {
    const { result } = decode(concatBytes([SLL_PREFIX, hex('81 00  00 2a 08 00'), IPV4_UDP]), SLL);
    expect(result).toMatchObject({ kind: 'udp', encapsulation: ['vlan:42'] });
  });

  it('sends ETH_P_802_2 to LLC and classifies netlink and other pseudo protocols', () => {
    expect(decode(concatBytes([SLL_PREFIX, hex('00 04 42 42 03 00')]), SLL).result).toEqual({ kind: 'other', protocol: 'stp' });
    // ARPHRD 824 = netlink
    expect(decode(hex('00 04 03 38 00 00 00 00 00 00 00 00 00 00 00 10 00'), SLL).result).toEqual({ kind: 'other', protocol: 'netlink' });
    expect(decode(concatBytes([SLL_PREFIX, hex('00 1d ff')]), SLL).result).toEqual({ kind: 'other', protocol: 'linux-protocol-0x001d' });
  });

  it('reports a header cut short', () => {
    expect(decode(SLL_PREFIX, SLL).result).toEqual({ kind: 'malformed', code: 'sll.too_short' });
    expect(decode(SLL_PREFIX, { ...SLL, originalLength: 100 }).result).toEqual({ kind: 'truncated' });
  });

  it('does not throw on garbage', () => {
    for (let n = 0; n < 40; n++) expect(() => decode(Uint8Array.from({ length: n }, (_, i) => 0x81 ^ i), SLL)).not.toThrow();
  });
});

describe('Linux cooked capture v2 (SLL2, link type 276)', () => {
  // protocol 0800 | reserved | ifindex 3 | ARPHRD 1 | packet type 4 (outgoing) | addr len 6 | address (8)
  const SLL2_HEADER = hex('08 00 00 00  00 00 00 03  00 01 04 06  02 00 00 00 00 01 00 00');

  it('decodes IPv4 by the leading protocol field', () => {
    expect(decode(concatBytes([SLL2_HEADER, IPV4_UDP]), SLL2).result).toMatchObject({ kind: 'udp' });
  });

  it('reports a header cut short', () => {
    expect(decode(SLL2_HEADER.subarray(0, 19), SLL2).result).toEqual({ kind: 'malformed', code: 'sll2.too_short' });
  });
});
