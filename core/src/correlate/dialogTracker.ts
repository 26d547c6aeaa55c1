/**
 * Dialogs from captured messages (RFC 3261 §12, §13.2.2.4, §15): early on a 1xx with a To tag,
 * confirmed on a 2xx, one per To tag when forked, terminated by BYE, a non-2xx final response,
 * or 481/408 to an in-dialog request (§12.2.1.2). Also CSeq order per direction and requests around BYE.
 */
import type { Issue } from '../shared/issue.ts';
import { makeIssue } from '../shared/issue.ts';
import type { MessageRecord } from '../sip/messageRecord.ts';
import { correlateIssues } from './issues.ts';
import type { Dialog, Transaction } from './model.ts';
import {
  dialogKey, dialogUsageOf, labelRequest, newSide, originKey, setRouteSets, type DialogRuntime,
} from './dialogRuntime.ts';
import { MIN_IDLE_RECORDS } from './transactionRuntime.ts';
import type { Tracked } from './transactionTracker.ts';
import { detachOptional, detachString, internToken } from './detachString.ts';
import { appended } from './smallList.ts';

/** Streamed dialogs share one empty issue list (a list is made for the first issue). */
const NO_ISSUES = Object.freeze([]) as unknown as Issue[];

/** How much the tracker keeps: every dialog for a model (default), or only live ones for a stream. */
export interface DialogRetention {
  /** false: `dialogs` stays empty; dialogs are announced by `created` and `retired` instead. */
  readonly retain: boolean;
  readonly created?: (dialog: Dialog) => void;
  /** Called once per dialog when no message can reach it any more (at `finish` for the rest). */
  readonly retired?: (dialog: Dialog) => void;
  /** The one kept copy of a Call-ID (see CallIdGroups.callIdOf). */
  readonly callIdOf?: (callId: string) => string;
}

/** Dialogs idle this long (capture time) are forgotten: terminated ones soon, confirmed ones after hours. */
const TERMINATED_RETIRE_MS = 64_000;
const IDLE_RETIRE_MS = 4 * 3600_000;
const SWEEP_EVERY = 16_384;

export class DialogTracker {
  /** Every dialog by id (empty when not retaining). */
  readonly dialogs: Dialog[] = [];
  private created = 0;
  private readonly byTags = new Map<string, DialogRuntime>();
  private readonly byOrigin = new Map<string, DialogRuntime[]>();
  private sinceSweep = 0;
  private lastSweepMs = 0;
  private seq = 0;

  constructor(
    private readonly report: (index: number, issue: Issue) => void,
    private readonly retention: DialogRetention = { retain: true },
  ) {}

  /** Dialogs created so far. */
  get count(): number {
    return this.created;
  }

  /** Returns the dialog the record belongs to, or -1 (initial requests get theirs from the transaction later). */
  observe(record: MessageRecord, tracked: Tracked, nowMs: number): number {
    this.seq++;
    if (++this.sinceSweep >= SWEEP_EVERY && nowMs - this.lastSweepMs >= TERMINATED_RETIRE_MS / 4) this.sweep(nowMs);
    const rt = tracked.runtime;
    const facts = record.facts;
    if (rt === undefined || facts.callId === undefined) return -1;
    const fromTag = facts.from?.tag;
    const toTag = facts.to?.tag;
    if (fromTag === undefined || toTag === undefined) return -1;
    const found = this.lookup(dialogKey(facts.callId, fromTag, toTag), nowMs);
    if (facts.kind === 'response') return this.onResponse(record, tracked, found, nowMs);
    // The ACK of a non-2xx final response belongs to the INVITE transaction, not to a dialog.
    if (tracked.role === 'ack' && rt.tx.method === 'INVITE') return found?.dialog.id ?? -1;
    return this.onRequest(record, tracked, found, nowMs);
  }

  finish(): void {
    for (const d of this.byTags.values()) {
      if (d.dialog.state !== 'terminated' && d.byeIndex >= 0) this.terminate(d, d.byeIndex, 'bye');
    }
    const retired = this.retention.retired;
    if (retired !== undefined) for (const d of this.byTags.values()) retired(d.dialog);
    this.byTags.clear();
    this.byOrigin.clear();
  }

