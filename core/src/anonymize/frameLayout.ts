/**
 * Where the addresses and the payload are in one captured frame, for rewriting in place: link layer
 * (Ethernet II + 802.1Q/802.1ad tags, Linux SLL and SLL2, BSD null/loop, raw IP), IPv4 (RFC 791) or IPv6
 * (RFC 8200, with hop-by-hop, destination-options and fragment headers), then UDP or TCP; PPPoE and MPLS
 * between Ethernet and IP. Anything else
 * (ARP, tunnels, SCTP, ICMP, IPv6 routing headers) is `unsupported` with a reason: the anonymiser drops it
 * rather than pass on bytes it cannot clean.
 *
 *   Ethernet: dst MAC(6) src MAC(6) [0x8100 TCI(2)]* ethertype(2) │ IP …
 *   IPv4: v/ihl(1) tos(1) total(2) id(2) flags/frag(2) ttl(1) proto(1) csum(2) src(4) dst(4) [options]
 *   IPv6: v/tc/flow(4) payload length(2) next(1) hops(1) src(16) dst(16)
 */
export interface FrameLayout {
  /** Offsets of 6-byte MAC addresses to rewrite. */
  readonly macs: readonly number[];
  readonly version: 4 | 6;
  readonly ipOffset: number;
  /** Offsets of the source and destination addresses (4 or 16 bytes). */
  readonly srcOffset: number;
  readonly dstOffset: number;
  /** IPv4 header checksum offset (none for IPv6). */
  readonly ipChecksumOffset?: number;
  readonly protocol: number;
  /** Where the IP payload starts and ends in the frame (end clipped to the captured bytes). */
  readonly l4Offset: number;
  readonly l4End: number;
  /** The IP payload's full length as the header says (more than l4End − l4Offset when the capture cut it). */
  readonly l4Length: number;
  /** IPv4 id or IPv6 fragment identification, byte offset of the fragment data, and more-fragments. */
  readonly fragment?: { readonly id: number; readonly offset: number; readonly more: boolean };
}

export type Located = { readonly layout: FrameLayout } | { readonly unsupported: string };

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const VLAN_TAGS = new Set([0x8100, 0x88a8, 0x9100, 0x9200]);
const ETHERTYPE_PPPOE_SESSION = 0x8864;
const ETHERTYPE_MPLS = 0x8847;
const ETHERTYPE_MPLS_MULTICAST = 0x8848;
const PPP_IPV4 = 0x0021;
const PPP_IPV6 = 0x0057;

/** Where IP starts, by link type (https://www.tcpdump.org/linktypes.html). */
function linkLayer(data: Uint8Array, view: DataView, linkType: number): { ip: number; macs: number[] } | string {
  switch (linkType) {
    case 1: {
      if (data.length < 14) return 'truncated link header';
      let at = 12;
      let type = view.getUint16(at);
      while (VLAN_TAGS.has(type)) {
        at += 4;
        if (data.length < at + 2) return 'truncated VLAN tag';
        type = view.getUint16(at);
      }
      if (type === ETHERTYPE_PPPOE_SESSION) {
        // PPPoE session (RFC 2516 §4): ver/type(1) code(1) session(2) length(2), then the PPP protocol (2).
        if (data.length < at + 10) return 'truncated PPPoE header';
        const ppp = view.getUint16(at + 8);
        if (ppp !== PPP_IPV4 && ppp !== PPP_IPV6) return `PPP protocol 0x${ppp.toString(16).padStart(4, '0')}`;
        return { ip: at + 10, macs: [0, 6] };
      }
      if (type === ETHERTYPE_MPLS || type === ETHERTYPE_MPLS_MULTICAST) {
        // MPLS label stack (RFC 3032 §2.1): 4 bytes per label until the bottom-of-stack bit; IP follows.
        let label = at + 2;
        while (label + 4 <= data.length && (data[label + 2]! & 0x01) === 0) label += 4;
        if (label + 4 > data.length) return 'truncated MPLS label stack';
        return { ip: label + 4, macs: [0, 6] };
      }
      if (type !== ETHERTYPE_IPV4 && type !== ETHERTYPE_IPV6) return `ethertype 0x${type.toString(16).padStart(4, '0')}`;
      return { ip: at + 2, macs: [0, 6] };
    }
    case 113: {
      if (data.length < 16) return 'truncated link header';
      const type = view.getUint16(14);
      if (type !== ETHERTYPE_IPV4 && type !== ETHERTYPE_IPV6) return `SLL protocol 0x${type.toString(16)}`;
      return { ip: 16, macs: view.getUint16(4) === 6 ? [6] : [] };
    }
    case 276: {
      if (data.length < 20) return 'truncated link header';
      const type = view.getUint16(0);
      if (type !== ETHERTYPE_IPV4 && type !== ETHERTYPE_IPV6) return `SLL2 protocol 0x${type.toString(16)}`;
      return { ip: 20, macs: data[11] === 6 ? [12] : [] };
    }
    case 0:
    case 108: {
      if (data.length < 4) return 'truncated link header';
      const family = linkType === 0 ? view.getUint32(0, true) : view.getUint32(0);
      if (family !== 2 && family !== 24 && family !== 28 && family !== 30) return `address family ${family}`;
      return { ip: 4, macs: [] };
    }
    case 12:
    case 14:
    case 101:
    case 228:
    case 229:
      return { ip: 0, macs: [] };
    default:
      return `link type ${linkType}`;
  }
}

