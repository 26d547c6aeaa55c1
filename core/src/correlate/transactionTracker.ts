/**
 * Incremental per-hop transaction tracker (RFC 3261 §17.1.3, §17.2.3): feeds on records in capture order,
 * folds retransmissions and capture duplicates, links responses to the original request on the same hop,
 * and retires finished transactions by capture time so memory stays bounded.
 */
import type { Issue } from '../shared/issue.ts';
import { makeIssue } from '../shared/issue.ts';
import type { MessageRecord } from '../sip/messageRecord.ts';
import type { SipFacts } from '../sip/sipFacts.ts';
import { correlateIssues } from './issues.ts';
import type { Transaction } from './model.ts';
import { redigest, sameCopy } from './copyDigest.ts';
import { detachString, internToken } from './detachString.ts';
import { LiveTransactions } from './liveTransactions.ts';
import { appended } from './smallList.ts';
import { defaultSipPort, keyOfProbe, keyProbeAt, type KeyProbe } from './transactionKey.ts';
import {
  applyResponseState, createRuntime, enterState, type CopySeen, type ResponseSlot, type TxRuntime,
} from './transactionRuntime.ts';

export interface TrackerOptions {
  /** Idle capture time after which a finished transaction can no longer match (default 64 s ≥ 64·T1). */
  readonly retireCompletedAfterMs: number;
  /** Idle capture time after which an unfinished one is dropped (default 300 s). */
  readonly retirePendingAfterMs: number;
  /** Identical copies on one hop closer than this are capture duplicates, not retransmissions. */
  readonly duplicateWindowMs: number;
}

export const DEFAULT_TRACKER_OPTIONS: TrackerOptions = {
  retireCompletedAfterMs: 64_000,
  retirePendingAfterMs: 300_000,
  duplicateWindowMs: 5,
};

/** How much the tracker keeps: everything for a model (default), or only live transactions for a stream. */
export interface TrackerRetention {
  /** false: `transactions` stays empty; finished transactions go to `retired` and are forgotten. */
  readonly retain: boolean;
  /** Called once per transaction when it can no longer be matched (at `finish` for the rest). */
  readonly retired?: (rt: TxRuntime) => void;
  /** The one kept copy of a Call-ID (see CallIdGroups.callIdOf), so transactions share it. */
  readonly callIdOf?: (callId: string) => string;
  /** A kept copy of a host to share (NodeBook.ipOf), undefined when there is none. */
  readonly hostOf?: (host: string) => string | undefined;
}

export type TrackedRole = 'request' | 'response' | 'ack' | 'none';

export interface Tracked {
  role: TrackedRole;
  runtime: TxRuntime | undefined;
  /** This record created the transaction. */
  created: boolean;
  /** First transmission of this request, response or ACK (not a retransmission or duplicate). */
  distinct: boolean;
  retransmissionOf: number;
  duplicateOf: number;
  slot: ResponseSlot | undefined;
  /** Responses: the original request frame on this hop; ACK: the INVITE's; -1 when unknown. */
  requestFrame: number;
}

export class TransactionTracker {
  /** Every transaction by id (empty when not retaining: see `transaction`). */
  readonly transactions: Transaction[] = [];
  /** The transactions that can still be matched (exposed for the hop linker's upstream search). */
  readonly live: LiveTransactions;
  private created = 0;
  /** Reused for every record: valid until the next `track` call. */
  private readonly result: Tracked = {
    role: 'none', runtime: undefined, created: false, distinct: false, retransmissionOf: -1, duplicateOf: -1, slot: undefined, requestFrame: -1,
  };

  constructor(
    private readonly options: TrackerOptions,
    private readonly report: (index: number, issue: Issue) => void,
    private readonly retention: TrackerRetention = { retain: true },
  ) {
    this.live = new LiveTransactions(options, retention.retired);
  }

  /** Transactions created so far. */
  get count(): number {
    return this.created;
  }