  private onResponse(record: MessageRecord, tracked: Tracked, found: DialogRuntime | undefined, nowMs: number): number {
    const facts = record.facts;
    const rt = tracked.runtime!;
    const status = facts.statusCode ?? 0;
    const usage = dialogUsageOf(facts.cseqMethod);
    const initial = rt.request === undefined || rt.request.toTagLength === -1;
    let d = found;
    if (d === undefined && usage !== undefined && initial && status > 100 && status < 300) d = this.create(record, rt.tx, usage, nowMs);
    if (d === undefined) {
      if (usage === 'invite' && initial && status >= 300 && tracked.distinct) this.rejectOrigin(record, status);
      return -1;
    }
    d.lastMs = nowMs;
    d.lastSeq = this.seq;
    const dialog = d.dialog;
    if (!tracked.distinct) return dialog.id;
    if (usage !== undefined && initial) {
      if (status >= 200 && status < 300 && dialog.state === 'early') {
        dialog.state = 'confirmed';
        dialog.confirmedIndex = record.index;
        setRouteSets(dialog, facts);
        if (facts.contacts[0] !== undefined) dialog.callee.contact = detachString(facts.contacts[0].uri);
      } else if (status >= 300) {
        this.rejectOrigin(record, status);
      }
    }
    const method = facts.cseqMethod;
    if (status >= 200 && d.byeIndex >= 0 && method === 'BYE' && dialog.state !== 'terminated') {
      this.terminate(d, record.index, 'bye');
    } else if ((status === 481 || status === 408) && !initial && dialog.state !== 'terminated') {
      this.terminate(d, record.index, status === 481 ? '481' : 'timeout');
    }
    if (rt.tx.dialog < 0) rt.tx.dialog = dialog.id;
    return dialog.id;
  }

  private onRequest(record: MessageRecord, tracked: Tracked, found: DialogRuntime | undefined, nowMs: number): number {
    const facts = record.facts;
    const rt = tracked.runtime!;
    let d = found;
    if (d === undefined) {
      const usage = facts.method === 'NOTIFY' ? 'subscription' : dialogUsageOf(facts.method) ?? 'invite';
      d = this.create(record, rt.tx, usage, nowMs);
      d.dialog.state = 'confirmed';
      d.dialog.confirmedIndex = record.index;
      this.report(record.index, makeIssue(correlateIssues, 'correlate.dialog_midstream', { frame: record.frame, value: facts.callId }));
    }
    d.lastMs = nowMs;
    d.lastSeq = this.seq;
    const dialog = d.dialog;
    if (rt.tx.dialog < 0) rt.tx.dialog = dialog.id;
    // One entry per logical request: its first copy on the first hop captured.
    if (!tracked.created || rt.parent !== undefined) return dialog.id;
    const method = facts.method ?? '';
    const fromCaller = facts.from?.tag === dialog.caller.tag;
    dialog.requests = appended(dialog.requests, { index: record.index, method: internToken(method), label: internToken(labelRequest(facts, false)), fromCaller });
    const side = fromCaller ? dialog.caller : dialog.callee;
    const cseq = facts.cseqNumber ?? 0;
    if (method === 'ACK') {
      d.ackSeen = true;
      return dialog.id;
    }
    if (method !== 'CANCEL') {
      if (cseq < side.lastCseq) {
        this.issue(dialog, record, 'correlate.cseq_backwards', `${cseq} after ${side.lastCseq}`);
      }
      side.lastCseq = Math.max(side.lastCseq, cseq);
    }
    if (d.byeIndex >= 0 || dialog.termination === 'bye') {
      this.issue(dialog, record, 'correlate.request_after_bye', method);
    }
    if (method === 'BYE') {
      if (dialog.state === 'early') this.issue(dialog, record, 'correlate.bye_before_answer', fromCaller ? 'caller' : 'callee');
      if (d.byeIndex < 0) {
        d.byeIndex = record.index;
        dialog.terminatedByCaller = fromCaller;
      }
    } else if ((method === 'INVITE' || method === 'UPDATE') && facts.contacts[0] !== undefined) {
      side.contact = detachString(facts.contacts[0].uri);
    }
    return dialog.id;
  }

