/**
 * A live capture analysed off the UI thread: capture bytes are pushed as they arrive, records go through the
 * pipeline into a bounded LiveSession (calls complete per RFC 3261 §12/§17 and are evicted past the memory
 * limit, counted), and the views read it: the call list (completed and in-progress rows), the ladder and
 * message detail of any kept or running call, statistics and exports. Pure TypeScript, like CaptureSession.
 */
import type { CorrelatorOptions } from '../../core/src/correlate/correlator.ts';
import { headerFromFacts } from '../../core/src/pipeline/captureAnalysis.ts';
import { LiveSession, type LiveEvent, type LiveSessionOptions } from '../../core/src/pipeline/liveSession.ts';
import { SipPipeline, type CaptureSummary } from '../../core/src/pipeline/sipPipeline.ts';
import type { MessageRecord } from '../../core/src/sip/messageRecord.ts';
import type { CallListPage, CallListQuery, CallRow, LadderData, LadderQuery, LoadPhase, MessageDetail, ProgressEvent, Statistics } from '../shared/apiTypes.ts';
import { buildLiveFilterData, type FilterSource } from './liveFilterData.ts';
import { LiveRowQueryCache } from './liveRowQuery.ts';
import { LiveRecordIndex } from './liveRecordIndex.ts';
import { activeRow } from './liveRows.ts';
import { buildLiveStatistics } from './liveStatistics.ts';
import { MAX_CHANGED_IDS, type LiveWorkerStats } from './liveTypes.ts';
import { buildLiveView, liveLadder, liveMessage, type LiveView, type ViewPart } from './liveViews.ts';

export interface LiveCaptureOptions {
  session: number;
  name: string;
  /** The LiveSession's limits (limitCalls, limitBytes) and timings. */
  limits?: LiveSessionOptions;
  /** The wall clock (Date.now): it lets silence end calls and gives rates and elapsed time. */
  now?: () => number;
}

export class LiveCaptureSession {
  // Each record keeps a copy of its own bytes (below), so the pipeline's shared slabs are not pinned by long calls.
  private readonly pipeline = new SipPipeline({ keepRawMessages: true });
  private readonly live: LiveSession;
  private readonly correlator: CorrelatorOptions = { headerValue: headerFromFacts };
  private readonly now: () => number;
  private readonly startedAt: number;
  private readonly index = new LiveRecordIndex();
  /** Groups in progress at the last look: id → messages and phase, to see which changed. */
  private activeSeen = new Map<number, string>();
  private readonly changed = new Set<number>();
  private changedOverflow = false;
  private version = 0;
  private rowCache: { version: number; rows: CallRow[] } | undefined;
  private readonly queryCache = new LiveRowQueryCache();
  /** A few recent views (the ladder's, a message's own row), by rows and version. */
  private readonly views = new Map<string, LiveView>();
  private ladderIds: readonly number[] = [];
  private phase: LoadPhase = 'reading';
  private bytesRead = 0;
  private error: string | null = null;
  private endedAt: number | undefined;
  private rate = { at: 0, messages: 0, perSecond: 0 };

  constructor(private readonly options: LiveCaptureOptions) {
    this.now = options.now ?? (() => Date.now());
    this.startedAt = this.now();
    this.rate.at = this.startedAt;
    this.live = new LiveSession(options.limits);
  }

  get session(): number {
    return this.options.session;
  }

  get name(): string {
    return this.options.name;
  }

  get ended(): boolean {
    return this.phase !== 'reading';
  }

  captureSummary(): CaptureSummary {
    return this.pipeline.summary();
  }

  push(chunk: Uint8Array): void {
    if (this.phase !== 'reading') return;
    this.bytesRead += chunk.length;
    this.accept(this.pipeline.push(chunk).records);
  }

  /** Lets wall-clock time pass (a few times a second): silent calls complete, in-progress rows are compared. */
  tick(): void {
    if (this.phase === 'reading') this.apply(this.live.tick(this.now()));
    this.noteActive();
  }

  /** The input ended (the capture stopped): what is buffered is read, and every call still open is closed as it stands. */
  finish(): void {
    if (this.phase !== 'reading') return;
    this.accept(this.pipeline.end().records);
    this.apply(this.live.end());
    this.noteActive();
    const summary = this.pipeline.summary();
    this.endedAt = this.now();
    if (summary.contentFormat === 'unknown' && summary.bytesRead > 0) this.fail('not a capture this tool reads (expected pcap or pcapng)');
    else this.phase = 'done';
  }

  fail(message: string): void {
    this.error = message.slice(0, 2000);
    this.phase = 'failed';
    this.endedAt ??= this.now();
  }

  progress(): ProgressEvent {
    return {
      session: this.options.session, phase: this.phase, name: this.options.name, bytesRead: this.bytesRead, totalBytes: null,
      messages: this.pipeline.summary().sipMessages, rows: this.rowList().length, generation: this.version, partial: false, error: this.error,
      elapsedMs: Math.max(0, Math.round((this.endedAt ?? this.now()) - this.startedAt)),
    };
  }

  /** The counters for the page, and the rows changed since the previous call. */
  stats(): LiveWorkerStats {
    const summary = this.pipeline.summary();
    const s = this.live.stats();
    const t = this.now();
    if (t - this.rate.at >= 1000) {
      this.rate = { at: t, messages: summary.sipMessages, perSecond: ((summary.sipMessages - this.rate.messages) * 1000) / (t - this.rate.at) };
    }
    const changed = [...this.changed];
    const overflow = this.changedOverflow;
    this.changed.clear();
    this.changedOverflow = false;
    return {
      session: this.options.session, packets: summary.frames, bytes: this.bytesRead, sipMessages: summary.sipMessages,
      messagesPerSecond: Math.round(this.rate.perSecond * 10) / 10, rows: this.rowList().length, activeCalls: s.activeCalls,
      completedCalls: s.completedCalls, keptCalls: s.keptCalls, evictedCalls: s.evictedCalls, evictedUsages: s.evictedUsages,
      forcedClosures: s.forcedClosures, estimatedBytes: s.estimatedBytes, limitBytes: s.limitBytes, limitCalls: s.limitCalls ?? null,
      version: this.version, changed, changedOverflow: overflow, ended: this.ended,
    };
  }