export function locateFrame(data: Uint8Array, linkType: number): Located {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const link = linkLayer(data, view, linkType);
  if (typeof link === 'string') return { unsupported: link };
  const ip = link.ip;
  if (data.length < ip + 1) return { unsupported: 'truncated IP header' };
  const version = data[ip]! >> 4;
  if (version === 4) {
    const ihl = (data[ip]! & 0x0f) * 4;
    if (ihl < 20 || data.length < ip + ihl) return { unsupported: 'truncated IPv4 header' };
    const total = view.getUint16(ip + 2);
    const flags = view.getUint16(ip + 6);
    const fragmentOffset = (flags & 0x1fff) * 8;
    const more = (flags & 0x2000) !== 0;
    const length = Math.max(0, total - ihl);
    return {
      layout: {
        macs: link.macs, version: 4, ipOffset: ip, srcOffset: ip + 12, dstOffset: ip + 16, ipChecksumOffset: ip + 10,
        protocol: data[ip + 9]!, l4Offset: ip + ihl, l4End: Math.min(data.length, ip + ihl + length), l4Length: length,
        ...(fragmentOffset > 0 || more ? { fragment: { id: view.getUint16(ip + 4), offset: fragmentOffset, more } } : {}),
      },
    };
  }
  if (version !== 6) return { unsupported: `IP version ${version}` };
  if (data.length < ip + 40) return { unsupported: 'truncated IPv6 header' };
  let next = data[ip + 6]!;
  let at = ip + 40;
  const end = ip + 40 + view.getUint16(ip + 4);
  let fragment: FrameLayout['fragment'];
  for (let guard = 0; guard < 8; guard++) {
    if (next === 0 || next === 60) {
      if (data.length < at + 2) return { unsupported: 'truncated IPv6 extension header' };
      next = data[at]!;
      at += (data[at + 1]! + 1) * 8;
    } else if (next === 44) {
      if (data.length < at + 8) return { unsupported: 'truncated IPv6 fragment header' };
      const offsetFlags = view.getUint16(at + 2);
      fragment = { id: view.getUint32(at + 4), offset: offsetFlags & 0xfff8, more: (offsetFlags & 1) === 1 };
      next = data[at]!;
      at += 8;
    } else break;
  }
  if (next === 43) return { unsupported: 'IPv6 routing header' };
  return {
    layout: {
      macs: link.macs, version: 6, ipOffset: ip, srcOffset: ip + 8, dstOffset: ip + 24, protocol: next,
      l4Offset: at, l4End: Math.min(data.length, end), l4Length: Math.max(0, end - at),
      ...(fragment !== undefined && (fragment.offset > 0 || fragment.more) ? { fragment } : {}),
    },
  };
}