  track(record: MessageRecord, src: string, dst: string, nowMs: number): Tracked {
    this.live.tick(nowMs);
    const facts = record.facts;
    const result = this.result;
    result.role = 'none';
    result.runtime = undefined;
    result.created = false;
    result.distinct = false;
    result.retransmissionOf = -1;
    result.duplicateOf = -1;
    result.slot = undefined;
    result.requestFrame = -1;
    if (facts.kind === 'response') {
      const key = facts.cseqMethod === undefined ? undefined : keyProbeAt(facts, 0, facts.cseqMethod);
      if (key === undefined) return this.noKey(record, result);
      this.trackResponse(record, key, src, dst, nowMs, result);
    } else if (facts.method === 'ACK') {
      const key = keyProbeAt(facts, 0, 'INVITE');
      if (key === undefined) return this.noKey(record, result);
      this.trackAck(record, key, src, dst, nowMs, result);
    } else {
      const key = facts.method === undefined ? undefined : keyProbeAt(facts, 0, facts.method);
      if (key === undefined) return this.noKey(record, result);
      this.trackRequest(record, key, facts.method!, src, dst, nowMs, result);
    }
    return result;
  }

  /** Settles every live transaction's timers at the end of the capture. */
  finish(nowMs: number): void {
    this.live.finish(nowMs);
  }

  private noKey(record: MessageRecord, result: Tracked): Tracked {
    this.report(record.index, makeIssue(correlateIssues, 'correlate.no_transaction_key', { frame: record.frame }));
    return result;
  }

  private trackRequest(record: MessageRecord, key: KeyProbe, method: string, src: string, dst: string, nowMs: number, result: Tracked): void {
    result.role = 'request';
    let rt = this.live.findHop(key, record.facts, src, dst, nowMs);
    if (rt === undefined) {
      rt = this.create(record, key, method, src, dst, nowMs);
      result.created = true;
      if (method === 'CANCEL') this.relateCancel(record, rt, src, dst, nowMs);
    }
    result.runtime = rt;
    this.live.touch(rt, nowMs);
    if (rt.request === undefined) {
      rt.request = this.firstCopy(record, nowMs);
      rt.requestMs = nowMs;
      rt.tx.requestIndex = record.index;
      rt.tx.requestFrame = record.frame;
      if (rt.lastChange === undefined) enterState(rt, rt.tx.state, record.index, record.timestamp);
      result.distinct = true;
    } else if (this.repeat(record, rt.request, nowMs, result)) {
      rt.tx.requestRetransmissions++;
    }
    rt.tx.end = record.timestamp;
  }