  listCalls(query: CallListQuery): CallListPage {
    const rows = this.rowList();
    const page = this.queryCache.page(rows, () => buildLiveFilterData(rows.map((r) => this.filterSource(r.id))), this.version, query);
    return {
      session: this.options.session, generation: this.version, total: page.total, unfiltered: rows.length, offset: query.offset,
      rows: page.rows, filterError: page.filterError,
    };
  }

  /** The ladder of live rows (undefined when none of them is kept any more). */
  ladder(query: LadderQuery): LadderData | undefined {
    this.ladderIds = [...query.rows];
    const view = this.view(query.rows);
    return view === undefined ? undefined : liveLadder(view, query);
  }

  /** A message by session index, seen in the view of the last ladder when it is there (same numbering of transactions). */
  message(index: number): MessageDetail | undefined {
    const ladder = this.ladderIds.length > 0 ? this.view(this.ladderIds) : undefined;
    if (ladder !== undefined && ladder.localOf.has(index)) return liveMessage(ladder, index);
    const id = this.findRow(index);
    const own = id < 0 ? undefined : this.view([id]);
    return own === undefined ? undefined : liveMessage(own, index);
  }

  /** The live row (id) of a message by session index, -1 when it is not kept. */
  findRow(index: number): number {
    const record = this.index.record(index);
    if (record === undefined) return -1;
    const callId = record.facts.callId ?? '';
    const kept = this.index.keptIdOf(callId);
    if (kept !== undefined) return kept;
    return this.live.active().find((a) => a.callIds.includes(callId))?.id ?? -1;
  }

  getStatistics(): Statistics {
    const calls = [...this.index.kept.values()].flatMap((k) => k.entry.calls);
    return buildLiveStatistics({
      session: this.options.session, version: this.version, summary: this.pipeline.summary(),
      issueExamples: this.pipeline.issueExamples(), live: this.live.stats(), calls,
    });
  }

  /** The rows correlated together (for exports); undefined when none is kept. */
  view(ids: readonly number[]): LiveView | undefined {
    const key = `${ids.join(',')}@${this.version}`;
    const cached = this.views.get(key);
    if (cached !== undefined) return cached;
    const active = this.live.active();
    const parts = [...new Set(ids)].map((id) => this.index.part(id, active.find((a) => a.id === id))).filter((p): p is ViewPart => p !== undefined);
    if (parts.length === 0) return undefined;
    const view = buildLiveView(parts, this.options.session, this.version, this.pipeline.timePrecisionDigits, this.correlator);
    this.views.set(key, view);
    if (this.views.size > 4) this.views.delete(this.views.keys().next().value!);
    return view;
  }

  private accept(batch: readonly MessageRecord[]): void {
    if (batch.length === 0) return;
    const own: MessageRecord[] = new Array(batch.length);
    batch.forEach((r, i) => {
      const record = r.raw !== undefined ? { ...r, raw: r.raw.slice() } : r;
      own[i] = record;
      this.index.add(record);
    });
    this.apply(this.live.add(own, this.now()));
  }

  private apply(events: readonly LiveEvent[]): void {
    for (const e of events) {
      if (e.type === 'callStarted') {
        this.touch(e.call.id);
      } else if (e.type === 'completed' || e.type === 'updated') {
        this.index.completed(e.entry);
        this.touch(e.entry.id);
      } else {
        this.index.evicted(e.id);
        this.touch(e.id);
      }
    }
  }

  /** Compares the groups in progress with the last look: new messages, a new phase, or gone (merged or closed). */
  private noteActive(): void {
    const now = new Map<number, string>();
    for (const a of this.live.active()) {
      const sig = `${a.messages}:${a.phase}`;
      now.set(a.id, sig);
      if (this.activeSeen.get(a.id) !== sig) this.touch(a.id);
    }
    for (const id of this.activeSeen.keys()) if (!now.has(id)) this.touch(id);
    this.activeSeen = now;
  }

  private touch(id: number): void {
    this.version++;
    if (this.changed.size < MAX_CHANGED_IDS) this.changed.add(id);
    else if (!this.changed.has(id)) this.changedOverflow = true;
  }

  /** Kept rows and rows in progress, in order of their first message (the session numbers groups in that order). */
  private rowList(): CallRow[] {
    if (this.rowCache?.version === this.version) return this.rowCache.rows;
    const rows: CallRow[] = [];
    for (const k of this.index.kept.values()) rows.push(k.row);
    for (const a of this.live.active()) {
      if (this.index.kept.has(a.id)) continue;
      rows.push(activeRow(a, a.phase === 'other' ? this.index.firstMethod(a.callIds) : 'INVITE'));
    }
    rows.sort((a, b) => a.id - b.id);
    this.rowCache = { version: this.version, rows };
    return rows;
  }

  private filterSource(id: number): FilterSource {
    const kept = this.index.kept.get(id);
    if (kept !== undefined) return { records: kept.entry.records, calls: kept.entry.calls, usages: kept.entry.usages };
    const detail = this.live.detail(id);
    return detail === undefined ? { records: [], calls: [], usages: [] } : { records: detail.records, calls: detail.analysis.calls, usages: detail.model.usages };
  }
}
