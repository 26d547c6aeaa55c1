/**
 * One capture being analysed, off the UI thread: bytes are pushed in chunks (from a file, an upload or
 * a pipe), records flow through the pipeline and the correlator as they come, the call list grows as
 * Call-IDs are found, and `finish` correlates and analyses. Pure TypeScript: runs in a Node worker
 * thread today and could run in a browser Worker.
 */
import { analyze } from '../../core/src/analyze/analyze.ts';
import { Correlator } from '../../core/src/correlate/correlator.ts';
import { SipPipeline } from '../../core/src/pipeline/sipPipeline.ts';
import type { MessageRecord } from '../../core/src/sip/messageRecord.ts';
import { parseSipMessage } from '../../core/src/sip/parseSipMessage.ts';
import type { SipHeader } from '../../core/src/sip/sipMessage.ts';
import type {
  CallListPage, CallListQuery, CallRow, LadderData, LoadPhase, MessageDetail, ProgressEvent, Statistics,
} from '../shared/apiTypes.ts';
import type { EngineState } from './engineState.ts';
import { rowOfRecord } from './engineState.ts';
import { buildFinalRows } from './finalRows.ts';
import { buildLadder } from './ladderData.ts';
import { buildMessageDetail } from './messageDetail.ts';
import { MessageTap } from './messageTap.ts';
import { ProvisionalRows } from './provisionalRows.ts';
import { RawStore, type RawStoreOptions } from './rawStore.ts';
import { RowQueryCache } from './rowQuery.ts';
import { buildStatistics, type Counters } from './statistics.ts';

/** Distinct method names / status codes counted before the rest go to "other" (hostile captures invent many). */
const MAX_DISTINCT_KEYS = 200;

export interface SessionOptions {
  session: number;
  name: string;
  totalBytes: number | null;
  raw?: RawStoreOptions;
  now?: () => number;
}

function bump(into: Record<string, number>, key: string): void {
  if (into[key] === undefined && Object.keys(into).length >= MAX_DISTINCT_KEYS) key = 'other';
  into[key] = (into[key] ?? 0) + 1;
}

export class CaptureSession {
  private readonly pipeline = new SipPipeline();
  private readonly tap: MessageTap;
  private readonly correlator: Correlator;
  private readonly records: MessageRecord[] = [];
  private readonly raw: RawStore;
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
  private headerCache: { index: number; headers: readonly SipHeader[] } | undefined;

  constructor(private readonly options: SessionOptions) {
    this.now = options.now ?? (() => Date.now());
    this.startedAt = this.now();
    this.raw = new RawStore(options.raw);
    this.tap = new MessageTap(this.pipeline);
    this.correlator = new Correlator({ headerValue: (record, name) => this.headerValue(record.index, name) });
    this.state = {
      session: options.session, generation: 0, records: this.records, raw: this.raw, provisional: this.provisional,
      final: undefined, precisionDigits: 6,
    };
  }

  get loading(): boolean {
    return this.phase === 'reading' || this.phase === 'correlating';
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
    const lookup = (i: number): MessageRecord | undefined => this.records[i];
    const analysis = analyze(model, lookup);
    const table = buildFinalRows(model, analysis, lookup);
    this.state.final = { model, analysis, table };
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
    const page = this.queryCache.page(rows, this.state.generation, query);
    return {
      session: this.options.session, generation: this.state.generation, total: page.total, unfiltered: rows.length,
      offset: query.offset, rows: page.rows, filterError: page.filterError,
    };
  }

  ladder(rows: readonly number[]): LadderData {
    return buildLadder(this.state, rows);
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
    return this.state.final?.table.rows ?? this.provisional.rows;
  }

  private accept(records: readonly MessageRecord[]): void {
    if (records.length === 0) return;
    this.state.precisionDigits = this.pipeline.timePrecisionDigits;
    for (const record of records) {
      const decoded = this.tap.match(record);
      if (decoded !== undefined) this.raw.add(record.index, decoded.message.bytes);
      else this.raw.markMisaligned(record.index);
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

  /** Correlation headers (X-Call-ID, Replaces, Refer-To) are read from the kept message text (one parse per record). */
  private headerValue(index: number, name: string): string | undefined {
    if (this.headerCache?.index !== index) {
      const raw = this.raw.get(index);
      const parsed = raw.kind === 'kept' ? parseSipMessage(raw.bytes) : undefined;
      this.headerCache = { index, headers: parsed?.kind === 'message' ? parsed.message.headers : [] };
    }
    const wanted = name.toLowerCase();
    return this.headerCache.headers.find((h) => h.canonicalName === wanted)?.value;
  }
}
