/**
 * The analysis of one settled Call-ID group for a streamed summary: what `assembleModel` and `analyze`
 * would conclude about its transactions, dialogs and messages (dialog membership, RFC 3264 offer/answer,
 * the anomalies of anomalies.ts), reduced to counts and to the few facts a call's outcome needs later.
 */
import type { SettledGroup } from '../correlate/correlationSink.ts';
import type { Dialog, Transaction } from '../correlate/model.ts';
import type { TxRuntime } from '../correlate/transactionRuntime.ts';
import type { Timestamp } from '../shared/time.ts';
import type { NameAddrFacts, SdpFacts, SipFacts } from '../sip/sipFacts.ts';
import { followOfferAnswerFacts } from './offerAnswer.ts';

/** KeptRecord.flags */
export const KEPT_FIRST_HOP = 1;
export const KEPT_RESPONSE = 2;
export const KEPT_TO_TAGGED = 4;
export const KEPT_SDP = 8;

/** What a streamed summary keeps of one record until its group settles (first-hop messages, first INVITE copies). */
export interface KeptRecord {
  readonly index: number;
  readonly transaction: number;
  /** The dialog matched while streaming, -1 if none (the transaction's may apply). */
  readonly dialog: number;
  /**
   * KEPT_FIRST_HOP: on the first hop captured (only such messages make up a dialog's exchange, analysisIndex.ts);
   * KEPT_RESPONSE; KEPT_TO_TAGGED: has a To tag; KEPT_SDP: carries SDP.
   */
  readonly flags: number;
  readonly method: string | undefined;
  readonly statusCode: number | undefined;
  readonly cseqNumber: number | undefined;
  readonly cseqMethod: string | undefined;
  readonly fromTag: string | undefined;
  /** Kept for 2xx responses (missing-ACK check). */
  readonly timestamp: Timestamp | undefined;
}

/** Per call leg (Call-ID): the caller's INVITE attempts as callAnalysis.ts reads them, merged over settlements. */
export interface OutcomeLedger {
  /** Lowest transaction id of an attempt (-1: none) and its start. */
  firstAttempt: number;
  firstStart: Timestamp | undefined;
  /** Lowest attempt id with a 2xx, and the status of its first 2xx. */
  answer: number;
  answerStatus: number;
  /** Highest attempt id with a final response, and that status. */
  final: number;
  finalStatus: number;
  cancelled: boolean;
  ringing: boolean;
  /** Some dialog of the Call-ID was confirmed. */
  confirmed: boolean;
}

export function newLedger(): OutcomeLedger {
  return { firstAttempt: -1, firstStart: undefined, answer: -1, answerStatus: 0, final: -1, finalStatus: 0, cancelled: false, ringing: false, confirmed: false };
}

/** What a settlement adds to the summary. */
export interface SettledCounts {
  storms: number;
  answersWithoutOffer: number;
  /** Decided at the end of the capture (anomalies.ts compares with its last timestamp). */
  unansweredSince: Timestamp[];
  okWithoutAckAt: Timestamp[];
}

/** anomalies.ts: retransmissions within one transaction from which it is a storm. */
const STORM_RETRANSMISSIONS = 7;
const NONE: readonly never[] = Object.freeze([]);
const NO_PARAMETERS: Readonly<Record<string, string>> = Object.freeze({});
/** Only presence matters for the counts; the walk never reads an SDP's content for them. */
const SOME_SDP: SdpFacts = Object.freeze({ media: NONE });

function factsOf(kept: KeptRecord): SipFacts {
  const facts: { -readonly [K in keyof SipFacts]: SipFacts[K] } = {
    kind: (kept.flags & KEPT_RESPONSE) !== 0 ? 'response' : 'request', vias: NONE, contacts: NONE, recordRoutes: NONE, routes: NONE, reasons: NONE, bodyLength: 0,
  };
  if (kept.method !== undefined) facts.method = kept.method;
  if (kept.statusCode !== undefined) facts.statusCode = kept.statusCode;
  if (kept.cseqNumber !== undefined) facts.cseqNumber = kept.cseqNumber;
  if (kept.cseqMethod !== undefined) facts.cseqMethod = kept.cseqMethod;
  if (kept.fromTag !== undefined) facts.from = { uri: '', tag: kept.fromTag, uriParameters: NO_PARAMETERS, parameters: NO_PARAMETERS, raw: '' } satisfies NameAddrFacts;
  if ((kept.flags & KEPT_SDP) !== 0) facts.sdp = SOME_SDP;
  return facts;
}

/**
 * Applies what `assembleModel` does at the end of a capture to this group's transactions (they are
 * final): each dialog claims the hops of its initial request, CANCEL and 2xx ACK follow their INVITE.
 */
function claimDialogs(settled: SettledGroup, txById: ReadonlyMap<number, TxRuntime>): void {
  const logicalById = new Map(settled.logicalTransactions.map((l) => [l.id, l]));
  for (const d of settled.dialogs) {
    const path = d.initialTransaction >= 0 ? logicalById.get(d.initialTransaction) : undefined;
    if (path === undefined) continue;
    for (const id of path.hops) {
      const tx = txById.get(id)?.tx;
      if (tx !== undefined && tx.dialog < 0) tx.dialog = d.id;
    }
    const first = txById.get(path.hops[0]!)?.tx;
    const initial = d.requests[0];
    if (initial?.label === 'initial' && first !== undefined && first.requestIndex >= 0) initial.index = first.requestIndex;
  }
  for (const rt of settled.transactions) {
    const tx = rt.tx;
    if (tx.dialog < 0 && tx.relatesTo >= 0) tx.dialog = txById.get(tx.relatesTo)?.tx.dialog ?? -1;
  }
}