  private trackAck(record: MessageRecord, inviteKey: KeyProbe, src: string, dst: string, nowMs: number, result: Tracked): void {
    result.role = 'ack';
    const invite = this.live.findHop(inviteKey, record.facts, src, dst, nowMs);
    if (invite !== undefined && !this.acknowledges2xx(invite, record.facts)) {
      // ACK of a non-2xx final response: the last message of the INVITE transaction (§17.1.1.3).
      result.runtime = invite;
      result.requestFrame = invite.tx.requestFrame;
      this.live.touch(invite, nowMs);
      invite.tx.end = record.timestamp;
      if (invite.ack === undefined) {
        invite.ack = this.firstCopy(record, nowMs);
        invite.tx.ackIndex = record.index;
        result.distinct = true;
        if (invite.tx.state === 'completed') enterState(invite, 'confirmed', record.index, record.timestamp);
      } else {
        this.repeat(record, invite.ack, nowMs, result);
      }
      return;
    }
    if (invite !== undefined && inviteKey.matching === 'rfc3261') {
      this.report(record.index, makeIssue(correlateIssues, 'correlate.ack_reuses_invite_branch', { frame: record.frame, value: record.facts.vias[0]?.branch }));
    }
    // ACK of a 2xx: a transaction of its own, with its own branch (§17.1.1.3, §13.2.2.4).
    const key = keyProbeAt(record.facts, 0, 'ACK')!;
    let rt = this.live.findHop(key, record.facts, src, dst, nowMs);
    if (rt === undefined) {
      rt = this.create(record, key, 'ACK', src, dst, nowMs);
      result.created = true;
      const related = invite ?? this.live.findInvite(record.facts, src, dst, nowMs);
      if (related === undefined) {
        this.report(record.index, makeIssue(correlateIssues, 'correlate.ack_without_invite', { frame: record.frame }));
      } else {
        rt.tx.relatesTo = related.tx.id;
        rt.related = related;
        result.requestFrame = related.tx.requestFrame;
      }
    } else if (rt.tx.relatesTo >= 0) {
      result.requestFrame = rt.related?.tx.requestFrame ?? -1;
    }
    result.runtime = rt;
    this.live.touch(rt, nowMs);
    rt.tx.end = record.timestamp;
    if (rt.request === undefined) {
      rt.request = this.firstCopy(record, nowMs);
      rt.tx.requestIndex = record.index;
      rt.tx.requestFrame = record.frame;
      enterState(rt, 'terminated', record.index, record.timestamp);
      result.distinct = true;
    } else if (this.repeat(record, rt.request, nowMs, result)) {
      rt.tx.requestRetransmissions++;
    }
  }

  private trackResponse(record: MessageRecord, key: KeyProbe, src: string, dst: string, nowMs: number, result: Tracked): void {
    result.role = 'response';
    const facts = record.facts;
    const match = this.live.findForResponse(key, record, src, dst, nowMs);
    let rt = match?.rt;
    if (match !== undefined && !match.exact && (match.rt.tx.server !== src || !sentToViaAddress(record))) {
      this.report(record.index, makeIssue(correlateIssues, 'correlate.response_from_unexpected_address', {
        frame: record.frame, value: `${src} → ${dst} (request ${match.rt.tx.client} → ${match.rt.tx.server})`,
      }));
    }
    if (rt === undefined) {
      // Orphan: keep it visible as a transaction whose request was not captured on this hop.
      rt = this.create(record, key, facts.cseqMethod!, dst, src, nowMs);
      result.created = true;
      enterState(rt, rt.tx.state, -1, record.timestamp);
      this.report(record.index, makeIssue(correlateIssues, 'correlate.response_without_request', { frame: record.frame, value: `${facts.statusCode} ${facts.cseqMethod}` }));
    }
    result.runtime = rt;
    result.requestFrame = rt.tx.requestFrame;
    this.live.touch(rt, nowMs);
    rt.tx.end = record.timestamp;
    const status = facts.statusCode ?? 0;
    const toTag = facts.to?.tag ?? '';
    const slot = rt.responses.find((s) => s.status === status && s.toTag === toTag);
    if (slot !== undefined) {
      result.slot = slot;
      if (this.repeat(record, slot, nowMs, result)) rt.tx.responseRetransmissions++;
      return;
    }
    // Every field written here, in one literal: objects keep one compact shape (a spread would not).
    const fresh: ResponseSlot = {
      index: record.index, lastIndex: record.index, lastMs: nowMs, viaCount: 0, topViaHash: 0, topViaLength: -1, maxForwards: undefined,
      bodyLength: 0, contentLength: undefined, toTagHash: 0, toTagLength: -1, recordRoutes: 0, status, toTag: detachString(toTag), forwarded: false, counterpart: -1,
    };
    redigest(fresh, facts);
    rt.responses = appended(rt.responses, fresh);
    rt.tx.responses = appended(rt.tx.responses, record.index);
    result.slot = fresh;
    result.distinct = true;
    if (rt.request !== undefined) {
      const elapsed = nowMs - rt.requestMs;
      if (rt.tx.firstResponseMs === undefined) rt.tx.firstResponseMs = elapsed;
      if (status >= 200 && rt.tx.finalResponseMs === undefined) rt.tx.finalResponseMs = elapsed;
    }
    if (status >= 200 && rt.tx.finalStatus === 0) rt.tx.finalStatus = status;
    applyResponseState(rt, status, record.index, record.timestamp);
  }

