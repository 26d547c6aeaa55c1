/**
 * The summary counts (summarize.ts) of a capture streamed through a correlator in sink mode: records are
 * looked at once and dropped, each Call-ID group is analysed when it settles (settledGroup.ts), and only
 * counts plus a few facts per Call-ID stay to the end, where calls are built and outcomes classified
 * (RFC 6076 §4 terms, callOutcome.ts). Gives the same numbers as `summarize(model, analyze(model, …))`.
 */
import type { CorrelationSink, RecordCorrelation, SettledGroup, StreamEnd } from '../correlate/correlationSink.ts';
import { detachOptional, internToken } from '../correlate/detachString.ts';
import type { Issue } from '../shared/issue.ts';
import { diffMs, ZERO_TIME, type Timestamp } from '../shared/time.ts';
import { CALL_OUTCOMES, type CallOutcome, type Summary } from './analysis.ts';
import { classifyOutcome } from './callOutcome.ts';
import type { AnalyzeIssueCode } from './issues.ts';
import { LedgerTable } from './ledgerTable.ts';
import {
  analyzeSettledGroup, KEPT_FIRST_HOP, KEPT_RESPONSE, KEPT_SDP, KEPT_TO_TAGGED, type KeptRecord, type SettledCounts,
} from './settledGroup.ts';

/** anomalies.ts: statuses reported on the first hop, and how long a capture must go on for the INVITE checks. */
const STATUS_ISSUES: Readonly<Record<number, AnalyzeIssueCode>> = {
  481: 'analyze.call_leg_does_not_exist',
  482: 'analyze.loop_detected',
  483: 'analyze.too_many_hops',
};
const TIMER_64T1_MS = 32_000;
const CONTENT_LENGTH = /content.?length/i;

/**
 * Whether a first-hop message can change what is counted, so must be kept until its group settles: the
 * offer/answer walk (offerAnswer.ts) passes over requests without SDP, and over responses below 300 without
 * SDP or at most 100, untouched; 2xx to INVITE give the missing-ACK check its time. (Every first INVITE copy
 * is kept too: attempts and dialogs' initial requests are read from them.)
 */
function matters(kind: 'request' | 'response', sdp: boolean, status: number, txMethod: string): boolean {
  if (kind === 'request') return sdp;
  if (status >= 300) return true;
  if (status >= 200 && txMethod === 'INVITE') return true;
  return sdp && status > 100;
}

export class StreamingSummary implements CorrelationSink {
  private readonly issues = new Map<string, number>();
  private readonly kept = new Map<number, KeptRecord[]>();
  private readonly ledgers = new LedgerTable();
  private readonly counts: SettledCounts = { storms: 0, answersWithoutOffer: 0, unansweredSince: [], okWithoutAckAt: [] };
  private retransmissions = 0;
  private lastIndex = -1;
  private lastTimestamp: Timestamp = ZERO_TIME;

  issue(_index: number, issue: Issue): void {
    this.count(issue.code);
  }

