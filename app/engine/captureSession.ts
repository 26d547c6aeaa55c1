/**
 * One capture being analysed, off the UI thread: bytes are pushed in chunks (from a file, an upload or
 * a pipe), records flow through the pipeline and the correlator as they come, the call list grows as
 * Call-IDs are found, and `finish` correlates and analyses. Pure TypeScript: runs in a Node worker
 * thread today and could run in a browser Worker.
 */
import { analyze } from '../../core/src/analyze/analyze.ts';
import { buildFilterData } from '../../core/src/analyze/filter/filterData.ts';
import { Correlator } from '../../core/src/correlate/correlator.ts';
import { headerFromFacts } from '../../core/src/pipeline/captureAnalysis.ts';
import { RecordCompactor } from '../../core/src/pipeline/compactRecord.ts';
import { SipPipeline, type CaptureSummary } from '../../core/src/pipeline/sipPipeline.ts';
import type { MessageRecord } from '../../core/src/sip/messageRecord.ts';
import type {
  CallListPage, CallListQuery, CallRow, LadderData, LadderQuery, LoadPhase, MessageDetail, ProgressEvent, Statistics,
} from '../shared/apiTypes.ts';
import type { EngineState } from './engineState.ts';
import { filterData, rowOfRecord } from './engineState.ts';
import { buildFinalRows } from './finalRows.ts';
import { buildLadder } from './ladderData.ts';
import { buildMessageDetail } from './messageDetail.ts';
import { ProvisionalRows } from './provisionalRows.ts';
import { RowQueryCache } from './rowQuery.ts';
import { buildStatistics, type Counters } from './statistics.ts';

/** Distinct method names / status codes counted before the rest go to "other" (hostile captures invent many). */
const MAX_DISTINCT_KEYS = 200;
/** Message text kept for the detail view and the HTML export; later messages keep none (the view says why). */
export const DEFAULT_RAW_BUDGET_BYTES = 768 * 1024 * 1024;

export interface SessionOptions {
  session: number;
  name: string;
  totalBytes: number | null;
  /** Bytes of message text kept in all (default DEFAULT_RAW_BUDGET_BYTES). */
  rawBudgetBytes?: number;
  now?: () => number;
}

function bump(into: Record<string, number>, key: string): void {
  if (into[key] === undefined && Object.keys(into).length >= MAX_DISTINCT_KEYS) key = 'other';
  into[key] = (into[key] ?? 0) + 1;
}

export class CaptureSession {
  private readonly pipeline: SipPipeline;
  private readonly correlator = new Correlator({ headerValue: headerFromFacts });
  /** Records keep their scalar facts only once correlated and re-parse the rest from their kept bytes (core compactRecords). */
  private readonly compactor = new RecordCompactor();
  private readonly records: MessageRecord[] = [];
  private readonly provisional = new ProvisionalRows();
  private readonly queryCache = new RowQueryCache();
  private readonly counters: Counters = { methods: {}, statusCodes: {}, requests: 0, responses: 0 };
  private readonly state: EngineState;
  private readonly now: () => number;
  private readonly startedAt: number;
  private phase: LoadPhase = 'reading';
  private bytesRead = 0;
  private partial = false;
  private error: string | null = null;
  private statistics: Statistics | undefined;
  private endedAt: number | undefined;

  constructor(private readonly options: SessionOptions) {
    this.now = options.now ?? (() => Date.now());
    this.startedAt = this.now();
    const budgetBytes = options.rawBudgetBytes ?? DEFAULT_RAW_BUDGET_BYTES;
    this.pipeline = new SipPipeline({ keepRawMessages: true, rawBudgetBytes: budgetBytes });
    this.state = {
      session: options.session, generation: 0, records: this.records, raw: { budgetBytes, dropped: 0 }, provisional: this.provisional,
      final: undefined, precisionDigits: 6,
    };
  }

