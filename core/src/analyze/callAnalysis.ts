/**
 * One call as a reader summarises it (RFC 6076 §4: post-dial delay, session setup time, session duration):
 * outcome and final status of the caller's INVITE attempts (a 401/407 retry is a second attempt on the
 * same Call-ID), Reason headers (RFC 3326), who hung up, and the media both sides agreed on.
 */
import type { Call, CorrelationModel, Transaction } from '../correlate/model.ts';
import type { Issue } from '../shared/issue.ts';
import { diffMs, type Timestamp } from '../shared/time.ts';
import type { MessageRecord } from '../sip/messageRecord.ts';
import type { CallAnalysis, RecordLookup } from './analysis.ts';
import type { AnalysisIndex } from './analysisIndex.ts';
import { classifyOutcome } from './callOutcome.ts';
import { mediaSide, negotiatedCodecs, type OfferAnswer } from './offerAnswer.ts';
import { parseReasons, type ReasonValue } from './reasonHeader.ts';

export interface CallContext {
  model: CorrelationModel;
  index: AnalysisIndex;
  lookup: RecordLookup;
  captureEnd: Timestamp;
  offerAnswer: Map<number, OfferAnswer>;
  issues: Issue[];
}

/** The caller's initial INVITEs on the leg (no To tag), first captured hop, in capture order. */
function attemptsOf(callId: string, ctx: CallContext): Transaction[] {
  return (ctx.index.invitesByCallId.get(callId) ?? []).filter((tx) => {
    const request = ctx.lookup(tx.requestIndex);
    return request !== undefined && request.facts.to?.tag === undefined;
  });
}

function responsesOf(tx: Transaction, lookup: RecordLookup): MessageRecord[] {
  const out: MessageRecord[] = [];
  for (const i of tx.responses) {
    const r = lookup(i);
    if (r !== undefined) out.push(r);
  }
  return out;
}

function addReasons(into: ReasonValue[], record: MessageRecord | undefined): void {
  for (const raw of record?.facts.reasons ?? []) {
    for (const r of parseReasons(raw)) if (!into.some((x) => x.raw === r.raw)) into.push(r);
  }
}

export function analyzeCall(call: Call, ctx: CallContext): CallAnalysis {
  const { model, lookup } = ctx;
  const leg = call.legs[0]!;
  const attempts = attemptsOf(leg.callId, ctx);
  const result: CallAnalysis = {
    call: call.id, start: call.start, callIds: call.legs.map((l) => l.callId), outcome: 'inProgress', finalStatus: 0,
    reasons: [], codecs: [], holds: [], messages: call.messages, legs: call.legs.length, issues: ctx.issues,
  };
  if (leg.from !== undefined) result.from = leg.from;
  if (leg.to !== undefined) result.to = leg.to;
  const dialogs = leg.dialogs.map((d) => model.dialogs[d]!);
  const first = attempts[0];
  let ringing: MessageRecord | undefined;
  let answer: MessageRecord | undefined;
  let final: MessageRecord | undefined;
  let cancelled = false;
  for (const tx of attempts) {
    for (const r of responsesOf(tx, lookup)) {
      const status = r.facts.statusCode ?? 0;
      if (status >= 180 && status < 190 && ringing === undefined) ringing = r;
      if (status >= 200 && status < 300 && answer === undefined) answer = r;
    }
    if (tx.finalStatus >= 200) final = responsesOf(tx, lookup).find((r) => (r.facts.statusCode ?? 0) >= 200);
    const cancel = ctx.index.cancelsByInvite.get(tx.id);
    if (cancel !== undefined) {
      cancelled = true;
      addReasons(result.reasons, lookup(cancel.requestIndex));
    }
  }
  if (answer !== undefined) final = answer;
  if (final !== undefined) {
    result.finalStatus = final.facts.statusCode ?? 0;
    if (final.facts.reasonPhrase !== undefined) result.reasonPhrase = final.facts.reasonPhrase;
    addReasons(result.reasons, final);
  }
  const startedAt = first === undefined ? call.start : first.start;
  result.outcome = first === undefined
    ? (dialogs.some((d) => d.confirmedIndex >= 0) ? 'answered' : 'inProgress')
    : classifyOutcome({
      answered: answer !== undefined, finalStatus: result.finalStatus, cancelled,
      ringing: attempts.some((tx) => tx.state === 'proceeding'), observedMs: diffMs(startedAt, ctx.captureEnd),
    });
  if (first !== undefined && ringing !== undefined) result.postDialDelayMs = diffMs(first.start, ringing.timestamp);
  if (first !== undefined && answer !== undefined) result.setupTimeMs = diffMs(first.start, answer.timestamp);
  if (cancelled && result.outcome === 'cancelled') result.hungUpBy = 'caller';

  const dialog = dialogs.find((d) => d.confirmedIndex >= 0) ?? dialogs[0];
  if (dialog !== undefined) {
    const bye = dialog.requests.find((q) => q.method === 'BYE');
    const ack = dialog.requests.find((q) => q.method === 'ACK' && q.index >= 0);
    const startIndex = ack?.index ?? dialog.confirmedIndex;
    const byeRecord = bye === undefined ? undefined : lookup(bye.index);
    const startRecord = startIndex >= 0 ? lookup(startIndex) : undefined;
    if (byeRecord !== undefined && startRecord !== undefined && dialog.confirmedIndex >= 0) {
      result.durationMs = diffMs(startRecord.timestamp, byeRecord.timestamp);
    }
    if (bye !== undefined) {
      result.hungUpBy = bye.fromCaller ? 'caller' : 'callee';
      addReasons(result.reasons, byeRecord);
    }
    const oa = ctx.offerAnswer.get(dialog.id);
    const exchange = oa?.exchanges[0];
    if (oa !== undefined && exchange !== undefined) {
      result.codecs = negotiatedCodecs(exchange);
      result.callerMedia = mediaSide(exchange.offerByCaller ? exchange.offer : exchange.answer);
      result.calleeMedia = mediaSide(exchange.offerByCaller ? exchange.answer : exchange.offer);
      result.holds = oa.holds;
    }
  }
  return result;
}