  record(e: RecordCorrelation): void {
    const record = e.record;
    const facts = record.facts;
    if (record.index > this.lastIndex) {
      this.lastIndex = record.index;
      this.lastTimestamp = record.timestamp;
    }
    if (e.retransmissionOf >= 0) this.retransmissions++;
    const declared = facts.contentLength;
    if (record.transport === 'udp' && declared !== undefined && declared !== facts.bodyLength && !record.issues.some((x) => CONTENT_LENGTH.test(x.code))) {
      this.count('analyze.content_length_mismatch');
    }
    const tx = e.transaction;
    if (tx === undefined) return;
    const firstRequestCopy = tx.requestIndex === record.index;
    if (firstRequestCopy && facts.maxForwards === 0) this.count('analyze.max_forwards_exhausted');
    const firstHop = tx.parent < 0;
    if (firstHop && e.distinct && e.role === 'response') {
      const code = STATUS_ISSUES[facts.statusCode ?? 0];
      if (code !== undefined) this.count(code);
    }
    if (e.retransmissionOf >= 0 || e.duplicateOf >= 0) return;
    const status = facts.statusCode;
    if (!(firstRequestCopy && facts.method === 'INVITE') && !(firstHop && matters(facts.kind, facts.sdp !== undefined, status ?? 0, tx.method))) return;
    const flags = (firstHop ? KEPT_FIRST_HOP : 0) | (facts.kind === 'response' ? KEPT_RESPONSE : 0)
      | (facts.to?.tag !== undefined ? KEPT_TO_TAGGED : 0) | (facts.sdp !== undefined ? KEPT_SDP : 0);
    const kept: KeptRecord = {
      index: record.index, transaction: tx.id, dialog: e.dialog, flags,
      method: facts.method === undefined ? undefined : internToken(facts.method), statusCode: status,
      cseqNumber: facts.cseqNumber, cseqMethod: facts.cseqMethod === undefined ? undefined : internToken(facts.cseqMethod),
      fromTag: detachOptional(facts.from?.tag),
      timestamp: facts.kind === 'response' && status !== undefined && status >= 200 && status < 300 ? record.timestamp : undefined,
    };
    const list = this.kept.get(e.group);
    if (list === undefined) this.kept.set(e.group, [kept]);
    else list.push(kept);
  }

  settled(settled: SettledGroup): void {
    const id = settled.group.id;
    const kept = this.kept.get(id) ?? [];
    this.kept.delete(id);
    const ledger = this.ledgers.get(id);
    analyzeSettledGroup(settled, kept, ledger, this.counts);
    this.ledgers.set(id, ledger);
  }

  /** The summary, once the correlator's `finishStream` has settled every group. */
  finish(end: StreamEnd): Summary {
    const captureEnd = this.lastTimestamp;
    const c = this.counts;
    this.add('analyze.retransmission_storm', c.storms);
    this.add('analyze.sdp_answer_without_offer', c.answersWithoutOffer);
    this.add('analyze.invite_unanswered', c.unansweredSince.filter((t) => diffMs(t, captureEnd) >= TIMER_64T1_MS).length);
    this.add('analyze.missing_ack', c.okWithoutAckAt.filter((t) => diffMs(t, captureEnd) >= TIMER_64T1_MS).length);
    const outcomes = Object.fromEntries(CALL_OUTCOMES.map((o) => [o, 0])) as Record<CallOutcome, number>;
    const { callOfGroup, calls } = end;
    const counted = new Uint8Array(calls);
    // Groups are in order of their first message, so the first group met of a call is its first leg.
    for (const g of end.groups) {
      const call = callOfGroup[g.id]!;
      if (call < 0 || counted[call]) continue;
      counted[call] = 1;
      outcomes[this.outcomeOf(g.id, captureEnd)]++;
    }
    const usages: Record<string, number> = {};
    for (const u of end.usages) usages[u.kind] = (usages[u.kind] ?? 0) + 1;
    return {
      messages: end.records, retransmissions: this.retransmissions, transactions: end.transactions,
      logicalTransactions: end.logicalTransactions, dialogs: end.dialogs, calls, nodes: end.nodes,
      outcomes, usages, issues: Object.fromEntries(this.issues),
    };
  }

  /** callAnalysis.ts's outcome for a call whose first leg is this group. */
  private outcomeOf(group: number, captureEnd: Timestamp): CallOutcome {
    const l = this.ledgers.get(group);
    if (l.firstAttempt < 0) return l.confirmed ? 'answered' : 'inProgress';
    const answered = l.answer >= 0;
    return classifyOutcome({
      answered, finalStatus: answered ? l.answerStatus : l.final >= 0 ? l.finalStatus : 0, cancelled: l.cancelled,
      ringing: l.ringing, observedMs: diffMs(l.firstStart!, captureEnd),
    });
  }

  private count(code: string): void {
    this.issues.set(code, (this.issues.get(code) ?? 0) + 1);
  }

  private add(code: string, n: number): void {
    if (n > 0) this.issues.set(code, (this.issues.get(code) ?? 0) + n);
  }
}
