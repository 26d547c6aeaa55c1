/**
 * What decoding one frame down to its transport layer gives (link → IP → UDP/TCP/SCTP, through tunnels).
 * Reassembly state (IP fragments, SCTP user-message fragments) lives in PacketDecoder; TCP byte streams
 * are put in order by TcpReassembler, which receives the `tcp` result.
 */
import type { Endpoint } from '../shared/endpoint.ts';
import type { Issue } from '../shared/issue.ts';
import type { Timestamp } from '../shared/time.ts';

/** One TCP segment as seen on the wire (after IP reassembly, if any). */
export interface TcpSegment {
  readonly src: Endpoint;
  readonly dst: Endpoint;
  readonly sequenceNumber: number;
  readonly acknowledgmentNumber: number;
  /** Bit set as in the header: FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10, URG 0x20. */
  readonly flags: number;
  readonly payload: Uint8Array;
  readonly timestamp: Timestamp;
  readonly frame: number;
  readonly encapsulation: readonly string[];
}

export interface SctpUserMessage {
  readonly streamIdentifier: number;
  readonly payloadProtocolIdentifier: number;
  readonly payload: Uint8Array;
  /** Frames that carried its DATA chunks (a message may be fragmented over several). */
  readonly frames: readonly number[];
}

export type PacketResult =
  | {
      readonly kind: 'udp';
      readonly src: Endpoint;
      readonly dst: Endpoint;
      readonly payload: Uint8Array;
      /** All frames of a reassembled IP datagram, ascending; just [frame] otherwise. */
      readonly frames: readonly number[];
      readonly encapsulation: readonly string[];
    }
  | { readonly kind: 'tcp'; readonly segment: TcpSegment; readonly frames: readonly number[] }
  | {
      readonly kind: 'sctp';
      readonly src: Endpoint;
      readonly dst: Endpoint;
      /** Complete user messages this frame completed (zero when it only carried fragments or control chunks). */
      readonly messages: readonly SctpUserMessage[];
      readonly encapsulation: readonly string[];
    }
  /** An IP fragment held for reassembly (the frame completing it gets the reassembled result instead). */
  | { readonly kind: 'fragment' }
  /** Traffic that cannot carry SIP, by class: 'arp', 'icmp', 'icmpv6', 'igmp', 'ospf', 'llc', 'stp', 'lldp', 'ip-proto-N', 'ethertype-0xNNNN', 'linktype-N', … */
  | { readonly kind: 'other'; readonly protocol: string }
  /** Undecodable: `code` is the issue code also present in `issues`. */
  | { readonly kind: 'malformed'; readonly code: string }
  /** The capture cut the frame (snaplen) before the bytes needed. */
  | { readonly kind: 'truncated' };

export interface PacketDecodeOutput {
  readonly result: PacketResult;
  readonly issues: Issue[];
}
