import { describe, expect, it } from 'vitest';
import { concatBytes, hex } from '../../shared/bytes.ts';
import { PacketDecoder } from '../packetDecoder.ts';
import { APP_PAYLOAD, ethernet, ipv4, ipv6, testFrame, udp } from './testPackets.ts';

function decode(data: Uint8Array, linkType: number) {
  return new PacketDecoder().decode(testFrame(data, { linkType }));
}

const IPV4_UDP = ipv4(17, udp(5060, 5060, APP_PAYLOAD));

describe('PPP (link type 9) and PPP in HDLC framing (50)', () => {
  it('reads the protocol with or without the ff 03 address/control bytes', () => {
    expect(decode(concatBytes([hex('ff 03 00 21'), IPV4_UDP]), 9).result).toMatchObject({ kind: 'udp' });
    expect(decode(concatBytes([hex('00 21'), IPV4_UDP]), 9).result).toMatchObject({ kind: 'udp' });
    expect(decode(concatBytes([hex('ff 03 00 57'), ipv6(17, udp(1, 2, APP_PAYLOAD))]), 50).result).toMatchObject({ kind: 'udp' });
  });

  it('reads a compressed one-byte protocol field', () => {
    expect(decode(concatBytes([hex('21'), IPV4_UDP]), 9).result).toMatchObject({ kind: 'udp' });
  });

  it('classifies PPP control protocols', () => {
    expect(decode(hex('ff 03 c0 21 01 01 00 04'), 9).result).toEqual({ kind: 'other', protocol: 'ppp-lcp' });
    expect(decode(hex('ff 03 80 21 01 01 00 04'), 9).result).toEqual({ kind: 'other', protocol: 'ppp-ipcp' });
    expect(decode(hex('ff 03 12 34'), 9).result).toEqual({ kind: 'other', protocol: 'ppp-0x1234' });
  });

  it('reads Cisco HDLC in link type 50 and 104', () => {
    expect(decode(concatBytes([hex('0f 00 08 00'), IPV4_UDP]), 50).result).toMatchObject({ kind: 'udp' });
    expect(decode(concatBytes([hex('8f 00 08 00'), IPV4_UDP]), 104).result).toMatchObject({ kind: 'udp' });
    expect(decode(hex('0f 00 08'), 104).result).toEqual({ kind: 'malformed', code: 'hdlc.too_short' });
  });

  it('reports a header cut short', () => {
    expect(decode(hex('ff 03'), 9).result).toEqual({ kind: 'malformed', code: 'ppp.too_short' });
    expect(decode(hex('ff 03 00'), 9).result).toEqual({ kind: 'malformed', code: 'ppp.too_short' });
  });
});

describe('PPPoE session over Ethernet', () => {
  // ver/type 11 | code 00 | session 0x0001 | length | PPP protocol 0021 …
  function pppoe(inner: Uint8Array, lengthDelta = 0): Uint8Array {
    const length = inner.length + 2 + lengthDelta;
    return ethernet(0x8864, concatBytes([hex('11 00 00 01'), Uint8Array.of(length >> 8, length & 0xff), hex('00 21'), inner]));
  }

  it('decodes IPv4 in PPP and records pppoe', () => {
    expect(decode(pppoe(IPV4_UDP), 1).result).toMatchObject({ kind: 'udp', encapsulation: ['pppoe'] });
  });

  it('uses the PPPoE length to cut trailing padding', () => {
    const padded = concatBytes([pppoe(IPV4_UDP), new Uint8Array(10)]);
    expect(decode(padded, 1).result).toMatchObject({ kind: 'udp', payload: APP_PAYLOAD });
  });

  it('reports a length beyond the frame, a bad version and a cut header', () => {
    expect(decode(pppoe(IPV4_UDP, 5), 1).result).toEqual({ kind: 'malformed', code: 'pppoe.length_exceeds_frame' });
    expect(decode(ethernet(0x8864, hex('21 00 00 01 00 02 00 21')), 1).result).toEqual({ kind: 'malformed', code: 'pppoe.bad_version' });
    expect(decode(ethernet(0x8864, hex('11 00 00')), 1).result).toEqual({ kind: 'malformed', code: 'pppoe.too_short' });
  });

  it('classifies PPPoE discovery', () => {
    expect(decode(ethernet(0x8863, hex('11 09 00 00 00 00')), 1).result).toEqual({ kind: 'other', protocol: 'pppoed' });
  });
});
