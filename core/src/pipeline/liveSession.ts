/**
 * Live analysis: MessageRecords arrive as they are captured; calls are reported as they complete, for hours,
 * in bounded memory. Records are grouped by Call-ID (B2BUA legs joined through correlation headers such as
 * X-Call-ID); a group is over when every transaction has its final response and every INVITE dialog its BYE
 * (RFC 3261 §12, §17), plus a short linger for ACKs and retransmissions — or after a long silence. Each closed
 * group is correlated and analysed on its own, then kept until the limit (calls, or estimated bytes) evicts the
 * oldest completed ones, counted in `evictedCalls`: nothing ever stops silently.
 *
 * Time is capture time. A live source also passes its wall clock, so silence ends calls while no packet arrives.
 */
import { CALL_OUTCOMES, type CallOutcome } from '../analyze/analysis.ts';
import { DEFAULT_CORRELATION_HEADERS, type CorrelatorOptions } from '../correlate/correlator.ts';
import { diffMs, type Timestamp } from '../shared/time.ts';
import type { MessageRecord } from '../sip/messageRecord.ts';
import { headerFromFacts } from './captureAnalysis.ts';
import { buildEntry, correlateRecords, localRecords, type CloseReason, type LiveDetail, type LiveEntry } from './liveEntry.ts';
import { LiveGroup } from './liveGroup.ts';
import { recordHeaderLinks } from './liveLinks.ts';
import { LiveStore, type Kept } from './liveStore.ts';
import { DEFAULT_LIVE_LIMIT_BYTES, type LiveActive, type LiveEvent, type LiveSessionOptions, type LiveStats } from './liveEvents.ts';

export type { CloseReason, LiveDetail, LiveEntry } from './liveEntry.ts';
export type { LivePhase } from './liveGroup.ts';
export { DEFAULT_LIVE_LIMIT_BYTES, type LiveActive, type LiveEvent, type LiveSessionOptions, type LiveStats } from './liveEvents.ts';

export class LiveSession {
  private readonly correlator: CorrelatorOptions;
  private readonly correlationHeaders: readonly string[];
  private readonly limitBytes: number;
  private readonly lingerMs: number;
  private readonly idleMs: number;
  private readonly confirmedIdleMs: number;
  private readonly groups = new Map<string, LiveGroup>();
  /** Active groups by id, least recently active first, split by which idle time applies. */
  private readonly quiet = new Map<number, LiveGroup>();
  private readonly confirmed = new Map<number, LiveGroup>();
  /** Finished groups waiting out the linger: id → due time (ms), in due order. */
  private readonly lingering = new Map<number, number>();
  private readonly store = new LiveStore();
  private readonly outcomes = Object.fromEntries(CALL_OUTCOMES.map((o) => [o, 0])) as Record<CallOutcome, number>;
  private base: Timestamp | undefined;
  private lastRecordMs = 0;
  private nowMs = 0;
  private wallAtLast: number | undefined;
  private nextId = 1;
  private activeBytes = 0;
  private counts = { messages: 0, completedCalls: 0, completedUsages: 0, forcedClosures: 0, updates: 0 };

  constructor(private readonly options: LiveSessionOptions = {}) {
    this.correlator = { headerValue: headerFromFacts, ...options.correlator };
    this.correlationHeaders = this.correlator.correlationHeaders ?? DEFAULT_CORRELATION_HEADERS;
    this.limitBytes = options.limitBytes ?? DEFAULT_LIVE_LIMIT_BYTES;
    this.lingerMs = options.lingerMs ?? 2000;
    this.idleMs = options.idleMs ?? 200_000;
    this.confirmedIdleMs = options.confirmedIdleMs ?? 3_600_000;
  }

  /** Takes records in capture order; `wallMs` is the receiver's clock (Date.now()) for live sources. */
  add(records: readonly MessageRecord[], wallMs?: number): LiveEvent[] {
    const events: LiveEvent[] = [];
    for (const record of records) {
      this.counts.messages++;
      this.base ??= record.timestamp;
      const atMs = diffMs(this.base, record.timestamp);
      if (atMs > this.lastRecordMs) this.lastRecordMs = atMs;
      const group = this.groupFor(record);
      const before = group.bytes;
      group.add(record, atMs);
      this.activeBytes += group.bytes - before;
      if (!group.announced && group.hasInvite) {
        group.announced = true;
        if (group.reopened === undefined) events.push({ type: 'callStarted', call: this.activeView(group) });
      }
      this.touch(group);
    }
    if (records.length > 0 && wallMs !== undefined) this.wallAtLast = wallMs;
    if (this.lastRecordMs > this.nowMs) this.nowMs = this.lastRecordMs;
    this.sweep(events);
    this.enforceLimits(events);
    return events;
  }

