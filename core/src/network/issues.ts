/**
 * Issue codes of the per-frame packet decoder (link → IP → transport, through tunnels).
 * A header cut by the capture's snap length is `packet.truncated`; a header the packet itself is too short
 * for is `<layer>.too_short` (the frame says it is complete, so the packet is malformed).
 */
import { defineIssues } from '../shared/issue.ts';

export const NETWORK_ISSUES = defineIssues({
  'packet.truncated': { severity: 'info', summary: 'The capture cut the frame (snap length) before the headers needed to decode it.' },
  'packet.too_deep': { severity: 'warning', summary: 'Too many nested layers or tunnels; decoding stopped.' },
  'packet.internal_error': { severity: 'error', summary: 'The packet decoder failed on this frame.' },
  'link.fcs_longer_than_frame': { severity: 'warning', summary: 'The frame is shorter than its declared FCS.' },

  'ethernet.too_short': { severity: 'warning', summary: 'Ethernet frame shorter than its 14-byte header.' },
  'vlan.too_short': { severity: 'warning', summary: 'VLAN tag cut short.' },
  'llc.too_short': { severity: 'warning', summary: 'IEEE 802.2 LLC header cut short.' },
  'mpls.too_short': { severity: 'warning', summary: 'MPLS label stack without a bottom-of-stack entry.' },
  'sll.too_short': { severity: 'warning', summary: 'Linux cooked (SLL) header cut short.' },
  'sll2.too_short': { severity: 'warning', summary: 'Linux cooked v2 (SLL2) header cut short.' },
  'null.too_short': { severity: 'warning', summary: 'BSD loopback header cut short.' },
  'ppp.too_short': { severity: 'warning', summary: 'PPP header cut short.' },
  'hdlc.too_short': { severity: 'warning', summary: 'Cisco HDLC header cut short.' },
  'pppoe.too_short': { severity: 'warning', summary: 'PPPoE session header cut short.' },
  'pppoe.bad_version': { severity: 'warning', summary: 'PPPoE version/type is not 1/1.' },
  'pppoe.length_exceeds_frame': { severity: 'warning', summary: 'PPPoE payload length is larger than the frame.' },

  'ip.bad_version': { severity: 'warning', summary: 'IP version is neither 4 nor 6.' },
  'ipv4.too_short': { severity: 'warning', summary: 'IPv4 header cut short.' },
  'ipv4.bad_version': { severity: 'warning', summary: 'IPv4 header with a version other than 4.' },
  'ipv4.bad_header_length': { severity: 'warning', summary: 'IPv4 header length below 20 bytes.' },
  'ipv4.bad_total_length': { severity: 'warning', summary: 'IPv4 total length smaller than its header.' },
  'ipv4.total_length_exceeds_frame': { severity: 'warning', summary: 'IPv4 total length is larger than the frame.' },
  'ipv4.total_length_zero': { severity: 'info', summary: 'IPv4 total length is 0 (segmentation offload); the captured length is used.' },
  'ipv4.fragment_overlap': { severity: 'warning', summary: 'IPv4 fragments overlap with different bytes; the first copy was kept.' },
  'ipv4.fragment_duplicate': { severity: 'info', summary: 'IPv4 fragment seen again with the same bytes.' },
  'ipv4.fragment_bad_length': { severity: 'warning', summary: 'IPv4 fragment contradicts the datagram end already known; it was ignored.' },
  'ipv4.fragment_too_large': { severity: 'warning', summary: 'IPv4 fragment would make a datagram over 65535 bytes; it was ignored.' },
  'ipv4.fragment_timeout': { severity: 'warning', summary: 'IPv4 fragments never completed within the reassembly timeout; dropped.' },
  'ipv4.fragment_incomplete': { severity: 'warning', summary: 'IPv4 fragments still incomplete at the end of the capture.' },
  'ipv6.too_short': { severity: 'warning', summary: 'IPv6 header cut short.' },
  'ipv6.bad_version': { severity: 'warning', summary: 'IPv6 header with a version other than 6.' },
  'ipv6.payload_length_exceeds_frame': { severity: 'warning', summary: 'IPv6 payload length is larger than the frame.' },
  'ipv6.payload_length_zero': { severity: 'info', summary: 'IPv6 payload length is 0 (jumbogram or offload); the captured length is used.' },
  'ipv6.extension_too_short': { severity: 'warning', summary: 'IPv6 extension header cut short.' },
  'ipv6.fragment_overlap': { severity: 'warning', summary: 'IPv6 fragments overlap with different bytes; the first copy was kept.' },
  'ipv6.fragment_duplicate': { severity: 'info', summary: 'IPv6 fragment seen again with the same bytes.' },
  'ipv6.fragment_bad_length': { severity: 'warning', summary: 'IPv6 fragment contradicts the datagram end already known; it was ignored.' },
  'ipv6.fragment_too_large': { severity: 'warning', summary: 'IPv6 fragment would make a datagram over 65535 bytes; it was ignored.' },
  'ipv6.fragment_timeout': { severity: 'warning', summary: 'IPv6 fragments never completed within the reassembly timeout; dropped.' },
  'ipv6.fragment_incomplete': { severity: 'warning', summary: 'IPv6 fragments still incomplete at the end of the capture.' },
  'ip.fragment_memory_limit': { severity: 'warning', summary: 'Fragments held for reassembly exceeded the memory limit; the oldest set was dropped.' },
  'ah.too_short': { severity: 'warning', summary: 'IP Authentication Header cut short.' },

  'udp.too_short': { severity: 'warning', summary: 'UDP header cut short.' },
  'udp.bad_length': { severity: 'warning', summary: 'UDP length field below 8.' },
  'udp.length_exceeds_packet': { severity: 'warning', summary: 'UDP length field is larger than the IP payload.' },
  'tcp.too_short': { severity: 'warning', summary: 'TCP header cut short.' },
  'tcp.bad_data_offset': { severity: 'warning', summary: 'TCP data offset below 20 bytes or beyond the segment.' },
  'sctp.too_short': { severity: 'warning', summary: 'SCTP common header cut short.' },
  'sctp.bad_chunk_length': { severity: 'warning', summary: 'SCTP chunk length below 4 or beyond the packet; the rest of the packet was skipped.' },
  'sctp.data_chunk_too_short': { severity: 'warning', summary: 'SCTP DATA or I-DATA chunk shorter than its header.' },
  'sctp.reassembly_memory_limit': { severity: 'warning', summary: 'SCTP fragments held for reassembly exceeded the memory limit; the oldest association’s were dropped.' },
  'sctp.message_incomplete': { severity: 'warning', summary: 'SCTP user-message fragments still incomplete at the end of the capture.' },

  'gre.too_short': { severity: 'warning', summary: 'GRE header cut short.' },
  'gre.bad_version': { severity: 'warning', summary: 'GRE version is neither 0 nor 1.' },
  'erspan.too_short': { severity: 'warning', summary: 'ERSPAN header cut short.' },
  'erspan.bad_version': { severity: 'warning', summary: 'ERSPAN header version does not match its GRE protocol type.' },
  'vxlan.too_short': { severity: 'warning', summary: 'VXLAN header cut short.' },
  'gtpu.too_short': { severity: 'warning', summary: 'GTP-U header or extension header cut short.' },
  'gtpu.bad_extension': { severity: 'warning', summary: 'GTP-U extension header with length 0.' },
  'l2tp.too_short': { severity: 'warning', summary: 'L2TP header cut short.' },
});

export type NetworkIssueCode = keyof typeof NETWORK_ISSUES & string;