/** RFC 3264 answers without an offer, per INVITE dialog, over its first-hop messages in capture order. */
function countAnswersWithoutOffer(settled: SettledGroup, kept: readonly KeptRecord[], txById: ReadonlyMap<number, TxRuntime>): number {
  const byIndex = new Map<number, KeptRecord>();
  const perDialog = new Map<number, number[]>();
  for (const k of kept) {
    byIndex.set(k.index, k);
    if ((k.flags & KEPT_FIRST_HOP) === 0) continue;
    const dialog = k.dialog >= 0 ? k.dialog : txById.get(k.transaction)?.tx.dialog ?? -1;
    if (dialog < 0) continue;
    const list = perDialog.get(dialog);
    if (list === undefined) perDialog.set(dialog, [k.index]);
    else list.push(k.index);
  }
  let count = 0;
  const facts = (index: number): SipFacts | undefined => {
    const k = byIndex.get(index);
    return k === undefined ? undefined : factsOf(k);
  };
  for (const d of settled.dialogs) {
    if (d.usage !== 'invite') continue;
    const indices = perDialog.get(d.id) ?? [];
    const initial = d.requests[0];
    if (initial?.label === 'initial' && !indices.includes(initial.index)) indices.unshift(initial.index);
    count += followOfferAnswerFacts(indices, facts, d).answersWithoutOffer.length;
  }
  return count;
}

function isAttempt(tx: Transaction, byIndex: ReadonlyMap<number, KeptRecord>): boolean {
  if (tx.parent >= 0 || tx.method !== 'INVITE' || tx.requestIndex < 0) return false;
  const request = byIndex.get(tx.requestIndex);
  return request !== undefined && (request.flags & KEPT_TO_TAGGED) === 0;
}

function mergeOutcome(settled: SettledGroup, byIndex: ReadonlyMap<number, KeptRecord>, ledger: OutcomeLedger): void {
  const attempts = new Set<number>();
  for (const rt of settled.transactions) {
    const tx = rt.tx;
    if (!isAttempt(tx, byIndex)) continue;
    attempts.add(tx.id);
    if (ledger.firstAttempt < 0 || tx.id < ledger.firstAttempt) {
      ledger.firstAttempt = tx.id;
      ledger.firstStart = tx.start;
    }
    const ok = rt.responses.find((s) => s.status >= 200 && s.status < 300);
    if (ok !== undefined && (ledger.answer < 0 || tx.id < ledger.answer)) {
      ledger.answer = tx.id;
      ledger.answerStatus = ok.status;
    }
    if (tx.finalStatus >= 200 && tx.id > ledger.final) {
      ledger.final = tx.id;
      ledger.finalStatus = tx.finalStatus;
    }
    if (tx.state === 'proceeding') ledger.ringing = true;
  }
  for (const rt of settled.transactions) {
    const tx = rt.tx;
    if (tx.parent < 0 && tx.method === 'CANCEL' && attempts.has(tx.relatesTo)) ledger.cancelled = true;
  }
  if (settled.dialogs.some((d: Dialog) => d.confirmedIndex >= 0)) ledger.confirmed = true;
}

/** Everything a settlement tells; `kept` are the group's kept records since its last settlement. */
export function analyzeSettledGroup(settled: SettledGroup, kept: readonly KeptRecord[], ledger: OutcomeLedger, out: SettledCounts): void {
  const txById = new Map(settled.transactions.map((rt) => [rt.tx.id, rt]));
  claimDialogs(settled, txById);
  const sorted = [...kept].sort((a, b) => a.index - b.index);
  out.answersWithoutOffer += countAnswersWithoutOffer(settled, sorted, txById);
  const byIndex = new Map(sorted.map((k) => [k.index, k]));
  const acknowledged = new Set<number>();
  for (const rt of settled.transactions) {
    const tx = rt.tx;
    if (tx.method === 'ACK' && tx.relatesTo >= 0) acknowledged.add(txById.get(tx.relatesTo)?.tx.logicalTransaction ?? -1);
  }
  for (const rt of settled.transactions) {
    const tx = rt.tx;
    if (tx.requestRetransmissions + tx.responseRetransmissions >= STORM_RETRANSMISSIONS) out.storms++;
    if (tx.parent >= 0 || tx.method !== 'INVITE') continue;
    if (tx.requestIndex >= 0 && tx.responses.length === 0) out.unansweredSince.push(tx.start);
    if (tx.finalStatus < 200 || tx.finalStatus >= 300 || acknowledged.has(tx.logicalTransaction)) continue;
    for (const i of tx.responses) {
      const k = byIndex.get(i);
      const status = k?.statusCode ?? 0;
      if (status < 200 || status >= 300) continue;
      if (k!.timestamp !== undefined) out.okWithoutAckAt.push(k!.timestamp);
      break;
    }
  }
  mergeOutcome(settled, byIndex, ledger);
}
