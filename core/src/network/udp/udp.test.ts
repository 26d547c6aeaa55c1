import { describe, expect, it } from 'vitest';
import { concatBytes, hex } from '../../shared/bytes.ts';
import { PacketDecoder } from '../packetDecoder.ts';
import { APP_PAYLOAD, ipv4, testFrame, udp } from '../link/testPackets.ts';

function decode(datagram: Uint8Array, originalExtra = 0) {
  const packet = ipv4(17, datagram);
  return new PacketDecoder().decode(testFrame(packet, { linkType: 228, originalLength: packet.length + originalExtra }));
}

describe('UDP', () => {
  it('gives ports, payload and addresses', () => {
    expect(decode(udp(5060, 5061, APP_PAYLOAD))).toMatchObject({
      result: { kind: 'udp', src: { ip: '192.0.2.1', port: 5060 }, dst: { ip: '192.0.2.2', port: 5061 }, payload: APP_PAYLOAD, frames: [1] },
      issues: [],
    });
  });

  it('trims the payload to the UDP length', () => {
    // length 0x000a: 2 payload bytes, then 3 bytes of trailer inside the IP payload
    const { result } = decode(hex('13 c4 13 c4 00 0a 00 00  aa bb  cc dd ee'));
    expect(result.kind === 'udp' && Array.from(result.payload)).toEqual([0xaa, 0xbb]);
  });

  it('rejects a length below 8, and reports a length beyond the IP payload but keeps the bytes there are', () => {
    expect(decode(hex('13 c4 13 c4 00 04 00 00')).result).toEqual({ kind: 'malformed', code: 'udp.bad_length' });
    const long = decode(hex('13 c4 13 c4 00 20 00 00 aa'));
    expect(long.result).toMatchObject({ kind: 'udp', payload: hex('aa') });
    expect(long.issues[0]).toMatchObject({ code: 'udp.length_exceeds_packet', value: 32 });
  });

  it('says truncated for a header cut by the snap length', () => {
    expect(decode(hex('13 c4 13'), 10).result).toEqual({ kind: 'truncated' });
    expect(decode(hex('13 c4 13')).result).toEqual({ kind: 'malformed', code: 'udp.too_short' });
  });

  it('stays plain UDP when a tunnel port carries something else', () => {
    // to VXLAN port 4789 without the I flag; to L2TP port 1701 with version 5; to GTP-U 2152 with version 2
    for (const [port, payload] of [[4789, hex('00 00 00 00 00 00 00 00 aa')], [1701, hex('00 05 aa')], [2152, hex('48 ff 00 00')]] as const) {
      expect(decode(udp(40000, port, payload)).result).toMatchObject({ kind: 'udp', dst: { port }, payload, encapsulation: [] });
    }
  });

  it('recognises a tunnel by its source port too', () => {
    const vxlan = concatBytes([hex('08 00 00 00 00 00 01 00'), hex('02 00 00 00 00 02 02 00 00 00 00 01 08 06'), new Uint8Array(28)]);
    expect(decode(udp(4789, 40000, vxlan)).result).toEqual({ kind: 'other', protocol: 'arp' });
  });
});
