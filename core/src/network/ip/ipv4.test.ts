import { describe, expect, it } from 'vitest';
import { concatBytes, hex } from '../../shared/bytes.ts';
import { PacketDecoder } from '../packetDecoder.ts';
import { APP_PAYLOAD, ipv4, ipv6, testFrame, udp, type TestFrameOptions } from '../link/testPackets.ts';

const RAW_IPV4 = 228;

function decode(data: Uint8Array, options: TestFrameOptions = { linkType: RAW_IPV4 }) {
  return new PacketDecoder().decode(testFrame(data, options));
}

const UDP = udp(5060, 5080, APP_PAYLOAD);

describe('IPv4', () => {
  it('skips options by the header length', () => {
    // 46: IHL 6 (24 bytes) | total length 0x27 (24 + 15) | … | protocol 17 | 192.0.2.1 → 198.51.100.7 | option: 4 × NOP
    const header = hex('46 00 00 27  00 01 00 00  40 11 00 00  c0 00 02 01  c6 33 64 07  01 01 01 01');
    const { result, issues } = decode(concatBytes([header, UDP]));
    expect(issues).toEqual([]);
    expect(result).toMatchObject({ kind: 'udp', src: { ip: '192.0.2.1', port: 5060 }, dst: { ip: '198.51.100.7', port: 5080 } });
  });

  it('does not care about the header checksum', () => {
    const packet = ipv4(17, UDP);
    packet[10] = 0xbe; packet[11] = 0xef;
    expect(decode(packet)).toMatchObject({ result: { kind: 'udp' }, issues: [] });
  });

  it('reads raw IP link types by the version nibble (101, 12, 14) or by their fixed version (228, 229)', () => {
    for (const linkType of [101, 12, 14, 228]) expect(decode(ipv4(17, UDP), { linkType }).result.kind).toBe('udp');
    for (const linkType of [101, 12, 14, 229]) expect(decode(ipv6(17, UDP), { linkType }).result.kind).toBe('udp');
    expect(decode(hex('50 00 00 00'), { linkType: 101 }).result).toEqual({ kind: 'malformed', code: 'ip.bad_version' });
    expect(decode(ipv6(17, UDP), { linkType: 228 }).result).toEqual({ kind: 'malformed', code: 'ipv4.bad_version' });
  });

  it('rejects a header length below 20 and a total length below the header', () => {
    expect(decode(hex('44 00 00 14 00 00 00 00 40 11 00 00 c0 00 02 01 c0 00 02 02')).result)
      .toEqual({ kind: 'malformed', code: 'ipv4.bad_header_length' });
    expect(decode(hex('45 00 00 10 00 00 00 00 40 11 00 00 c0 00 02 01 c0 00 02 02')).result)
      .toEqual({ kind: 'malformed', code: 'ipv4.bad_total_length' });
  });

  it('says truncated when the snap length cut the datagram, and decodes what is there when the total length lies', () => {
    const packet = ipv4(17, UDP).subarray(0, 30);
    expect(decode(packet, { linkType: RAW_IPV4, originalLength: 35 }).result).toEqual({ kind: 'truncated' });
    const lying = decode(packet);
    expect(lying.issues.map((i) => i.code)).toContain('ipv4.total_length_exceeds_frame');
    expect(lying.result).toMatchObject({ kind: 'udp' });
    expect(decode(packet.subarray(0, 12)).result).toEqual({ kind: 'malformed', code: 'ipv4.too_short' });
  });

  it('uses the captured length when the total length is 0 (segmentation offload)', () => {
    const packet = ipv4(17, UDP);
    packet[2] = 0; packet[3] = 0;
    const { result, issues } = decode(packet);
    expect(result.kind).toBe('udp');
    expect(issues.map((i) => i.code)).toEqual(['ipv4.total_length_zero']);
  });

  it('classifies non-transport protocols', () => {
    expect(decode(ipv4(1, hex('08 00 00 00'))).result).toEqual({ kind: 'other', protocol: 'icmp' });
    expect(decode(ipv4(2, hex('11 00'))).result).toEqual({ kind: 'other', protocol: 'igmp' });
    expect(decode(ipv4(89, hex('02'))).result).toEqual({ kind: 'other', protocol: 'ospf' });
    expect(decode(ipv4(50, hex('00 00 01 00'))).result).toEqual({ kind: 'other', protocol: 'esp' });
    expect(decode(ipv4(200, hex('00'))).result).toEqual({ kind: 'other', protocol: 'ip-proto-200' });
  });

  it('decodes IP-in-IP and IPv6-in-IPv4 tunnels and reports the inner addresses', () => {
    const inner = ipv4(17, UDP, { src: '10.0.0.1', dst: '10.0.0.2' });
    expect(decode(ipv4(4, inner)).result).toMatchObject({ kind: 'udp', src: { ip: '10.0.0.1' }, encapsulation: ['ipip'] });
    expect(decode(ipv4(41, ipv6(17, UDP))).result).toMatchObject({ kind: 'udp', src: { ip: '2001:db8::1' }, encapsulation: ['ip6ip'] });
  });

  it('stops at eight nested IP headers', () => {
    let packet = ipv4(17, UDP);
    for (let i = 0; i < 7; i++) packet = ipv4(4, packet);
    expect(decode(packet).result.kind).toBe('udp');
    expect(decode(ipv4(4, packet)).result).toEqual({ kind: 'malformed', code: 'packet.too_deep' });
  });

  it('decodes AH (protocol 51) and continues with its next header', () => {
    // next header 17 | payload length 4 → (4+2)*4 = 24 bytes | reserved | SPI | sequence | 12 bytes ICV
    const ah = concatBytes([hex('11 04 00 00  00 00 01 00  00 00 00 01'), new Uint8Array(12)]);
    expect(decode(ipv4(51, concatBytes([ah, UDP]))).result).toMatchObject({ kind: 'udp' });
    expect(decode(ipv4(51, ah.subarray(0, 10))).result).toEqual({ kind: 'malformed', code: 'ah.too_short' });
  });
});