  /** Lets time pass without records (live sources call it a few times a second). */
  tick(wallMs: number): LiveEvent[] {
    const events: LiveEvent[] = [];
    if (this.wallAtLast === undefined) return events;
    const now = this.lastRecordMs + Math.max(0, wallMs - this.wallAtLast);
    if (now > this.nowMs) this.nowMs = now;
    this.sweep(events);
    // A closed group's entry is a little larger than the group was: stay under the limit here too.
    this.enforceLimits(events);
    return events;
  }

  /** End of input: every group still open is closed and reported. */
  end(): LiveEvent[] {
    const events: LiveEvent[] = [];
    const open = [...this.quiet.values(), ...this.confirmed.values()].sort((a, b) => a.firstMs - b.firstMs || a.id - b.id);
    for (const g of open) this.close(g, 'end', events);
    this.enforceLimits(events);
    return events;
  }

  /** Completed entries still kept, in completion order. */
  entries(): LiveEntry[] {
    return this.store.entries();
  }

  entry(id: number): LiveEntry | undefined {
    return this.store.get(id);
  }

  /** Groups in progress, least recently active first. */
  active(): LiveActive[] {
    return [...this.quiet.values(), ...this.confirmed.values()].sort((a, b) => a.firstMs - b.firstMs).map((g) => this.activeView(g));
  }

  /** Records, correlation model and analysis of a kept or active entry (computed now, not kept). */
  detail(id: number): LiveDetail | undefined {
    const kept = this.entry(id);
    if (kept !== undefined) return correlateRecords(kept.records, this.correlator);
    const group = this.quiet.get(id) ?? this.confirmed.get(id);
    return group === undefined ? undefined : correlateRecords(localRecords(group), this.correlator);
  }

  stats(): LiveStats {
    let activeCalls = 0;
    for (const g of this.quiet.values()) if (g.hasInvite) activeCalls++;
    for (const g of this.confirmed.values()) if (g.hasInvite) activeCalls++;
    const active = this.quiet.size + this.confirmed.size;
    return {
      ...this.counts, evictedCalls: this.store.evictedCalls, evictedUsages: this.store.evictedUsages,
      activeCalls, activeUsages: active - activeCalls, keptCalls: this.store.calls.size, keptUsages: this.store.usages.size,
      estimatedBytes: this.activeBytes + this.store.bytes, limitBytes: this.limitBytes,
      ...(this.options.limitCalls !== undefined ? { limitCalls: this.options.limitCalls } : {}), outcomes: { ...this.outcomes },
    };
  }

  private groupFor(record: MessageRecord): LiveGroup {
    const callId = record.facts.callId ?? '';
    let group = this.groups.get(callId);
    for (const linked of recordHeaderLinks(record, this.correlationHeaders, this.correlator.headerValue)) {
      if (linked === callId) continue;
      const other = this.groups.get(linked);
      if (other === undefined || other === group) continue;
      if (group === undefined) {
        group = other;
        this.alias(group, callId);
      } else {
        this.merge(group, other);
      }
    }
    if (group !== undefined) return group;
    const kept = this.store.ofCallId(callId);
    group = kept !== undefined ? this.reopen(kept) : new LiveGroup(this.nextId++);
    for (const id of kept?.entry.callIds ?? [callId]) this.alias(group, id);
    return group;
  }

  private alias(group: LiveGroup, callId: string): void {
    this.groups.set(callId, group);
    if (!group.callIds.includes(callId)) group.callIds.push(callId);
  }

  private merge(into: LiveGroup, other: LiveGroup): void {
    this.activeBytes -= into.bytes + other.bytes;
    into.absorb(other);
    this.activeBytes += into.bytes;
    this.forget(other);
    for (const c of other.callIds) this.groups.set(c, into);
  }

