/**
 * The call list while a capture is still being read: one row per Call-ID (RFC 3261 §8.1.1.4), built
 * from records as they arrive so calls appear as they are found. Correlation replaces them at the end
 * with calls (legs joined) and other usages.
 */
import type { CallRow } from '../shared/apiTypes.ts';
import type { MessageRecord } from '../../core/src/sip/messageRecord.ts';
import { clip, epochMs } from './rowText.ts';

const NOISE_METHODS = new Set(['OPTIONS', 'REGISTER']);

export class ProvisionalRows {
  readonly rows: CallRow[] = [];
  /** Record indices per row, capture order. */
  readonly messages: number[][] = [];
  private readonly byCallId = new Map<string, number>();

  add(record: MessageRecord): void {
    const facts = record.facts;
    const key = facts.callId ?? '';
    let id = this.byCallId.get(key);
    if (id === undefined) {
      id = this.rows.length;
      this.byCallId.set(key, id);
      this.rows.push({
        id, kind: 'pending', startMs: epochMs(record.timestamp), from: '', to: '', callId: clip(key || '(no Call-ID)'),
        method: '', outcome: 'loading', status: 0, pddMs: null, durationMs: null, messages: 0, legs: 1, issues: 0, noise: false,
      });
      this.messages.push([]);
    }
    const row = this.rows[id]!;
    this.messages[id]!.push(record.index);
    row.messages++;
    row.issues += record.issues.length;
    if (row.from === '' && facts.from) row.from = clip(facts.from.uri);
    if (row.to === '' && facts.to) row.to = clip(facts.to.uri);
    const method = facts.kind === 'request' ? facts.method : facts.cseqMethod;
    if (row.method === '' && method !== undefined) {
      row.method = clip(method);
      row.noise = NOISE_METHODS.has(method.toUpperCase());
    }
    const status = facts.statusCode ?? 0;
    if (facts.kind === 'response' && status >= 200 && facts.cseqMethod === row.method) row.status = status;
  }

  rowOf(callId: string | undefined): number {
    return this.byCallId.get(callId ?? '') ?? -1;
  }
}
