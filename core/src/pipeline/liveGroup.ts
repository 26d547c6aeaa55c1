/**
 * One Call-ID group of a live session (RFC 3261 §12, §17): its records and just enough state to tell when it
 * is over — no open transaction (a request without its final response) and no confirmed INVITE dialog left
 * (a 2xx to INVITE whose dialog saw no BYE). Cheap per record; the full correlation runs once it is over.
 */
import type { MessageRecord } from '../sip/messageRecord.ts';
import { estimateRecordBytes } from './liveMemory.ts';

/** How far the call has got, for in-progress views (from the records seen, not a full correlation). */
export type LivePhase = 'setup' | 'ringing' | 'answered' | 'ending' | 'other';

export class LiveGroup {
  readonly records: MessageRecord[] = [];
  readonly callIds: string[] = [];
  /** Open transactions, "<CSeq number> <method>". */
  private readonly pending = new Set<string>();
  /** Confirmed INVITE dialogs, by their tag pair (either order). */
  private readonly dialogs = new Set<string>();
  /** Dialogs a BYE ended: a late 2xx retransmission must not revive them. */
  private readonly ended = new Set<string>();
  bytes = 0;
  hasInvite = false;
  phase: LivePhase = 'other';
  /** Capture time of the first and last record, ms since the session's first record. */
  firstMs = 0;
  lastMs = 0;
  /** Set once `callStarted` was reported. */
  announced = false;
  /** Set when late messages reopened a completed entry: that entry's update count. */
  reopened: number | undefined;

  constructor(readonly id: number) {}

  add(record: MessageRecord, atMs: number): void {
    if (this.records.length === 0) this.firstMs = atMs;
    this.lastMs = Math.max(this.lastMs, atMs);
    this.records.push(record);
    this.bytes += estimateRecordBytes(record);
    const f = record.facts;
    const method = f.kind === 'request' ? f.method : f.cseqMethod;
    if (method === 'INVITE') {
      this.hasInvite = true;
      if (this.phase === 'other') this.phase = 'setup';
    }
    const key = `${f.cseqNumber ?? '?'} ${f.cseqMethod ?? method ?? '?'}`;
    if (f.kind === 'request') {
      if (method === 'ACK') return;
      this.pending.add(key);
      if (method === 'BYE') {
        const pair = tagPair(record);
        this.dialogs.delete(pair);
        this.ended.add(pair);
        if (this.hasInvite) this.phase = 'ending';
      }
      return;
    }
    const status = f.statusCode ?? 0;
    if (method === 'INVITE' && status > 100 && status < 200 && this.phase === 'setup') this.phase = 'ringing';
    if (status < 200) return;
    this.pending.delete(key);
    if (method === 'INVITE' && status < 300) {
      const pair = tagPair(record);
      if (!this.ended.has(pair)) this.dialogs.add(pair);
      if (this.phase === 'setup' || this.phase === 'ringing') this.phase = 'answered';
    }
  }

  /** Every transaction answered and every INVITE dialog ended: only retransmissions and ACKs may follow. */
  get complete(): boolean {
    return this.pending.size === 0 && this.dialogs.size === 0;
  }

  /** A confirmed dialog is up: the call may legitimately be silent for a long time. */
  get confirmed(): boolean {
    return this.dialogs.size > 0;
  }

  /** Takes in another group's records (a B2BUA leg joined through a correlation header). */
  absorb(other: LiveGroup): void {
    const merged = [...this.records, ...other.records].sort((a, b) => a.index - b.index);
    this.records.length = 0;
    this.pending.clear();
    this.dialogs.clear();
    this.ended.clear();
    this.bytes = 0;
    this.hasInvite = false;
    this.phase = 'other';
    const first = Math.min(this.firstMs, other.firstMs);
    const last = Math.max(this.lastMs, other.lastMs);
    for (const r of merged) this.add(r, last);
    this.firstMs = first;
    this.lastMs = last;
    for (const c of other.callIds) if (!this.callIds.includes(c)) this.callIds.push(c);
    this.announced ||= other.announced;
  }
}

function tagPair(record: MessageRecord): string {
  const a = record.facts.from?.tag ?? '';
  const b = record.facts.to?.tag ?? '';
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}
