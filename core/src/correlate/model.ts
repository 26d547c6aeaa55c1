/**
 * The correlation model: transactions per hop (RFC 3261 §17), logical transactions across hops (§16),
 * nodes, dialogs (§12), other usages, and calls. Plain JSON-serialisable data; ids are array positions;
 * messages are referred to by record index (MessageRecord.index), -1 meaning none.
 */
import type { Issue } from '../shared/issue.ts';
import type { Timestamp } from '../shared/time.ts';
import type { Transport } from '../shared/endpoint.ts';
import type { MessageRecord } from '../sip/messageRecord.ts';
import type { Matching } from './transactionKey.ts';

/** Gives the record at an index: the pipeline keeps the records, the model refers to them by index. */
export type RecordLookup = (index: number) => MessageRecord | undefined;

/** RFC 3261 §17 state names: calling (INVITE client) / trying (non-INVITE), then the shared ones. */
export type TransactionState = 'calling' | 'trying' | 'proceeding' | 'completed' | 'confirmed' | 'terminated';

export interface StateChange {
  state: TransactionState;
  /** The message that caused it, or -1 when derived from elapsed capture time (a timer that must have fired). */
  index: number;
  timestamp: Timestamp;
}

export interface Transaction {
  id: number;
  key: string;
  matching: Matching;
  /** The method that created it; 'ACK' only for the ACK of a 2xx, which is its own transaction. */
  method: string;
  callId: string;
  cseqNumber: number;
  /** Request sender and receiver on this hop, "ip:port". */
  client: string;
  server: string;
  transport: Transport;
  /** First transmission of the request (-1 when only responses were captured). */
  requestIndex: number;
  requestFrame: number;
  requestRetransmissions: number;
  /** Distinct responses (first transmissions), in capture order. */
  responses: number[];
  responseRetransmissions: number;
  /** The ACK of a non-2xx final response (part of the INVITE transaction), -1 if none. */
  ackIndex: number;
  finalStatus: number;
  firstResponseMs?: number;
  finalResponseMs?: number;
  state: TransactionState;
  states: StateChange[];
  logicalTransaction: number;
  /** The same request on the previous hop (the proxy's incoming transaction), -1 for the first hop seen. */
  parent: number;
  /** 0 for the first hop captured, then +1 per proxy. */
  depth: number;
  /** CANCEL: the INVITE transaction it cancels; ACK (2xx): the INVITE transaction it acknowledges. */
  relatesTo: number;
  dialog: number;
  start: Timestamp;
  end: Timestamp;
}

export interface LogicalTransaction {
  id: number;
  method: string;
  callId: string;
  cseqNumber: number;
  /** Per-hop transactions, upstream first (a forking proxy gives several children to one parent). */
  hops: number[];
  /** For CANCEL and 2xx-ACK logical transactions, the INVITE logical transaction. */
  relatesTo: number;
}

/** What a teacher would point at on one hop of a request or response (built on demand, see hopAnnotation). */
export interface HopAnnotation {
  index: number;
  transaction: number;
  /** 0 for the first hop captured, then +1 per proxy. */
  depth: number;
  /** The copy on the previous hop (requests) or the next hop (responses, which travel back), -1 if none. */
  counterpart: number;
  /** Via entries as seen on this hop, top first. */
  viaStack: string[];
  /** Requests: the top Via, pushed by the sender of this hop. Responses: the Via the sender popped. */
  pushedVia?: string;
  poppedVia?: string;
  /** NAT evidence for this hop's sender: received/rport written by the receiver, or sent-by ≠ source. */
  received?: string;
  rport?: number | null;
  sentByMismatch?: boolean;
  maxForwardsBefore?: number;
  maxForwardsAfter?: number;
  recordRouteAdded: string[];
  routes: string[];
  routeConsumed?: string;
  strictRouting?: boolean;
  requestUriBefore?: string;
  requestUriAfter?: string;
}

export type NodeRole = 'ua' | 'statefulProxy' | 'statelessProxy' | 'proxy' | 'registrar' | 'redirectServer' | 'b2bua';

