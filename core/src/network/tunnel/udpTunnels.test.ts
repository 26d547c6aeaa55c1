import { describe, expect, it } from 'vitest';
import { concatBytes, hex } from '../../shared/bytes.ts';
import { PacketDecoder } from '../packetDecoder.ts';
import { APP_PAYLOAD, ethernet, ipv4, ipv6, testFrame, udp } from '../link/testPackets.ts';

function decode(datagram: Uint8Array) {
  return new PacketDecoder().decode(testFrame(ipv4(17, datagram), { linkType: 228 }));
}

const INNER = ipv4(17, udp(5060, 5062, APP_PAYLOAD), { src: '10.9.9.1', dst: '10.9.9.2' });

describe('VXLAN (UDP 4789)', () => {
  it('decodes the inner Ethernet frame and records vxlan', () => {
    // flags I | reserved | VNI 0x000064 | reserved
    const vxlan = concatBytes([hex('08 00 00 00 00 00 64 00'), ethernet(0x0800, INNER)]);
    expect(decode(udp(51000, 4789, vxlan)).result).toMatchObject({ kind: 'udp', src: { ip: '10.9.9.1', port: 5060 }, encapsulation: ['vxlan'] });
  });

  it('keeps the outer UDP datagram when the VXLAN header is cut or lacks the I flag', () => {
    expect(decode(udp(51000, 4789, hex('08 00 00'))).result).toMatchObject({ kind: 'udp', dst: { port: 4789 } });
  });
});

describe('GTP-U (UDP 2152)', () => {
  it('decodes a G-PDU without optional fields', () => {
    // version 1, PT 1 | type ff | length | TEID 1
    const gtp = concatBytes([hex('30 ff'), Uint8Array.of(0, INNER.length), hex('00 00 00 01'), INNER]);
    expect(decode(udp(2152, 2152, gtp)).result).toMatchObject({ kind: 'udp', src: { ip: '10.9.9.1' }, encapsulation: ['gtpu'] });
  });

  it('skips the optional fields and a chain of extension headers', () => {
    // E|S | ff | length | TEID | seq 0001, N-PDU 00, next ext 0x85 (PDU session container)
    // | ext: length 1 (4 bytes): 10 05, next 0x40 | ext: length 1: 00 00, next 0
    const tail = concatBytes([hex('00 01 00 85  01 10 05 40  01 00 00 00'), ipv6(17, udp(5060, 5060, APP_PAYLOAD))]);
    const gtp = concatBytes([hex('36 ff'), Uint8Array.of(tail.length >> 8, tail.length & 0xff), hex('00 00 00 01'), tail]);
    expect(decode(udp(2152, 2152, gtp)).result).toMatchObject({ kind: 'udp', src: { ip: '2001:db8::1' }, encapsulation: ['gtpu'] });
  });

  it('classifies signalling messages, rejects zero-length extensions and cut headers', () => {
    expect(decode(udp(2152, 2152, hex('32 01 00 04 00 00 00 00 00 01 00 00'))).result).toEqual({ kind: 'other', protocol: 'gtpu' });
    expect(decode(udp(2152, 2152, hex('34 ff 00 08 00 00 00 01  00 00 00 85  00 00 00 00'))).result)
      .toEqual({ kind: 'malformed', code: 'gtpu.bad_extension' });
    expect(decode(udp(2152, 2152, hex('30 ff 00 40 00 00 00 01 45'))).result).toEqual({ kind: 'malformed', code: 'gtpu.too_short' });
    expect(decode(udp(2152, 2152, hex('30 ff 00 02 00 00 00 01 00 00'))).result).toEqual({ kind: 'other', protocol: 'gtpu' });
  });
});

describe('L2TP version 2 (UDP 1701)', () => {
  it('decodes PPP data with address/control bytes and records l2tp', () => {
    // flags: L, version 2 | length | tunnel 1 | session 2 | PPP ff 03 0021
    const body = concatBytes([hex('00 01 00 02 ff 03 00 21'), INNER]);
    const l2tp = concatBytes([hex('40 02'), Uint8Array.of(0, body.length + 4), body]);
    expect(decode(udp(1701, 1701, l2tp)).result).toMatchObject({ kind: 'udp', src: { ip: '10.9.9.1' }, encapsulation: ['l2tp'] });
  });

  it('skips sequence numbers and the offset pad', () => {
    // S|O, version 2 | tunnel | session | Ns | Nr | offset size 2 | 2 pad bytes | PPP 0021
    const l2tp = concatBytes([hex('0a 02  00 01 00 02  00 00 00 00  00 02 00 00  00 21'), INNER]);
    expect(decode(udp(1701, 1701, l2tp)).result).toMatchObject({ kind: 'udp', encapsulation: ['l2tp'] });
  });

  it('classifies control messages and version 3, and reports cut headers', () => {
    expect(decode(udp(1701, 1701, hex('c8 02 00 0c 00 00 00 00 00 00 00 00'))).result).toEqual({ kind: 'other', protocol: 'l2tp' });
    expect(decode(udp(1701, 1701, hex('c0 03 00 0c'))).result).toEqual({ kind: 'other', protocol: 'l2tpv3' });
    expect(decode(udp(1701, 1701, hex('40 02 00 40 00 01'))).result).toEqual({ kind: 'malformed', code: 'l2tp.too_short' });
    expect(decode(udp(1701, 1701, hex('00 02 00 01'))).result).toEqual({ kind: 'malformed', code: 'l2tp.too_short' });
  });
});
