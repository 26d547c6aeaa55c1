/**
 * Call-list rows of a live capture: one per LiveSession group — a completed call or other usage (its analysis,
 * RFC 3261 §12/§17 as the file analysis does it) or one still in progress (its phase so far). The row id is the
 * session's id for the group, stable while it lives (a call reopened by late messages keeps it).
 */
import type { LiveActive, LiveEntry, LivePhase } from '../../core/src/pipeline/liveSession.ts';
import type { CallRow } from '../shared/apiTypes.ts';
import { clip, epochMs } from './rowText.ts';

/** What an in-progress row says in the Outcome column: one word each, so it also reads as a CSS class. */
export const PHASE_OUTCOME: Readonly<Record<LivePhase, string>> = {
  setup: 'calling', ringing: 'ringing', answered: 'connected', ending: 'ending', other: 'active',
};

const USAGE_METHOD: Readonly<Record<string, string>> = {
  registration: 'REGISTER', subscription: 'SUBSCRIBE', options: 'OPTIONS', message: 'MESSAGE', publish: 'PUBLISH', refer: 'REFER', info: 'INFO',
};

export function keptRow(entry: LiveEntry): CallRow {
  let issues = 0;
  for (const r of entry.records) issues += r.issues.length;
  const first = entry.records[0];
  const call = entry.calls[0];
  if (call !== undefined) {
    return {
      id: entry.id, kind: 'call', startMs: epochMs(call.start), from: clip(call.from ?? first?.facts.from?.uri ?? ''),
      to: clip(call.to ?? first?.facts.to?.uri ?? ''), callId: clip(entry.callIds[0] ?? ''), method: clip(first?.facts.method ?? 'INVITE'),
      outcome: call.outcome, status: call.finalStatus, pddMs: call.postDialDelayMs ?? null, durationMs: call.durationMs ?? null,
      messages: entry.messages, legs: entry.calls.reduce((n, c) => n + c.legs, 0), issues: issues + call.issues.length,
    };
  }
  const usage = entry.usages[0];
  let status = 0;
  for (const r of entry.records) {
    const f = r.facts;
    if (f.kind === 'response' && (f.statusCode ?? 0) >= 200) status = f.statusCode!;
  }
  const method = usage === undefined ? '' : USAGE_METHOD[usage.kind] ?? usage.methods[0] ?? '';
  return {
    id: entry.id, kind: 'usage', startMs: epochMs(entry.firstTimestamp), from: clip(first?.facts.from?.uri ?? ''), to: clip(first?.facts.to?.uri ?? ''),
    callId: clip(entry.callIds[0] ?? ''), method: clip(method || (first?.facts.method ?? first?.facts.cseqMethod ?? '')),
    outcome: clip(usage?.registration?.outcome ?? usage?.kind ?? 'other'), status, pddMs: null, durationMs: null, messages: entry.messages, legs: 1, issues,
  };
}

/** `method`: of the group's first message (INVITE for a call). */
export function activeRow(active: LiveActive, method: string): CallRow {
  return {
    id: active.id, kind: 'pending', startMs: epochMs(active.firstTimestamp), from: clip(active.from ?? ''), to: clip(active.to ?? ''),
    callId: clip(active.callIds[0] || '(no Call-ID)'), method: clip(method), outcome: PHASE_OUTCOME[active.phase], status: 0, pddMs: null,
    durationMs: null, messages: active.messages, legs: 1, issues: 0,
  };
}
