/**
 * The completed entries a live session keeps, oldest first, calls and other usages apart (each bounded by the
 * call limit), with their estimated bytes; eviction takes the oldest and counts it.
 */
import type { LiveEntry } from './liveEntry.ts';

export interface Kept {
  readonly entry: LiveEntry;
  /** Completion order across both lists. */
  readonly seq: number;
}

export class LiveStore {
  readonly calls = new Map<number, Kept>();
  readonly usages = new Map<number, Kept>();
  private readonly byCallId = new Map<string, Kept>();
  private seq = 0;
  bytes = 0;
  evictedCalls = 0;
  evictedUsages = 0;

  keep(entry: LiveEntry): void {
    const kept: Kept = { entry, seq: ++this.seq };
    (entry.kind === 'call' ? this.calls : this.usages).set(entry.id, kept);
    for (const c of entry.callIds) this.byCallId.set(c, kept);
    this.bytes += entry.sizeBytes;
  }

  /** The kept entry a Call-ID belongs to. */
  ofCallId(callId: string): Kept | undefined {
    return this.byCallId.get(callId);
  }

  get(id: number): LiveEntry | undefined {
    return (this.calls.get(id) ?? this.usages.get(id))?.entry;
  }

  /** In completion order. */
  entries(): LiveEntry[] {
    return [...this.calls.values(), ...this.usages.values()].sort((a, b) => a.seq - b.seq).map((k) => k.entry);
  }

  remove(kept: Kept): void {
    const entry = kept.entry;
    (entry.kind === 'call' ? this.calls : this.usages).delete(entry.id);
    for (const c of entry.callIds) if (this.byCallId.get(c) === kept) this.byCallId.delete(c);
    this.bytes -= entry.sizeBytes;
  }

  /** The oldest kept entry of either kind (or of one list). */
  oldest(list?: Map<number, Kept>): Kept | undefined {
    if (list !== undefined) return list.values().next().value;
    const call = this.calls.values().next().value;
    const usage = this.usages.values().next().value;
    return call === undefined ? usage : usage === undefined ? call : call.seq < usage.seq ? call : usage;
  }

  evict(kept: Kept): void {
    this.remove(kept);
    if (kept.entry.kind === 'call') this.evictedCalls++;
    else this.evictedUsages++;
  }
}
