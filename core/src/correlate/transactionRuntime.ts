/**
 * Live bookkeeping of one per-hop transaction while the capture streams by, and its observed state
 * machine (RFC 3261 §17.1.1, §17.1.2, §17.2.1, §17.2.2) driven by captured messages and capture time.
 */
import type { Transport } from '../shared/endpoint.ts';
import { makeTimestamp, type Timestamp } from '../shared/time.ts';
import type { SipFacts } from '../sip/sipFacts.ts';
import type { CopyDigest } from './copyDigest.ts';
import { detachString } from './detachString.ts';
import { appended } from './smallList.ts';
import type { LogicalTransaction, StateChange, Transaction, TransactionState } from './model.ts';
import type { KeyProbe, TransactionKey } from './transactionKey.ts';

/** RFC 3261 §17.1.1.1 timer values. */
export const T1_MS = 500;
export const T4_MS = 5000;
const TIMER_64T1_MS = 64 * T1_MS;

/** A message on this hop and its copies so far; the digest is of the latest copy (never the facts themselves). */
export interface CopySeen extends CopyDigest {
  index: number;
  lastIndex: number;
  lastMs: number;
}

export interface ResponseSlot extends CopySeen {
  status: number;
  toTag: string;
  /** Already matched to the same response forwarded on the previous hop. */
  forwarded: boolean;
  /** The same response on the next hop, which this one was forwarded from; -1 if none. */
  counterpart: number;
}

export interface TxRuntime {
  readonly tx: Transaction;
  /** false (streaming): `tx.states` stays empty and only `lastChange` is kept. */
  readonly history: boolean;
  /** The latest state change (the last of `tx.states` when it is kept). */
  lastChange: StateChange | undefined;
  /** The sent-by host (lower-case) and port of an RFC 3261 key ('' and 0 for RFC 2543): see liveTransactions.ts. */
  readonly keyHost: string;
  readonly keyPort: number;
  /** The logical transaction it belongs to (set when placed). */
  logical: LogicalTransaction | undefined;
  /** CANCEL: the INVITE it cancels; 2xx ACK: the INVITE it acknowledges (tx.relatesTo). */
  related: TxRuntime | undefined;
  requestMs: number;
  lastMs: number;
  /** Tracker record count at the last activity (see isExpired). */
  lastSeq: number;
  request: CopySeen | undefined;
  responses: ResponseSlot[];
  ack: CopySeen | undefined;
  retired: boolean;
  parent: TxRuntime | undefined;
  children: TxRuntime[];
  depth: number;
  /** A 100 Trying this hop's server sent itself (100 is never forwarded, §16.7 step 5), -1 if none. */
  tryingIndex: number;
}

export interface NewTransaction {
  id: number;
  key: TransactionKey;
  probe: KeyProbe;
  /** The probe's host, as kept (shared with other transactions where possible). */
  keyHost: string;
  method: string;
  facts: SipFacts;
  client: string;
  server: string;
  transport: Transport;
  timestamp: Timestamp;
  /** The Call-ID as already kept elsewhere (shared), else copied from the facts. */
  callId?: string;
}

/** Shared empty lists: a runtime's lists are replaced when they grow (smallList.ts), never pushed to. */
const NO_SLOTS = Object.freeze([]) as unknown as ResponseSlot[];
const NO_CHILDREN = Object.freeze([]) as unknown as TxRuntime[];
/** Streaming keeps no model: transactions share empty lists there (see `history`). */
const NO_STATES = Object.freeze([]) as unknown as StateChange[];
const NO_INDICES = Object.freeze([]) as unknown as number[];

