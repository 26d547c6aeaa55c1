/**
 * The readable flow description the fixture builder turns into a capture: named nodes, SIP texts and
 * per-message wire options. Plain data, so the same shape is accepted as JSON (bytes then as hex text).
 */
import type { Timestamp } from '../../src/shared/time.ts';

export type LinkName = 'ethernet' | 'sll' | 'sll2' | 'raw' | 'null';

/** ws = WebSocket over TCP (RFC 7118); hep3 = HEPv3 over UDP to the collector; hep3-tcp = HEPv3 over TCP. */
export type FlowTransport = 'udp' | 'tcp' | 'sctp' | 'ws' | 'hep3' | 'hep3-tcp';

/** One 802.1Q tag; `tpid` defaults to 0x88a8 for the outer tag of a stack, 0x8100 otherwise. */
export interface VlanTag {
  readonly id: number;
  readonly pcp?: number;
  readonly tpid?: number;
}

/**
 * Tags outermost first: `100`, `[100]` one tag; `[100, 200]` QinQ. `[[100], [200]]` (one list per tag)
 * is accepted too.
 */
export type VlanSpec = number | readonly (number | VlanTag | readonly number[])[];

/** Bytes as hex text (spaces, newlines, `#` comments ignored) or as an array. */
export type FlowBytes = string | Uint8Array;

/** Options shared by every kind of step. */
export interface StepOptions {
  /** Seconds after `start`; default the previous step's time + 0.010 (0 for the first). */
  readonly at?: number;
  readonly link?: LinkName;
  readonly vlan?: VlanSpec;
  /** Keep only this many bytes of each frame (snap length); the original length stays the wire length. */
  readonly truncate?: number;
  /** pcapng opt_comment on the step's frames. */
  readonly comment?: string;
}

/** A SIP message (or any payload) sent from one node to another. */
export interface FlowMessage extends StepOptions {
  /** Node name, or a literal `ip:port` / `[v6]:port`. */
  readonly from: string;
  readonly to: string;
  /** SIP text; LF becomes CRLF, Content-Length is fixed (see sipText.ts). */
  readonly text?: string;
  /** Payload bytes instead of text (e.g. an RTP packet, or garbage), sent as they are. */
  readonly bytes?: FlowBytes;
  /** Default: the flow's transport, else udp. */
  readonly transport?: FlowTransport;
  /** Leave Content-Length as written (or absent) to build malformed messages. */
  readonly keepContentLength?: boolean;
  /** Send the text's bytes exactly (no CRLF conversion, no Content-Length fixing). */
  readonly rawText?: boolean;
  /** Split the stream payload (tcp, ws, hep3-tcp) or the SCTP user message at these sizes. */
  readonly segments?: readonly number[];
  /** ws only: split the SIP message into a text frame and continuation frames at these sizes. */
  readonly wsFrames?: readonly number[];
  /** Put this message and the next one (same from/to/transport) in one segment/datagram/SCTP packet. */
  readonly coalesceWithNext?: boolean;
  /** IP-fragment each packet to this MTU (bytes, including the IP header). */
  readonly fragment?: number;
  /**
   * Unit = one IP packet the step produced, numbered in natural order (after segmenting, then
   * fragmenting). `reorder` lists units in emission order (unlisted ones follow in natural order);
   * `duplicate` re-emits units at the end (retransmissions); `dropSegment` never emits them (capture hole).
   */
  readonly reorder?: readonly number[];
  readonly duplicate?: number | readonly number[];
  readonly dropSegment?: number | readonly number[];
}

/** A frame injected as given: a whole link-layer frame, or an IP packet wrapped in the step's link header. */
export interface FlowFrameStep extends StepOptions {
  readonly frame?: FlowBytes;
  readonly ip?: FlowBytes;
}

export type FlowStep = FlowMessage | FlowFrameStep;

export interface HepOptions {
  /** Where HEP packets go; default 198.51.100.2:9060. */
  readonly collector?: string;
  /** Who sends them (the capture agent); default 198.51.100.1:9061. */
  readonly agent?: string;
  /** HEP capture agent id chunk; default 2001. */
  readonly agentId?: number;
  /** Seconds between the original message time (inside HEP) and the HEP frame; default 0.001. */
  readonly delay?: number;
  /** How the original messages travelled, as the HEP IP-protocol chunk says; default udp. */
  readonly innerTransport?: 'udp' | 'tcp';
}

export interface FlowDescription {
  /** name → `ip:port` (IPv6 as `[addr]:port`). */
  readonly nodes: Readonly<Record<string, string>>;
  /** ISO 8601 UTC time of offset 0; default 2024-03-01T10:00:00Z. */
  readonly start?: string;
  readonly link?: LinkName;
  readonly vlan?: VlanSpec;
  readonly format?: 'pcap' | 'pcapng';
  /** Nanosecond timestamps (pcap nanosecond magic, pcapng if_tsresol 9). */
  readonly nanosecond?: boolean;
  readonly transport?: FlowTransport;
  readonly hep?: HepOptions;
  /** pcapng section comment. */
  readonly comment?: string;
  readonly messages: readonly FlowStep[];
}

/** Why a frame is in the capture. */
export type FrameRole = 'message' | 'tcp-handshake' | 'ws-handshake' | 'duplicate' | 'frame';

/** A frame as written: usable as a WritableFrame to write it again elsewhere. */
export interface BuiltFrame {
  /** 1-based, as Wireshark numbers frames. */
  readonly number: number;
  /** Index of the step in `messages` that produced it. */
  readonly messageIndex: number;
  readonly role: FrameRole;
  readonly timestamp: Timestamp;
  /** Captured bytes (cut when the step says `truncate`). */
  readonly data: Uint8Array;
  readonly originalLength: number;
  /** pcapng interface (one per link type, in order of first use); 0 for pcap. */
  readonly interfaceId: number;
  readonly linkType: number;
  readonly comment?: string;
}

export interface BuiltMessage {
  readonly index: number;
  /** The application payload as built (normalised SIP bytes). Empty for frame steps. */
  readonly payload: Uint8Array;
  /** Frames carrying any of its bytes, ascending. */
  readonly frames: readonly number[];
  /** Frame after which every byte has been delivered at least once; absent when a unit was dropped. */
  readonly completedIn?: number;
}

export interface BuiltFlow {
  readonly bytes: Uint8Array;
  readonly format: 'pcap' | 'pcapng';
  readonly frames: readonly BuiltFrame[];
  readonly messages: readonly BuiltMessage[];
  /** LINKTYPE per pcapng interface (one entry for pcap). */
  readonly linkTypes: readonly number[];
}

/** A mistake in a flow description (unknown node, bad option). Thrown: the testkit is a test tool. */
export class FlowError extends Error {
  override readonly name = 'FlowError';
}
