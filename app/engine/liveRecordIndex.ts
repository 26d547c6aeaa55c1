/**
 * Which records of a live capture are still kept, and where: by session index (the capture's record number,
 * what the page names messages by), by Call-ID while their group is in progress, and the completed entries with
 * their list rows. It follows the LiveSession's events (completed, updated, evicted), so it never holds a record
 * the session has let go.
 */
import type { LiveActive, LiveEntry } from '../../core/src/pipeline/liveSession.ts';
import type { MessageRecord } from '../../core/src/sip/messageRecord.ts';
import type { CallRow } from '../shared/apiTypes.ts';
import { keptRow } from './liveRows.ts';
import type { ViewPart } from './liveViews.ts';

export interface KeptRow {
  readonly entry: LiveEntry;
  readonly row: CallRow;
}

export class LiveRecordIndex {
  /** Completed entries still kept, by live row id. */
  readonly kept = new Map<number, KeptRow>();
  private readonly records = new Map<number, MessageRecord>();
  /** Session indices of records whose group is in progress, by Call-ID. */
  private readonly inProgress = new Map<string, number[]>();
  private readonly entryOfCallId = new Map<string, number>();

  /** A record as it arrives (before the session groups it). */
  add(record: MessageRecord): void {
    this.records.set(record.index, record);
    const key = record.facts.callId ?? '';
    const list = this.inProgress.get(key);
    if (list === undefined) this.inProgress.set(key, [record.index]);
    else list.push(record.index);
  }

  /** A group completed (or completed again after late messages). */
  completed(entry: LiveEntry): void {
    // The entry holds its own copies of the records (renumbered 0…n-1, aligned with sessionIndices): keep those.
    entry.sessionIndices.forEach((s, i) => this.records.set(s, entry.records[i]!));
    for (const c of entry.callIds) {
      this.entryOfCallId.set(c, entry.id);
      this.inProgress.delete(c);
    }
    this.kept.set(entry.id, { entry, row: keptRow(entry) });
  }

  evicted(id: number): void {
    const kept = this.kept.get(id);
    if (kept === undefined) return;
    this.kept.delete(id);
    for (const s of kept.entry.sessionIndices) this.records.delete(s);
    for (const c of kept.entry.callIds) if (this.entryOfCallId.get(c) === id) this.entryOfCallId.delete(c);
  }

  record(index: number): MessageRecord | undefined {
    return this.records.get(index);
  }

  /** The kept entry a Call-ID belongs to. */
  keptIdOf(callId: string): number | undefined {
    return this.entryOfCallId.get(callId);
  }

  /** Method of the first message of a group in progress (its Call-IDs). */
  firstMethod(callIds: readonly string[]): string {
    let first = Infinity;
    for (const c of callIds) first = Math.min(first, this.inProgress.get(c)?.[0] ?? Infinity);
    const f = this.records.get(first)?.facts;
    return f === undefined ? '' : (f.kind === 'request' ? f.method : f.cseqMethod) ?? '';
  }

  /** The records of a row for a view: a kept entry's, or those of a group in progress (`active`). */
  part(id: number, active: LiveActive | undefined): ViewPart | undefined {
    const kept = this.kept.get(id);
    if (kept !== undefined) return { id, sessionIndices: kept.entry.sessionIndices, records: kept.entry.records };
    if (active === undefined) return undefined;
    const indices = active.callIds.flatMap((c) => this.inProgress.get(c) ?? []).sort((a, b) => a - b);
    const records: MessageRecord[] = [];
    const present: number[] = [];
    for (const i of indices) {
      const r = this.records.get(i);
      if (r === undefined) continue;
      records.push(r);
      present.push(i);
    }
    return { id, sessionIndices: present, records };
  }
}