  /** Records a retransmission or a duplicate of `seen`; returns true for a retransmission. */
  private repeat(record: MessageRecord, seen: CopySeen, nowMs: number, result: Tracked): boolean {
    const duplicate = nowMs - seen.lastMs <= this.options.duplicateWindowMs && sameCopy(record.facts, seen);
    if (duplicate) {
      result.duplicateOf = seen.lastIndex;
      this.report(record.index, makeIssue(correlateIssues, 'correlate.duplicate_capture', { frame: record.frame }));
    } else {
      result.retransmissionOf = seen.index;
    }
    seen.lastIndex = record.index;
    seen.lastMs = nowMs;
    redigest(seen, record.facts);
    return !duplicate;
  }

  private firstCopy(record: MessageRecord, nowMs: number): CopySeen {
    const seen: CopySeen = {
      index: record.index, lastIndex: record.index, lastMs: nowMs, viaCount: 0, topViaHash: 0, topViaLength: -1, maxForwards: undefined,
      bodyLength: 0, contentLength: undefined, toTagHash: 0, toTagLength: -1, recordRoutes: 0,
    };
    redigest(seen, record.facts);
    return seen;
  }

  private acknowledges2xx(invite: TxRuntime, facts: SipFacts): boolean {
    const toTag = facts.to?.tag ?? '';
    const slot = invite.responses.find((s) => s.status >= 200 && s.toTag === toTag);
    if (slot !== undefined) return slot.status < 300;
    return invite.tx.finalStatus >= 200 && invite.tx.finalStatus < 300;
  }

  private create(record: MessageRecord, probe: KeyProbe, method: string, client: string, server: string, nowMs: number): TxRuntime {
    const callId = record.facts.callId;
    const key = keyOfProbe(probe);
    const rt = createRuntime({
      id: this.created++, key, probe, keyHost: this.retention.hostOf?.(probe.host) ?? detachString(probe.host), method: internToken(method), facts: record.facts, client, server,
      transport: record.transport, timestamp: record.timestamp,
      ...(callId !== undefined && this.retention.callIdOf !== undefined ? { callId: this.retention.callIdOf(callId) } : {}),
    }, nowMs, this.retention.retain);
    if (this.retention.retain) this.transactions.push(rt.tx);
    this.live.add(probe, rt);
    if (key.matching === 'rfc2543' && record.facts.kind === 'request') {
      this.report(record.index, makeIssue(correlateIssues, 'correlate.branch_without_cookie', { frame: record.frame, value: record.facts.vias[0]?.raw }));
    }
    return rt;
  }

  private relateCancel(record: MessageRecord, rt: TxRuntime, src: string, dst: string, nowMs: number): void {
    const inviteKey = keyProbeAt(record.facts, 0, 'INVITE');
    const invite = (inviteKey && this.live.findHop(inviteKey, record.facts, src, dst, nowMs)) ?? this.live.findInvite(record.facts, src, dst, nowMs);
    if (invite === undefined) {
      this.report(record.index, makeIssue(correlateIssues, 'correlate.cancel_without_invite', { frame: record.frame }));
    } else {
      rt.tx.relatesTo = invite.tx.id;
      rt.related = invite;
    }
  }
}

/** RFC 3261 §18.2.2: without rport a response goes to the Via sent-by port (at `received` if present). */
function sentToViaAddress(record: MessageRecord): boolean {
  const top = record.facts.vias[0];
  if (top === undefined) return false;
  const host = (top.received ?? top.host).toLowerCase();
  return host === record.dst.ip.toLowerCase() && (top.rport ?? top.port ?? defaultSipPort(top.transport)) === record.dst.port;
}
