import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes, hex } from '../shared/bytes.ts';
import { APP_PAYLOAD, ethernet, ipv4, ipv6, testFrame, udp } from './link/testPackets.ts';
import { NETWORK_ISSUES } from './issues.ts';
import { PacketDecoder } from './packetDecoder.ts';

const LINK_TYPES = [0, 1, 9, 12, 14, 50, 101, 104, 108, 113, 228, 229, 276];

describe('PacketDecoder', () => {
  it('classifies an unsupported link type', () => {
    expect(new PacketDecoder().decode(testFrame(hex('00 01 02'), { linkType: 147 }))).toEqual({
      result: { kind: 'other', protocol: 'linktype-147' },
      issues: [],
    });
  });

  it('decodes SIP in PPP in GRE behind a VLAN tag, naming the wrappers outermost first', () => {
    const inner = ipv4(17, udp(5060, 5060, APP_PAYLOAD), { src: '10.0.0.1', dst: '10.0.0.2' });
    // GRE v1 (K, S): protocol 880b | payload length | call id | sequence | PPP ff 03 0021
    const gre = concatBytes([hex('30 01 88 0b  00 00 00 07  00 00 00 01  ff 03 00 21'), inner]);
    const frame = ethernet(0x8100, concatBytes([hex('00 0a 08 00'), ipv4(47, gre)]));
    expect(new PacketDecoder().decode(testFrame(frame)).result).toMatchObject({
      kind: 'udp', src: { ip: '10.0.0.1', port: 5060 }, encapsulation: ['vlan:10', 'gre'],
    });
  });

  it('reassembles outer IP fragments and decodes the tunnel inside them', () => {
    const inner = ipv4(17, udp(5060, 5060, new Uint8Array(300).fill(0x41)), { src: '10.0.0.1', dst: '10.0.0.2' });
    const gre = concatBytes([hex('00 00 08 00'), inner]);
    const first = ethernet(0x0800, ipv4(47, gre.subarray(0, 160), { id: 99, moreFragments: true }));
    const second = ethernet(0x0800, ipv4(47, gre.subarray(160), { id: 99, offsetBytes: 160 }));
    const decoder = new PacketDecoder();
    expect(decoder.decode(testFrame(first, { number: 10 })).result).toEqual({ kind: 'fragment' });
    const { result } = decoder.decode(testFrame(second, { number: 11 }));
    expect(result).toMatchObject({ kind: 'udp', src: { ip: '10.0.0.1' }, frames: [10, 11], encapsulation: ['gre'] });
    expect(result.kind === 'udp' && result.payload.length).toBe(300);
  });

  it('stops hostile IP-in-IP nesting', () => {
    let packet = ipv6(17, udp(1, 2, APP_PAYLOAD));
    // alternate IPv4 and IPv6 outer headers, each naming its inner one (4 = IPv4 inside, 41 = IPv6 inside)
    for (let i = 0; i < 20; i++) packet = i % 2 ? ipv6(4, packet) : ipv4(41, packet);
    const { result, issues } = new PacketDecoder().decode(testFrame(packet, { linkType: 101 }));
    expect(result).toEqual({ kind: 'malformed', code: 'packet.too_deep' });
    expect(issues).toMatchObject([{ code: 'packet.too_deep', severity: 'warning' }]);
  });

  it('reports IP and SCTP leftovers at flush, once', () => {
    const decoder = new PacketDecoder();
    decoder.decode(testFrame(ipv4(17, new Uint8Array(16), { moreFragments: true }), { linkType: 228 }));
    const dataFragment = hex('00 02 00 14  00 00 00 01  00 00 00 00  00 00 00 00  41 42 43 44'); // DATA, B only
    decoder.decode(testFrame(ipv4(132, concatBytes([hex('13 c4 13 c4 00 00 00 01 00 00 00 00'), dataFragment])), { linkType: 228, number: 2 }));
    expect(decoder.flush().map((i) => i.code)).toEqual(['ipv4.fragment_incomplete', 'sctp.message_incomplete']);
    expect(decoder.flush()).toEqual([]);
  });

  it('never throws on random bytes, and every malformed result names an issue it reports', () => {
    // random bytes behind valid outer headers, so every decoder gets garbage of its own
    const wrappers: Array<{ linkType: number; wrap: (tail: Uint8Array) => Uint8Array }> = [
      ...LINK_TYPES.map((linkType) => ({ linkType, wrap: (tail: Uint8Array) => tail })),
      ...[0x0800, 0x86dd, 0x8100, 0x88a8, 0x8847, 0x8864, 0x0026].map((type) => ({ linkType: 1, wrap: (tail: Uint8Array) => ethernet(type, tail) })),
      ...[0, 4, 6, 17, 41, 43, 44, 47, 51, 60, 132, 137].map((protocol) => ({ linkType: 228, wrap: (tail: Uint8Array) => ipv4(protocol, tail) })),
      ...[0, 44, 60].map((next) => ({ linkType: 229, wrap: (tail: Uint8Array) => ipv6(next, tail) })),
      ...[4789, 2152, 1701].map((port) => ({ linkType: 228, wrap: (tail: Uint8Array) => ipv4(17, udp(40000, port, tail)) })),
      ...['00 00 88 be', '10 00 88 be 00 00 00 01', '10 00 22 eb 00 00 00 01', '30 81 88 0b 00 00 00 00'].map((gre) => ({
        linkType: 228, wrap: (tail: Uint8Array) => ipv4(47, concatBytes([hex(gre), tail])),
      })),
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...wrappers),
        fc.uint8Array({ maxLength: 120 }),
        fc.boolean(),
        ({ linkType, wrap }, tail, cut) => {
          const data = wrap(tail);
          const decoder = new PacketDecoder();
          const { result, issues } = decoder.decode(testFrame(data, { linkType, originalLength: data.length + (cut ? 100 : 0) }));
          for (const issue of issues) expect(NETWORK_ISSUES[issue.code as keyof typeof NETWORK_ISSUES]).toBeDefined();
          if (result.kind === 'malformed') expect(issues.map((i) => i.code)).toContain(result.code);
          if (result.kind === 'truncated') expect(issues.map((i) => i.code)).toContain('packet.truncated');
          if (result.kind === 'malformed') expect(result.code).not.toBe('packet.internal_error'); // no decoder read out of bounds
          expect(() => decoder.flush()).not.toThrow();
        },
      ),
      { numRuns: 5000 },
    );
  });
});