describe('IPv4 fragments through the decoder', () => {
  const datagram = udp(5060, 5060, Uint8Array.from({ length: 100 }, (_, i) => i));
  const first = ipv4(17, datagram.subarray(0, 48), { id: 7, moreFragments: true });
  const last = ipv4(17, datagram.subarray(48), { id: 7, offsetBytes: 48 });

  it('holds the first fragments and gives the reassembled UDP datagram to the completing frame', () => {
    const decoder = new PacketDecoder();
    expect(decoder.decode(testFrame(last, { linkType: RAW_IPV4, number: 3 })).result).toEqual({ kind: 'fragment' });
    const { result } = decoder.decode(testFrame(first, { linkType: RAW_IPV4, number: 5 }));
    expect(result).toMatchObject({ kind: 'udp', frames: [3, 5], src: { port: 5060 } });
    expect(result.kind === 'udp' && result.payload).toEqual(datagram.subarray(8));
    expect(decoder.flush()).toEqual([]);
  });

  it('reports an unfinished datagram at flush and after the capture-time timeout', () => {
    const decoder = new PacketDecoder({ fragmentTimeoutMs: 1000 });
    decoder.decode(testFrame(first, { linkType: RAW_IPV4, number: 1, seconds: 100 }));
    expect(decoder.flush().map((i) => i.code)).toEqual(['ipv4.fragment_incomplete']);

    decoder.decode(testFrame(first, { linkType: RAW_IPV4, number: 2, seconds: 100 }));
    const later = decoder.decode(testFrame(ipv4(17, UDP), { linkType: RAW_IPV4, number: 3, seconds: 102 }));
    expect(later.issues).toMatchObject([{ code: 'ipv4.fragment_timeout', frame: 2 }]);
    expect(decoder.decode(testFrame(last, { linkType: RAW_IPV4, number: 4, seconds: 102 })).result).toEqual({ kind: 'fragment' });
  });
});
