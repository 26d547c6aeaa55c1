import { describe, expect, it } from 'vitest';
import { concatBytes, hex } from '../../shared/bytes.ts';
import { PacketDecoder } from '../packetDecoder.ts';
import { APP_PAYLOAD, ethernet, ipv4, testFrame, udp, type TestFrameOptions } from './testPackets.ts';

function decode(data: Uint8Array, options: TestFrameOptions = {}) {
  return new PacketDecoder().decode(testFrame(data, options));
}

const IPV4_UDP = ipv4(17, udp(5060, 5070, APP_PAYLOAD));

describe('Ethernet', () => {
  it('decodes Ethernet II → IPv4 → UDP with no interesting wrapper', () => {
    const { result, issues } = decode(ethernet(0x0800, IPV4_UDP));
    expect(issues).toEqual([]);
    expect(result).toMatchObject({
      kind: 'udp', src: { ip: '192.0.2.1', port: 5060 }, dst: { ip: '192.0.2.2', port: 5070 },
      frames: [1], encapsulation: [],
    });
    if (result.kind === 'udp') expect(result.payload).toEqual(APP_PAYLOAD);
  });

  it('trims the padding of a minimum-size frame by the IP total length', () => {
    const padded = concatBytes([ethernet(0x0800, ipv4(17, udp(1, 2, hex('aa')))), new Uint8Array(20)]);
    const { result } = decode(padded);
    expect(result.kind === 'udp' && Array.from(result.payload)).toEqual([0xaa]);
  });

  it('drops the FCS the capture kept', () => {
    const withFcs = concatBytes([ethernet(0x0800, IPV4_UDP), hex('de ad be ef')]);
    const { result } = decode(withFcs, { fcsLength: 4 });
    expect(result.kind === 'udp' && result.payload).toEqual(APP_PAYLOAD);
  });

  it('reports a frame shorter than the FCS it claims', () => {
    expect(decode(hex('01 02'), { fcsLength: 4 }).result).toEqual({ kind: 'malformed', code: 'link.fcs_longer_than_frame' });
  });

  it('says truncated when the snap length cut the header, malformed when the frame itself is short', () => {
    const cut = decode(hex('02 00 00 00 00 02 02 00'), { originalLength: 60 });
    expect(cut.result).toEqual({ kind: 'truncated' });
    expect(cut.issues.map((i) => i.code)).toEqual(['packet.truncated']);
    const short = decode(hex('02 00 00 00 00 02 02 00'));
    expect(short.result).toEqual({ kind: 'malformed', code: 'ethernet.too_short' });
    expect(short.issues[0]).toMatchObject({ code: 'ethernet.too_short', frame: 1, value: 8 });
  });

  it('classifies ARP, LLDP and unknown ethertypes', () => {
    expect(decode(ethernet(0x0806, new Uint8Array(28))).result).toEqual({ kind: 'other', protocol: 'arp' });
    expect(decode(ethernet(0x88cc, new Uint8Array(10))).result).toEqual({ kind: 'other', protocol: 'lldp' });
    expect(decode(ethernet(0x1234, new Uint8Array(10))).result).toEqual({ kind: 'other', protocol: 'ethertype-0x1234' });
  });

  it('does not throw on garbage of any length', () => {
    for (let n = 0; n < 80; n++) {
      const garbage = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      expect(() => decode(garbage)).not.toThrow();
    }
  });
});

