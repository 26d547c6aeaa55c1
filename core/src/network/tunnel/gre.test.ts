import { describe, expect, it } from 'vitest';
import { concatBytes, hex } from '../../shared/bytes.ts';
import { PacketDecoder } from '../packetDecoder.ts';
import { APP_PAYLOAD, ethernet, ipv4, testFrame, udp } from '../link/testPackets.ts';

function decode(gre: Uint8Array) {
  return new PacketDecoder().decode(testFrame(ipv4(47, gre), { linkType: 228 }));
}

const INNER = ipv4(17, udp(5060, 5060, APP_PAYLOAD), { src: '10.1.1.1', dst: '10.1.1.2' });

describe('GRE', () => {
  it('decodes IPv4 in plain GRE', () => {
    expect(decode(concatBytes([hex('00 00 08 00'), INNER])).result).toMatchObject({ kind: 'udp', src: { ip: '10.1.1.1' }, encapsulation: ['gre'] });
  });

  it('skips the checksum, key and sequence fields the flags announce', () => {
    // C|K|S | protocol 0800 | checksum+reserved | key 0x00000001 | sequence 0x00000007
    const header = hex('b0 00 08 00  00 00 00 00  00 00 00 01  00 00 00 07');
    expect(decode(concatBytes([header, INNER])).result).toMatchObject({ kind: 'udp', encapsulation: ['gre'] });
  });

  it('walks RFC 1701 source route entries up to the null entry', () => {
    // R | protocol 0800 | checksum/offset | SRE: family 0800, offset 0, length 4, 4 bytes | null SRE
    const header = hex('40 00 08 00  00 00 00 00  08 00 00 04 0a 00 00 01  00 00 00 00');
    expect(decode(concatBytes([header, INNER])).result).toMatchObject({ kind: 'udp' });
  });

  it('decodes transparent Ethernet bridging (0x6558)', () => {
    expect(decode(concatBytes([hex('00 00 65 58'), ethernet(0x0800, INNER)])).result).toMatchObject({ kind: 'udp', encapsulation: ['gre'] });
  });

  it('decodes PPTP enhanced GRE (version 1) carrying PPP', () => {
    // K|S, A, version 1 | protocol 880b | payload length | call id | sequence | ack | PPP ff 03 0021
    const header = hex('30 81 88 0b  00 2f 00 01  00 00 00 01  00 00 00 00  ff 03 00 21');
    expect(decode(concatBytes([header, INNER])).result).toMatchObject({ kind: 'udp', encapsulation: ['gre'] });
  });

  it('decodes ERSPAN type I, II and III', () => {
    const mirrored = ethernet(0x0800, INNER);
    // type I: 0x88be without the sequence bit, Ethernet right away
    expect(decode(concatBytes([hex('00 00 88 be'), mirrored])).result).toMatchObject({ encapsulation: ['gre', 'erspan1'] });
    // type II: S | 88be | seq | ver 1, VLAN 0 | session 5 | index
    const type2 = hex('10 00 88 be  00 00 00 01  10 00 00 05  00 00 00 00');
    expect(decode(concatBytes([type2, mirrored])).result).toMatchObject({ kind: 'udp', encapsulation: ['gre', 'erspan2'] });
    // type III: S | 22eb | seq | ver 2 | session | timestamp | SGT | P/FT=0/HW/D/Gra/O=0
    const type3 = hex('10 00 22 eb  00 00 00 01  20 00 00 05  00 00 00 00  00 00  00 00');
    expect(decode(concatBytes([type3, mirrored])).result).toMatchObject({ kind: 'udp', encapsulation: ['gre', 'erspan3'] });
    // type III with the O bit: an 8-byte platform sub-header follows
    const type3o = hex('10 00 22 eb  00 00 00 01  20 00 00 05  00 00 00 00  00 00  00 01  00 00 00 00 00 00 00 00');
    expect(decode(concatBytes([type3o, mirrored])).result).toMatchObject({ kind: 'udp' });
  });

  it('reports bad GRE and ERSPAN versions and headers cut short', () => {
    expect(decode(hex('00 02 08 00')).result).toEqual({ kind: 'malformed', code: 'gre.bad_version' });
    expect(decode(hex('b0 00 08 00 00 00')).result).toEqual({ kind: 'malformed', code: 'gre.too_short' });
    expect(decode(hex('00 00')).result).toEqual({ kind: 'malformed', code: 'gre.too_short' });
    expect(decode(hex('10 00 88 be  00 00 00 01  20 00 00 05  00 00 00 00')).result).toEqual({ kind: 'malformed', code: 'erspan.bad_version' });
    expect(decode(hex('10 00 22 eb  00 00 00 01  20 00')).result).toEqual({ kind: 'malformed', code: 'erspan.too_short' });
  });
});