export interface NodeEvidence {
  rule: string;
  detail: string;
  index: number;
}

export interface SipNode {
  id: number;
  name: string;
  endpoints: string[];
  hostnames: string[];
  roles: NodeRole[];
  role: NodeRole;
  userAgents: string[];
  evidence: NodeEvidence[];
}

export type DialogState = 'early' | 'confirmed' | 'terminated';

export interface DialogSide {
  uri?: string;
  tag: string;
  /** Remote target as this side advertised it (Contact). */
  contact?: string;
  /** Route set this side uses (from Record-Route; reversed for the caller, RFC 3261 §12.1.2). */
  routeSet: string[];
  lastCseq: number;
}

export interface DialogRequest {
  index: number;
  method: string;
  /** initial, re-INVITE, UPDATE, PRACK, INFO, BYE, ACK, REFER, NOTIFY, MESSAGE, OPTIONS, … */
  label: string;
  fromCaller: boolean;
}

export interface Dialog {
  id: number;
  callId: string;
  usage: 'invite' | 'subscription';
  state: DialogState;
  caller: DialogSide;
  callee: DialogSide;
  createdIndex: number;
  confirmedIndex: number;
  terminatedIndex: number;
  /** bye, rejected (non-2xx final), cancelled, 481, timeout, subscription-ended. */
  termination?: string;
  terminatedByCaller?: boolean;
  forked: boolean;
  /** The INVITE/SUBSCRIBE logical transaction that created it, -1 when seen mid-stream. */
  initialTransaction: number;
  requests: DialogRequest[];
  issues: Issue[];
}

export type UsageKind = 'registration' | 'subscription' | 'options' | 'message' | 'publish' | 'info' | 'refer' | 'other';

export interface RegistrationAttempt {
  transaction: number;
  index: number;
  status: number;
  expiresRequested?: number;
  expiresGranted?: number;
  minExpires?: number;
}

export interface Registration {
  aor?: string;
  contacts: string[];
  attempts: RegistrationAttempt[];
  /** registered, unregistered, challenged (never passed), rejected, pending. */
  outcome: string;
}

export interface Usage {
  id: number;
  kind: UsageKind;
  callId: string;
  methods: string[];
  transactions: number;
  firstIndex: number;
  lastIndex: number;
  /** OPTIONS keep-alives and similar background traffic. */
  noise: boolean;
  registration?: Registration;
}

export interface CallLeg {
  callId: string;
  initialIndex: number;
  from?: string;
  to?: string;
  requestUri?: string;
  client: string;
  server: string;
  dialogs: number[];
}

export interface LegLink {
  from: string;
  to: string;
  rule: string;
  evidence: string;
  index: number;
}

export interface Call {
  id: number;
  legs: CallLeg[];
  links: LegLink[];
  dialogs: number[];
  firstIndex: number;
  lastIndex: number;
  start: Timestamp;
  end: Timestamp;
  messages: number;
}

/** One column per annotation, one entry per record index; -1 where it does not apply. */
export interface RecordColumns {
  transaction: number[];
  logicalTransaction: number[];
  dialog: number[];
  call: number[];
  usage: number[];
  /** Responses and ACK: the first transmission of the request of their RFC 3261 §17 transaction on this hop. */
  transactionRequestFrame: number[];
  /** Wireshark's `sip.response-request`, rule for rule (see wiresharkRequestLinker.ts). */
  requestFrame: number[];
  retransmissionOf: number[];
  duplicateOf: number[];
  /** Requests: the same request on the previous hop; responses: the same response on the next hop. */
  counterpart: number[];
  srcNode: number[];
  dstNode: number[];
}

export interface RecordIssue {
  index: number;
  issue: Issue;
}

export interface CorrelationModel {
  records: number;
  transactions: Transaction[];
  logicalTransactions: LogicalTransaction[];
  nodes: SipNode[];
  dialogs: Dialog[];
  usages: Usage[];
  calls: Call[];
  columns: RecordColumns;
  issues: RecordIssue[];
}
