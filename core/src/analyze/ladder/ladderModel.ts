/**
 * The ladder model: what a sequence diagram of SIP messages shows (RFC 3261 §24 draws calls this way),
 * as plain data — lanes, one row per message (retransmissions folded, §17.1.1.2), transaction brackets
 * (§17) and dialog spans (§12). No colours, no formatted strings: every renderer decides those.
 */
import type { NodeRole } from '../../correlate/model.ts';
import type { Transport } from '../../shared/endpoint.ts';
import type { Timestamp } from '../../shared/time.ts';

/** How addresses become lanes: the correlator's node (default), the host (IP), or the exact host:port. */
export type LaneMerge = 'node' | 'host' | 'hostPort';
export const LANE_MERGES: readonly LaneMerge[] = ['node', 'host', 'hostPort'];

export interface LadderLane {
  /** Position, left to right (lanes are ordered by first appearance, sender before receiver). */
  id: number;
  /** Stable across captures for the same addresses: node → its smallest endpoint, host → the IP, hostPort → ip:port. */
  key: string;
  /** The correlator's name of the first node in the lane (an address unless a hostname was learnt). */
  name: string;
  /** Correlator node ids merged into this lane, first seen first. */
  nodes: number[];
  /** "ip:port" addresses seen on this lane in the ladder, first seen first (at most 64 kept). */
  endpoints: string[];
  /** How many distinct addresses the lane has (more than `endpoints` holds when over 64). */
  endpointCount: number;
  /** Host names the nodes were seen using (Via sent-by, Contact), first seen first. */
  hostnames: string[];
  /** Role of the lane's first node; 'unknown' when the correlator had no node for the address. */
  role: NodeRole | 'unknown';
}

export interface LadderRow {
  /** Position, top to bottom. */
  row: number;
  /** Record index of the (first) transmission drawn. */
  index: number;
  frame: number;
  timestamp: Timestamp;
  /** Lane ids; equal for a message a lane sends to itself (merged addresses, loopback). */
  from: number;
  to: number;
  srcEndpoint: string;
  dstEndpoint: string;
  transport: Transport;
  kind: 'request' | 'response';
  /** Request method, or the CSeq method of a response. */
  method?: string;
  requestUri?: string;
  statusCode?: number;
  reasonPhrase?: string;
  cseqNumber?: number;
  callId?: string;
  /** Correlation ids, -1 where none applies. */
  transaction: number;
  logicalTransaction: number;
  dialog: number;
  usage: number;
  call: number;
  /** Position of this message's Call-ID among the call's legs (a B2BUA call has several), -1 if none. */
  leg: number;
  /** Proxy depth of the transaction (0 = first hop captured), -1 without a transaction. */
  depth: number;
  /** The same message on the neighbouring hop (record index), -1 if none. */
  counterpart: number;
  /**
   * Record index whose hop annotation (correlate/hopAnnotation.ts) belongs to this row, -1 when the message
   * has no transaction. Annotations are built on demand: they hold whole header values.
   */
  hop: number;
  /** The body is SDP (RFC 4566); codecs of its first media line in offer order. */
  sdp: boolean;
  sdpCodecs: string[];
  /** Retransmissions folded into this row (record indices), and byte-identical duplicates (same frame copy). */
  retransmissions: number[];
  duplicates: number[];
  /** This row is itself a retransmission (or duplicate) of that record, drawn unfolded; -1 otherwise. */
  retransmissionOf: number;
  /** Parse and correlation issues on the message. */
  issues: number;
}

/** One transaction on one hop (RFC 3261 §17): from its first row to its last in this ladder. */
export interface LadderBracket {
  transaction: number;
  logicalTransaction: number;
  method: string;
  depth: number;
  firstRow: number;
  lastRow: number;
}

/** One dialog (RFC 3261 §12) in this ladder; forks of one INVITE share `initialTransaction`. */
export interface LadderDialog {
  dialog: number;
  callId: string;
  usage: 'invite' | 'subscription';
  firstRow: number;
  lastRow: number;
  forked: boolean;
  /** 0-based position among the dialogs of the same initial request in this ladder (forks), else 0. */
  fork: number;
  forks: number;
  state: 'early' | 'confirmed' | 'terminated';
  callerTag: string;
  calleeTag: string;
}

export interface LadderModel {
  lanes: LadderLane[];
  rows: LadderRow[];
  brackets: LadderBracket[];
  dialogs: LadderDialog[];
  /** Calls the rows belong to (ids, ascending). */
  calls: number[];
  /** Messages drawn including the folded ones. */
  messages: number;
  /** Time of the first row (relative times count from it). */
  start: Timestamp;
  merge: LaneMerge;
}