export function createRuntime(spec: NewTransaction, nowMs: number, history = true): TxRuntime {
  const tx: Transaction = {
    id: spec.id,
    // Streaming keeps no model and compares keys by their parts (keyHost, keyPort): no text is built.
    key: history ? detachString(spec.key.key) : '',
    matching: spec.key.matching,
    method: spec.method,
    callId: spec.callId ?? detachString(spec.facts.callId ?? ''),
    cseqNumber: spec.facts.cseqNumber ?? 0,
    client: spec.client,
    server: spec.server,
    transport: spec.transport,
    requestIndex: -1,
    requestFrame: -1,
    requestRetransmissions: 0,
    responses: history ? [] : NO_INDICES,
    responseRetransmissions: 0,
    ackIndex: -1,
    finalStatus: 0,
    // Declared now (JSON drops undefined): one object shape from the start, no property store added later.
    firstResponseMs: undefined,
    finalResponseMs: undefined,
    state: spec.method === 'INVITE' ? 'calling' : 'trying',
    states: history ? [] : NO_STATES,
    logicalTransaction: -1,
    parent: -1,
    depth: 0,
    relatesTo: -1,
    dialog: -1,
    start: spec.timestamp,
    end: spec.timestamp,
  };
  return {
    tx, history, lastChange: undefined, keyHost: spec.keyHost, keyPort: spec.probe.port, logical: undefined, related: undefined, requestMs: nowMs, lastMs: nowMs, lastSeq: 0, request: undefined, responses: NO_SLOTS, ack: undefined, retired: false,
    parent: undefined, children: NO_CHILDREN, depth: 0, tryingIndex: -1,
  };
}

export function enterState(rt: TxRuntime, state: TransactionState, index: number, timestamp: Timestamp): void {
  if (rt.tx.state === state && rt.lastChange !== undefined) return;
  rt.tx.state = state;
  const change = { state, index, timestamp };
  rt.lastChange = change;
  if (rt.history) rt.tx.states = appended(rt.tx.states, change);
}


/** State change caused by a new distinct response (§17.1.1.2 INVITE client, §17.1.2.2 non-INVITE). */
export function applyResponseState(rt: TxRuntime, status: number, index: number, timestamp: Timestamp): void {
  const invite = rt.tx.method === 'INVITE';
  const state = rt.tx.state;
  if (status < 200) {
    if (state === 'calling' || state === 'trying') enterState(rt, 'proceeding', index, timestamp);
    return;
  }
  if (state === 'completed' || state === 'confirmed' || state === 'terminated') return;
  enterState(rt, invite && status < 300 ? 'terminated' : 'completed', index, timestamp);
}

function addMs(t: Timestamp, ms: number): Timestamp {
  const whole = Math.floor(ms / 1000);
  return makeTimestamp(t.seconds + whole, t.nanoseconds + Math.round((ms - whole * 1000) * 1e6));
}

/**
 * Adds the terminations that timers must have caused by capture time `nowMs` (Timer I, J, K, D, B/F):
 * a passive observer knows that an endpoint has discarded the transaction once the timer has elapsed.
 */
export function settleTimers(rt: TxRuntime, nowMs: number): void {
  const tx = rt.tx;
  const last = rt.lastChange;
  if (tx.method === 'ACK' || last === undefined) return;
  const reliable = tx.transport !== 'udp';
  const sinceLast = nowMs - rt.lastMs;
  if (tx.state === 'confirmed') {
    const timerI = reliable ? 0 : T4_MS;
    if (sinceLast >= timerI) enterState(rt, 'terminated', -1, addMs(last.timestamp, timerI));
  } else if (tx.state === 'completed') {
    const timer = tx.method === 'INVITE' ? TIMER_64T1_MS : reliable ? 0 : TIMER_64T1_MS;
    if (sinceLast >= timer) enterState(rt, 'terminated', -1, addMs(last.timestamp, timer));
  } else if ((tx.state === 'calling' || tx.state === 'trying') && tx.requestIndex >= 0) {
    // Timer B / F: no response at all within 64*T1 means the client gave up.
    if (nowMs - rt.requestMs >= TIMER_64T1_MS) enterState(rt, 'terminated', -1, addMs(tx.start, TIMER_64T1_MS));
  }
}

/**
 * Records that must go by before an idle transaction can retire, on top of the idle capture time: a
 * capture with broken clocks (seconds jumping by years) must not orphan every response, and keeping a
 * few hundred idle transactions longer costs nothing.
 */
export const MIN_IDLE_RECORDS = 256;

/** True when nothing more can be matched to it by capture time `nowMs` (record count `seq`). */
export function isExpired(rt: TxRuntime, nowMs: number, seq: number, completedAfterMs: number, pendingAfterMs: number): boolean {
  if (seq - rt.lastSeq <= MIN_IDLE_RECORDS) return false;
  const state = rt.tx.state;
  const done = state === 'completed' || state === 'confirmed' || state === 'terminated';
  return nowMs - rt.lastMs > (done ? completedAfterMs : pendingAfterMs);
}
