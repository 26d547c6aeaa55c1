import { describe, expect, it } from 'vitest';
import { hex } from '../../src/shared/bytes.ts';
import { encodeLinkFrame, vlanTags } from './linkLayer.ts';

const ip4 = hex('45 00 00 14'); // first bytes of an IPv4 header are enough to pick the EtherType
const ip6 = hex('60 00 00 00');
const macs = { srcMac: hex('02 00 c0 00 02 0a'), dstMac: hex('02 00 c0 00 02 1e') };

describe('encodeLinkFrame', () => {
  it('writes Ethernet II with a QinQ stack: 802.1ad outer, 802.1Q inner', () => {
    expect(encodeLinkFrame({ link: 'ethernet', tags: vlanTags([100, 200]), ...macs, outgoing: false }, ip4)).toEqual(hex(`
      02 00 c0 00 02 1e  02 00 c0 00 02 0a   # dst, src
      88 a8 00 64  81 00 00 c8               # S-tag 100, C-tag 200
      08 00  45 00 00 14                     # IPv4`));
  });

  it('writes one 802.1Q tag with priority, and IPv6 EtherType', () => {
    const frame = encodeLinkFrame({ link: 'ethernet', tags: vlanTags([{ id: 7, pcp: 5 }]), ...macs, outgoing: false }, ip6);
    expect(frame.subarray(12, 18)).toEqual(hex('81 00 a0 07 86 dd'));
  });

  it('writes Linux cooked v1 and v2 headers with the packet direction', () => {
    expect(encodeLinkFrame({ link: 'sll', tags: [], ...macs, outgoing: true }, ip4)).toEqual(hex(`
      00 04 00 01 00 06          # outgoing, ARPHRD_ETHER, address length 6
      02 00 c0 00 02 0a 00 00    # source address padded to 8
      08 00 45 00 00 14`));
    expect(encodeLinkFrame({ link: 'sll2', tags: [], ...macs, outgoing: false }, ip6)).toEqual(hex(`
      86 dd 00 00  00 00 00 02   # protocol, reserved, ifindex 2
      00 01 00 06                # ARPHRD_ETHER, to us, address length 6
      02 00 c0 00 02 0a 00 00
      60 00 00 00`));
  });

  it('writes raw IP unchanged and a little-endian BSD family for null', () => {
    expect(encodeLinkFrame({ link: 'raw', tags: [], ...macs, outgoing: false }, ip4)).toEqual(ip4);
    expect(encodeLinkFrame({ link: 'null', tags: [], ...macs, outgoing: false }, ip6)).toEqual(hex('1e 00 00 00 60 00 00 00'));
  });

  it('accepts VLAN lists in every documented shape and refuses bad ids or tags off Ethernet', () => {
    expect(vlanTags(100)).toEqual([{ id: 100 }]);
    expect(vlanTags([[100], [200]])).toEqual([{ id: 100 }, { id: 200 }]);
    expect(() => vlanTags([4096])).toThrow(/VLAN id/);
    expect(() => encodeLinkFrame({ link: 'sll', tags: [{ id: 1 }], ...macs, outgoing: false }, ip4)).toThrow(/need link ethernet/);
  });
});
