import { describe, expect, it } from 'vitest';
import { concatBytes, hex } from '../../shared/bytes.ts';
import { PacketDecoder } from '../packetDecoder.ts';
import { APP_PAYLOAD, ipv6, testFrame, udp, type TestFrameOptions } from '../link/testPackets.ts';

const RAW_IPV6 = 229;

function decode(data: Uint8Array, options: TestFrameOptions = { linkType: RAW_IPV6 }) {
  return new PacketDecoder().decode(testFrame(data, options));
}

const UDP = udp(5060, 5060, APP_PAYLOAD);

describe('IPv6', () => {
  it('decodes UDP with RFC 5952 addresses', () => {
    expect(decode(ipv6(17, UDP))).toMatchObject({
      result: { kind: 'udp', src: { ip: '2001:db8::1', port: 5060 }, dst: { ip: '2001:db8::2' } },
      issues: [],
    });
  });

  it('walks hop-by-hop, routing and destination-options headers', () => {
    const chain = concatBytes([
      hex('2b 00  01 04 00 00 00 00'), // hop-by-hop: next 43, length 0 (8 bytes), PadN
      hex('3c 02  00 01  00 00 00 00'), // routing: next 60, length 2 (24 bytes), type 0, segments left 1 …
      new Uint8Array(16),
      hex('11 00  01 04 00 00 00 00'), // destination options: next 17 (UDP), 8 bytes
      UDP,
    ]);
    expect(decode(ipv6(0, chain)).result).toMatchObject({ kind: 'udp', src: { port: 5060 } });
  });

  it('trims link padding by the payload length', () => {
    const { result } = decode(concatBytes([ipv6(17, UDP), new Uint8Array(6)]));
    expect(result.kind === 'udp' && result.payload).toEqual(APP_PAYLOAD);
  });

  it('classifies ESP, ICMPv6 and "no next header"', () => {
    expect(decode(ipv6(50, hex('00 00 01 00 00 00 00 01'))).result).toEqual({ kind: 'other', protocol: 'esp' });
    expect(decode(ipv6(58, hex('80 00 00 00'))).result).toEqual({ kind: 'other', protocol: 'icmpv6' });
    expect(decode(ipv6(59, new Uint8Array(0))).result).toEqual({ kind: 'other', protocol: 'ipv6-nonxt' });
  });

  it('reports bad version, short header, lying payload length and cut extension headers', () => {
    const packet = ipv6(17, UDP);
    const wrongVersion = packet.slice(); wrongVersion[0] = 0x40;
    expect(decode(wrongVersion).result).toEqual({ kind: 'malformed', code: 'ipv6.bad_version' });
    expect(decode(packet.subarray(0, 39)).result).toEqual({ kind: 'malformed', code: 'ipv6.too_short' });
    expect(decode(packet.subarray(0, 45)).result).toEqual({ kind: 'malformed', code: 'ipv6.payload_length_exceeds_frame' });
    expect(decode(packet.subarray(0, 45), { linkType: RAW_IPV6, originalLength: 100 }).result).toEqual({ kind: 'truncated' });
    expect(decode(ipv6(0, hex('11 01 00 00 00 00 00 00'))).result).toEqual({ kind: 'malformed', code: 'ipv6.extension_too_short' });
  });

  it('uses the captured length when the payload length is 0', () => {
    const packet = ipv6(17, UDP);
    packet[4] = 0; packet[5] = 0;
    const { result, issues } = decode(packet);
    expect(result.kind).toBe('udp');
    expect(issues.map((i) => i.code)).toEqual(['ipv6.payload_length_zero']);
  });

  it('does not throw on garbage after a valid fixed header', () => {
    for (let next = 0; next < 256; next++) {
      expect(() => decode(ipv6(next, Uint8Array.from({ length: 24 }, (_, i) => (i * 53 + next) & 0xff)))).not.toThrow();
    }
  });
});

describe('IPv6 fragment header', () => {
  const datagram = udp(5060, 5060, Uint8Array.from({ length: 64 }, (_, i) => 255 - i));
  // next header 17 | reserved | offset (13 bits) << 3 | M | identification 0xcafe
  const fragment = (offsetBytes: number, more: boolean, bytes: Uint8Array) =>
    ipv6(44, concatBytes([Uint8Array.of(17, 0, offsetBytes >> 8, (offsetBytes & 0xf8) | (more ? 1 : 0)), hex('00 00 ca fe'), bytes]));

  it('reassembles fragments arriving out of order', () => {
    const decoder = new PacketDecoder();
    const frames = [fragment(40, false, datagram.subarray(40)), fragment(0, true, datagram.subarray(0, 16)), fragment(16, true, datagram.subarray(16, 40))];
    expect(decoder.decode(testFrame(frames[0]!, { linkType: RAW_IPV6, number: 1 })).result).toEqual({ kind: 'fragment' });
    expect(decoder.decode(testFrame(frames[1]!, { linkType: RAW_IPV6, number: 2 })).result).toEqual({ kind: 'fragment' });
    const { result } = decoder.decode(testFrame(frames[2]!, { linkType: RAW_IPV6, number: 3 }));
    expect(result).toMatchObject({ kind: 'udp', frames: [1, 2, 3], src: { ip: '2001:db8::1' } });
    expect(result.kind === 'udp' && result.payload).toEqual(datagram.subarray(8));
  });

  it('treats an atomic fragment (offset 0, M clear) as a whole datagram', () => {
    expect(decode(fragment(0, false, datagram)).result).toMatchObject({ kind: 'udp', frames: [1] });
  });

  it('reports a fragment header cut short and an unfinished set at flush', () => {
    expect(decode(ipv6(44, hex('11 00 00 01'))).result).toEqual({ kind: 'malformed', code: 'ipv6.extension_too_short' });
    const decoder = new PacketDecoder();
    decoder.decode(testFrame(fragment(0, true, datagram.subarray(0, 16)), { linkType: RAW_IPV6 }));
    expect(decoder.flush()).toMatchObject([{ code: 'ipv6.fragment_incomplete', frame: 1 }]);
  });
});