  /** Late messages for a completed entry: back to active with its records; the entry is replaced when it closes again. */
  private reopen(kept: Kept): LiveGroup {
    const entry = kept.entry;
    this.store.remove(kept);
    const group = new LiveGroup(entry.id);
    group.reopened = entry.updates;
    group.announced = true;
    const base = this.base!;
    entry.records.forEach((r, i) => {
      group.add({ ...r, index: entry.sessionIndices[i]! }, diffMs(base, r.timestamp));
    });
    this.activeBytes += group.bytes;
    for (const call of entry.calls) this.outcomes[call.outcome]--;
    return group;
  }

  /** Moves a group to the end of its least-recently-active list and (re)schedules its completion. */
  private touch(group: LiveGroup): void {
    this.quiet.delete(group.id);
    this.confirmed.delete(group.id);
    (group.confirmed ? this.confirmed : this.quiet).set(group.id, group);
    this.lingering.delete(group.id);
    if (group.complete) this.lingering.set(group.id, group.lastMs + this.lingerMs);
  }

  private forget(group: LiveGroup): void {
    this.quiet.delete(group.id);
    this.confirmed.delete(group.id);
    this.lingering.delete(group.id);
  }

  private sweep(events: LiveEvent[]): void {
    for (const [id, due] of this.lingering) {
      if (due > this.nowMs) break;
      const group = this.quiet.get(id) ?? this.confirmed.get(id);
      if (group === undefined) this.lingering.delete(id);
      else this.close(group, 'ended', events);
    }
    for (const [list, idle] of [[this.quiet, this.idleMs], [this.confirmed, this.confirmedIdleMs]] as const) {
      for (const group of list.values()) {
        if (group.lastMs + idle > this.nowMs) break;
        this.close(group, 'idle', events);
      }
    }
  }

  private close(group: LiveGroup, reason: CloseReason, events: LiveEvent[]): void {
    this.forget(group);
    for (const c of group.callIds) if (this.groups.get(c) === group) this.groups.delete(c);
    this.activeBytes -= group.bytes;
    const updates = group.reopened === undefined ? 0 : group.reopened + 1;
    const { entry, detail } = buildEntry(group, this.correlator, reason, updates);
    for (const call of entry.calls) this.outcomes[call.outcome]++;
    if (group.reopened !== undefined) {
      this.counts.updates++;
      events.push({ type: 'updated', entry, detail });
    } else {
      if (entry.kind === 'call') this.counts.completedCalls++;
      else this.counts.completedUsages++;
      events.push({ type: 'completed', entry, detail });
    }
    this.store.keep(entry);
  }

  private evict(kept: Kept, events: LiveEvent[]): void {
    this.store.evict(kept);
    events.push({ type: 'evicted', id: kept.entry.id, kind: kept.entry.kind });
  }

  private enforceLimits(events: LiveEvent[]): void {
    const limitCalls = this.options.limitCalls;
    if (limitCalls !== undefined) {
      for (const list of [this.store.calls, this.store.usages]) {
        while (list.size > limitCalls) this.evict(this.store.oldest(list)!, events);
      }
    }
    while (this.activeBytes + this.store.bytes > this.limitBytes) {
      const oldest = this.store.oldest();
      if (oldest !== undefined) {
        this.evict(oldest, events);
        continue;
      }
      // Nothing completed is left: the least recently active group is closed early (and then evicted).
      const victim = this.quiet.values().next().value ?? this.confirmed.values().next().value;
      if (victim === undefined) break;
      this.counts.forcedClosures++;
      this.close(victim, 'limit', events);
    }
  }

  private activeView(group: LiveGroup): LiveActive {
    const first = group.records[0]!;
    const invite = group.records.find((r) => r.facts.kind === 'request' && r.facts.method === 'INVITE') ?? first;
    const last = group.records[group.records.length - 1]!;
    return {
      id: group.id, callIds: group.callIds.slice(), phase: group.phase,
      ...(invite.facts.from?.uri !== undefined ? { from: invite.facts.from.uri } : {}),
      ...(invite.facts.to?.uri !== undefined ? { to: invite.facts.to.uri } : {}),
      firstTimestamp: first.timestamp, lastTimestamp: last.timestamp, messages: group.records.length,
    };
  }
}