  private create(record: MessageRecord, tx: Transaction, usage: Dialog['usage'], nowMs: number): DialogRuntime {
    const facts = record.facts;
    const callId = this.retention.callIdOf?.(facts.callId!) ?? detachString(facts.callId!);
    // For a response the From side is the caller; a mid-stream request is taken as sent by the caller.
    const callerTag = detachString(facts.from!.tag!);
    const calleeTag = detachString(facts.to!.tag!);
    const dialog: Dialog = {
      id: this.created++, callId, usage, state: 'early',
      caller: newSide(callerTag, detachOptional(facts.from?.uri)), callee: newSide(calleeTag, detachOptional(facts.to?.uri)),
      createdIndex: record.index, confirmedIndex: -1, terminatedIndex: -1, termination: undefined, terminatedByCaller: undefined, forked: false,
      initialTransaction: facts.kind === 'response' ? tx.logicalTransaction : -1, requests: [], issues: this.retention.retain ? [] : NO_ISSUES,
    };
    if (this.retention.retain) this.dialogs.push(dialog);
    this.retention.created?.(dialog);
    // Kept keys are flattened copies: a built key is otherwise a tree of its parts.
    const origin = detachString(originKey(callId, callerTag, facts.cseqNumber ?? 0));
    const d: DialogRuntime = { dialog, origin, lastMs: nowMs, lastSeq: this.seq, byeIndex: -1, ackSeen: false };
    this.byTags.set(detachString(dialogKey(callId, callerTag, calleeTag)), d);
    if (facts.kind === 'response') {
      const request = tx.requestIndex;
      if (request >= 0) dialog.requests = [{ index: request, method: internToken(facts.cseqMethod ?? ''), label: 'initial', fromCaller: true }];
      dialog.caller.lastCseq = facts.cseqNumber ?? 0;
      if (facts.contacts[0] !== undefined) dialog.callee.contact = detachString(facts.contacts[0].uri);
      const siblings = this.byOrigin.get(origin);
      if (siblings === undefined) {
        this.byOrigin.set(origin, [d]);
      } else {
        siblings.push(d);
        for (const s of siblings) s.dialog.forked = true;
      }
      // The other hops of the creating transaction are claimed when the model is assembled.
      if (tx.dialog < 0) tx.dialog = dialog.id;
    }
    return d;
  }

  /** A non-2xx final response to the creating INVITE ends every early dialog it had (§13.2.2.3). */
  private rejectOrigin(record: MessageRecord, status: number): void {
    const facts = record.facts;
    const siblings = this.byOrigin.get(originKey(facts.callId!, facts.from?.tag ?? '', facts.cseqNumber ?? 0));
    if (siblings === undefined) return;
    for (const s of siblings) {
      if (s.dialog.state === 'early') this.terminate(s, record.index, status === 487 ? 'cancelled' : 'rejected');
    }
  }

  private terminate(d: DialogRuntime, index: number, cause: string): void {
    d.dialog.state = 'terminated';
    d.dialog.terminatedIndex = index;
    d.dialog.termination = cause;
  }

  private issue(dialog: Dialog, record: MessageRecord, code: keyof typeof correlateIssues, value: string): void {
    const issue = makeIssue(correlateIssues, code, { frame: record.frame, value });
    dialog.issues = appended(dialog.issues, issue);
    this.report(record.index, issue);
  }

  private lookup(key: string, nowMs: number): DialogRuntime | undefined {
    const d = this.byTags.get(key);
    return d === undefined ? undefined : this.current(key, d, nowMs);
  }

  /** The dialog filed under `key`, or undefined once it has been idle too long (it is then forgotten). */
  private current(key: string, d: DialogRuntime, nowMs: number): DialogRuntime | undefined {
    const limit = d.dialog.state === 'terminated' ? TERMINATED_RETIRE_MS : IDLE_RETIRE_MS;
    if (nowMs - d.lastMs <= limit || this.seq - d.lastSeq <= MIN_IDLE_RECORDS) return d;
    this.byTags.delete(key);
    this.retention.retired?.(d.dialog);
    return undefined;
  }

  private sweep(nowMs: number): void {
    this.sinceSweep = 0;
    this.lastSweepMs = nowMs;
    for (const [key, d] of this.byTags) this.current(key, d, nowMs);
    for (const [key, list] of this.byOrigin) {
      const idle = (d: DialogRuntime) => nowMs - d.lastMs > TERMINATED_RETIRE_MS && this.seq - d.lastSeq > MIN_IDLE_RECORDS;
      if (list.every((d) => idle(d) && d.dialog.state !== 'early')) this.byOrigin.delete(key);
    }
  }
}