  /** What the view builders read (the classroom's step-through among them). */
  get engine(): EngineState {
    return this.state;
  }

  get name(): string {
    return this.options.name;
  }

  get loading(): boolean {
    return this.phase === 'reading' || this.phase === 'correlating';
  }

  /** The capture's summary so far (format, frames, clock precision, issue counts). */
  captureSummary(): CaptureSummary {
    return this.pipeline.summary();
  }

  push(chunk: Uint8Array): void {
    if (this.phase !== 'reading') return;
    this.bytesRead += chunk.length;
    this.accept(this.pipeline.push(chunk).records);
  }

  /** End of input (or cancel, `partial`): correlate and analyse what was read. */
  finish(partial = false): void {
    if (this.phase !== 'reading') return;
    this.partial = partial;
    this.accept(this.pipeline.end().records);
    const summary = this.pipeline.summary();
    if (summary.contentFormat === 'unknown' && summary.bytesRead > 0) {
      this.fail('not a capture this tool reads (expected pcap, pcapng, gzip of either, or plain SIP text)');
      return;
    }
    this.phase = 'correlating';
    const model = this.correlator.finish();
    this.compactor.releaseAll();
    const lookup = (i: number): MessageRecord | undefined => this.records[i];
    const analysis = analyze(model, lookup);
    const data = buildFilterData(model, analysis, lookup);
    this.state.final = { model, analysis, data, rows: buildFinalRows(data) };
    this.state.generation++;
    this.statistics = undefined;
    this.phase = partial ? 'cancelled' : 'done';
    this.endedAt = this.now();
  }

  fail(message: string): void {
    this.error = message.slice(0, 2000);
    this.phase = 'failed';
    this.endedAt = this.now();
  }

  progress(): ProgressEvent {
    return {
      session: this.options.session, phase: this.phase, name: this.options.name, bytesRead: this.bytesRead,
      totalBytes: this.options.totalBytes, messages: this.records.length, rows: this.rowList().length,
      generation: this.state.generation, partial: this.partial, error: this.error,
      elapsedMs: Math.max(0, Math.round((this.endedAt ?? this.now()) - this.startedAt)),
    };
  }

  listCalls(query: CallListQuery): CallListPage {
    const rows = this.rowList();
    const page = this.queryCache.page(rows, () => filterData(this.state), `${this.state.generation}:${this.records.length}`, query);
    return {
      session: this.options.session, generation: this.state.generation, total: page.total, unfiltered: rows.length,
      offset: query.offset, rows: page.rows, filterError: page.filterError,
    };
  }

  ladder(query: LadderQuery): LadderData {
    return buildLadder(this.state, query);
  }

  message(index: number): MessageDetail | undefined {
    return buildMessageDetail(this.state, index);
  }

  findRow(index: number): number {
    return rowOfRecord(this.state, index);
  }

  getStatistics(): Statistics {
    if (this.statistics !== undefined) return this.statistics;
    const stats = buildStatistics(this.state, this.counters, this.pipeline.summary().issues, this.pipeline.issueExamples());
    if (!this.loading) this.statistics = stats;
    return stats;
  }

  private rowList(): readonly CallRow[] {
    return this.state.final?.rows ?? this.provisional.rows;
  }

  private accept(records: readonly MessageRecord[]): void {
    if (records.length === 0) return;
    this.state.precisionDigits = this.pipeline.timePrecisionDigits;
    this.state.raw.dropped = this.pipeline.rawMessagesDropped;
    for (const record of this.compactor.wrap(records)) {
      this.records.push(record);
      this.provisional.add(record);
      this.correlator.add(record);
      const f = record.facts;
      if (f.kind === 'request') {
        this.counters.requests++;
        bump(this.counters.methods, f.method ?? '?');
      } else {
        this.counters.responses++;
        bump(this.counters.statusCodes, f.statusCode !== undefined ? String(f.statusCode) : '?');
      }
    }
  }
}
