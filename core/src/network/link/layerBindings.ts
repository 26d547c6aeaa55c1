/**
 * The one binding table of the decode loop (scapy bind_layers style): which layer decodes a link type,
 * ethertype, PPP protocol, IP protocol or UDP tunnel port — or which non-SIP class it is. Adding a protocol
 * is one line here plus its decoder in packetDecoder.ts.
 */
import { hex16 } from './bigEndian.ts';
import type { BindingSpace, LayerId } from './layerStep.ts';

export interface Binding {
  /** The decoder to run, or undefined when the traffic is a terminal class. */
  readonly layer: LayerId | undefined;
  /** Class reported as {kind:'other', protocol} when there is no decoder. */
  readonly other: string;
  /** Encapsulation name the binding itself implies (IP-in-IP), recorded before decoding. */
  readonly wrapper: string | undefined;
}

function to(layer: LayerId, wrapper?: string): Binding {
  return { layer, other: layer, wrapper };
}

function terminal(name: string): Binding {
  return { layer: undefined, other: name, wrapper: undefined };
}

/** LINKTYPE_* values (https://www.tcpdump.org/linktypes.html). */
const LINK_TYPES = new Map<number, Binding>([
  [0, to('bsdNull')],
  [1, to('ethernet')],
  [9, to('ppp')],
  [12, to('ipByVersion')], // DLT_RAW on most systems
  [14, to('ipByVersion')], // DLT_RAW on OpenBSD
  [50, to('pppHdlc')],
  [101, to('ipByVersion')], // LINKTYPE_RAW
  [104, to('ciscoHdlc')],
  [108, to('bsdLoop')],
  [113, to('sll')],
  [228, to('ipv4')],
  [229, to('ipv6')],
  [276, to('sll2')],
]);

const ETHER_TYPES = new Map<number, Binding>([
  [0x0800, to('ipv4')],
  [0x86dd, to('ipv6')],
  [0x8100, to('vlan')],
  [0x88a8, to('serviceVlan')], // 802.1ad S-tag
  [0x9100, to('serviceVlan')], // pre-standard QinQ
  [0x9200, to('serviceVlan')],
  [0x8847, to('mpls')],
  [0x8848, to('mpls')],
  [0x8864, to('pppoeSession')],
  [0x880b, to('ppp')], // PPP in GRE (PPTP)
  [0x6558, to('ethernet')], // transparent Ethernet bridging (GRE, NVGRE)
  [0x0806, terminal('arp')],
  [0x8035, terminal('rarp')],
  [0x0842, terminal('wol')],
  [0x8137, terminal('ipx')],
  [0x8138, terminal('ipx')],
  [0x8808, terminal('ethernet-pause')],
  [0x8809, terminal('lacp')],
  [0x8863, terminal('pppoed')],
  [0x888e, terminal('eapol')],
  [0x88cc, terminal('lldp')],
  [0x88e5, terminal('macsec')],
  [0x88f7, terminal('ptp')],
  [0x893a, terminal('ieee1905')],
  [0x9000, terminal('loopback')],
]);

/** PPP protocol numbers (RFC 1661 §2, IANA "PPP DLL Protocol Numbers"). */
const PPP_PROTOCOLS = new Map<number, Binding>([
  [0x0021, to('ipv4')],
  [0x0057, to('ipv6')],
  [0x0281, to('mpls')],
  [0x0283, to('mpls')],
  [0x00fd, terminal('ppp-compressed')],
  [0x8021, terminal('ppp-ipcp')],
  [0x8057, terminal('ppp-ipv6cp')],
  [0x80fd, terminal('ppp-ccp')],
  [0x8281, terminal('ppp-mplscp')],
  [0xc021, terminal('ppp-lcp')],
  [0xc023, terminal('ppp-pap')],
  [0xc025, terminal('ppp-lqr')],
  [0xc223, terminal('ppp-chap')],
]);

/** IP protocol / IPv6 next-header numbers (IANA "Assigned Internet Protocol Numbers"). */
const IP_PROTOCOLS = new Map<number, Binding>([
  [0, to('ipv6Extension')], // hop-by-hop options
  [4, to('ipv4', 'ipip')],
  [6, to('tcp')],
  [17, to('udp')],
  [41, to('ipv6', 'ip6ip')],
  [43, to('ipv6Extension')], // routing
  [44, to('ipv6Fragment')],
  [47, to('gre')],
  [51, to('ipAuthentication')],
  [60, to('ipv6Extension')], // destination options
  [132, to('sctp')],
  [135, to('ipv6Extension')], // mobility
  [137, to('mpls')], // MPLS-in-IP (RFC 4023)
  [139, to('ipv6Extension')], // HIP
  [140, to('ipv6Extension')], // shim6
  [253, to('ipv6Extension')], // experimentation (RFC 3692 form assumed)
  [254, to('ipv6Extension')],
  [1, terminal('icmp')],
  [2, terminal('igmp')],
  [33, terminal('dccp')],
  [50, terminal('esp')],
  [58, terminal('icmpv6')],
  [59, terminal('ipv6-nonxt')],
  [88, terminal('eigrp')],
  [89, terminal('ospf')],
  [103, terminal('pim')],
  [112, terminal('vrrp')],
  [136, terminal('udplite')],
]);

/** UDP ports of tunnels whose payload is decoded further (RFC 7348, 3GPP TS 29.281, RFC 2661). */
const UDP_TUNNEL_PORTS = new Map<number, LayerId>([
  [4789, 'vxlan'],
  [2152, 'gtpu'],
  [1701, 'l2tp'],
]);

const SPACES: Record<BindingSpace, ReadonlyMap<number, Binding>> = {
  linkType: LINK_TYPES,
  etherType: ETHER_TYPES,
  pppProtocol: PPP_PROTOCOLS,
  ipProtocol: IP_PROTOCOLS,
};

export function resolveBinding(space: BindingSpace, value: number): Binding {
  const binding = SPACES[space].get(value);
  if (binding !== undefined) return binding;
  switch (space) {
    case 'linkType': return terminal(`linktype-${value}`);
    case 'etherType': return terminal(`ethertype-${hex16(value)}`);
    case 'pppProtocol': return terminal(`ppp-${hex16(value)}`);
    case 'ipProtocol': return terminal(`ip-proto-${value}`);
  }
}

/** The tunnel decoder for a UDP datagram, by destination port first, then source port. */
export function udpTunnelFor(sourcePort: number, destinationPort: number): LayerId | undefined {
  return UDP_TUNNEL_PORTS.get(destinationPort) ?? UDP_TUNNEL_PORTS.get(sourcePort);
}