describe('IEEE 802.2 LLC under 802.3 length frames', () => {
  it('classifies spanning tree (DSAP 0x42)', () => {
    // length 0x0026 | DSAP 42 SSAP 42 control 03 | BPDU …
    const frame = ethernet(0x0026, concatBytes([hex('42 42 03'), new Uint8Array(35)]));
    expect(decode(frame).result).toEqual({ kind: 'other', protocol: 'stp' });
  });

  it('classifies Cisco CDP over SNAP', () => {
    // DSAP aa SSAP aa UI 03 | OUI 00 00 0c | PID 2000 (CDP)
    const frame = ethernet(0x0010, concatBytes([hex('aa aa 03 00 00 0c 20 00'), new Uint8Array(8)]));
    expect(decode(frame).result).toEqual({ kind: 'other', protocol: 'cdp' });
  });

  it('follows SNAP with OUI 00-00-00 as an ethertype (RFC 1042)', () => {
    const snap = concatBytes([hex('aa aa 03 00 00 00 08 00'), IPV4_UDP]);
    expect(decode(ethernet(snap.length, snap)).result.kind).toBe('udp');
  });

  it('classifies raw Novell 802.3 and other SAPs', () => {
    expect(decode(ethernet(0x0010, hex('ff ff 00 10 00 00'))).result).toEqual({ kind: 'other', protocol: 'ipx' });
    expect(decode(ethernet(0x0010, hex('e0 e0 03 00'))).result).toEqual({ kind: 'other', protocol: 'ipx' });
    expect(decode(ethernet(0x0010, hex('fe fe 03 00'))).result).toEqual({ kind: 'other', protocol: 'llc' });
  });

  it('reports an LLC header cut short', () => {
    expect(decode(ethernet(0x0002, hex('aa aa'))).result).toEqual({ kind: 'malformed', code: 'llc.too_short' });
    expect(decode(ethernet(0x0005, hex('aa aa 03 00 00'))).result).toEqual({ kind: 'malformed', code: 'llc.too_short' });
  });
});

describe('VLAN tags', () => {
  it('records an 802.1Q tag as vlan:<id>', () => {
    // TCI 0x2018: priority 1, VLAN 24 | inner type 0800
    const { result } = decode(ethernet(0x8100, concatBytes([hex('20 18 08 00'), IPV4_UDP])));
    expect(result).toMatchObject({ kind: 'udp', encapsulation: ['vlan:24'] });
  });

  it('records 802.1ad QinQ (S-tag then C-tag), outermost first', () => {
    // S-tag VLAN 100, inner type 8100 | C-tag VLAN 24, inner type 0800
    const tags = hex('00 64 81 00  00 18 08 00');
    expect(decode(ethernet(0x88a8, concatBytes([tags, IPV4_UDP]))).result).toMatchObject({ encapsulation: ['qinq:100', 'vlan:24'] });
    expect(decode(ethernet(0x9100, concatBytes([tags, IPV4_UDP]))).result).toMatchObject({ encapsulation: ['qinq:100', 'vlan:24'] });
  });

  it('walks any stack of 802.1Q tags', () => {
    const tags = hex('00 01 81 00  00 02 81 00  00 03 08 00');
    expect(decode(ethernet(0x8100, concatBytes([tags, IPV4_UDP]))).result).toMatchObject({ encapsulation: ['vlan:1', 'vlan:2', 'vlan:3'] });
  });

  it('reports a tag cut short', () => {
    expect(decode(ethernet(0x8100, hex('00 18'))).result).toEqual({ kind: 'malformed', code: 'vlan.too_short' });
  });

  it('stops a hostile stack of tags instead of looping on it', () => {
    const tags = new Uint8Array(4 * 200);
    for (let i = 0; i < 200; i++) tags.set(hex('00 01 81 00'), i * 4);
    const { result } = decode(ethernet(0x8100, tags));
    expect(result).toEqual({ kind: 'malformed', code: 'packet.too_deep' });
  });
});

describe('MPLS', () => {
  it('walks the label stack and guesses IPv4 from the first nibble', () => {
    // label 100 (not bottom) | label 200, bottom of stack
    const labels = hex('00 06 40 40  00 0c 81 40');
    expect(decode(ethernet(0x8847, concatBytes([labels, IPV4_UDP]))).result).toMatchObject({ kind: 'udp', encapsulation: ['mpls'] });
  });

  it('reads a pseudowire control word then Ethernet', () => {
    const pw = concatBytes([hex('00 0c 81 40  00 00 00 00'), ethernet(0x0800, IPV4_UDP)]);
    expect(decode(ethernet(0x8847, pw)).result).toMatchObject({ kind: 'udp', encapsulation: ['mpls'] });
  });

  it('reports a stack without a bottom entry and classifies an unknown payload', () => {
    expect(decode(ethernet(0x8847, hex('00 06 40 40'))).result).toEqual({ kind: 'malformed', code: 'mpls.too_short' });
    expect(decode(ethernet(0x8847, hex('00 06 41 40 9f'))).result).toEqual({ kind: 'other', protocol: 'mpls' });
  });
});
