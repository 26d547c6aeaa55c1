/**
 * The whole analysis of one capture: capture → network → sip (SipPipeline), then correlate and analyze.
 * Keeps the MessageRecords (the model refers to them by index) — the streaming, bounded-memory path for
 * summaries is `SipPipeline` plus a Correlator fed as records come.
 */
import { analyze } from '../analyze/analyze.ts';
import type { Analysis, Summary } from '../analyze/analysis.ts';
import { summarize } from '../analyze/summarize.ts';
import { Correlator, type CorrelatorOptions } from '../correlate/correlator.ts';
import type { CorrelationModel, RecordLookup } from '../correlate/model.ts';
import type { MessageRecord } from '../sip/messageRecord.ts';
import type { Issue } from '../shared/issue.ts';
import { RecordCompactor, type InputBytes } from './compactRecord.ts';
import { SipPipeline, type CaptureSummary, type SipPipelineOptions } from './sipPipeline.ts';

export interface CaptureAnalysis {
  readonly records: readonly MessageRecord[];
  readonly capture: CaptureSummary;
  readonly model: CorrelationModel;
  readonly analysis: Analysis;
  readonly summary: Summary;
  readonly lookup: RecordLookup;
  /** Up to 50 examples per issue code from the capture, network and SIP stages. */
  readonly issueExamples: readonly Issue[];
}

/** Correlation headers live in the facts' extraHeaders (lower-case names). */
export const headerFromFacts = (record: MessageRecord, name: string): string | undefined =>
  record.facts.extraHeaders?.[name.toLowerCase()];

export interface CaptureAnalyzerOptions extends CorrelatorOptions, SipPipelineOptions {
  /**
   * Keep each message as its bytes and let its SipFacts go once correlation has read them (they are derived
   * again when asked for): several times less memory for big captures, for some re-parsing in the analysis.
   * Implies keepRawMessages.
   */
  readonly compactRecords?: boolean;
  /** compactRecords: how many of the newest records keep all their facts (default 2048; 0 in tests). */
  readonly compactReleaseLag?: number;
  /**
   * compactRecords: the input file, to read messages again from instead of keeping their bytes (those that lie
   * there as they are: a datagram in one frame, input not gzip). The input must not change while in use.
   */
  readonly input?: InputBytes;
}

export class CaptureAnalyzer {
  private readonly pipeline: SipPipeline;
  private readonly correlator: Correlator;
  private readonly records: MessageRecord[] = [];
  private readonly compactor: RecordCompactor | undefined;

  /** `keepRawMessages`: records carry their message bytes (for message detail and the HTML export), up to `rawBudgetBytes`. */
  constructor(options: CaptureAnalyzerOptions = {}) {
    const compact = options.compactRecords === true;
    this.pipeline = new SipPipeline({
      keepRawMessages: options.keepRawMessages || compact, rawBudgetBytes: options.rawBudgetBytes,
      locateInInput: compact && options.input !== undefined,
    });
    this.correlator = new Correlator({ headerValue: headerFromFacts, ...options });
    this.compactor = compact ? new RecordCompactor(options.compactReleaseLag, options.input) : undefined;
  }

  /** How many times facts were derived again from message bytes (compactRecords). */
  get factsReparsed(): number {
    return this.compactor?.reparsed ?? 0;
  }

  /** Feeds a chunk; returns the records it completed (already handed to the correlator). */
  push(chunk: Uint8Array): readonly MessageRecord[] {
    return this.take(this.pipeline.push(chunk).records);
  }

  get timePrecisionDigits(): number {
    return this.pipeline.timePrecisionDigits;
  }

  end(): CaptureAnalysis {
    this.take(this.pipeline.end().records);
    const model = this.correlator.finish();
    this.compactor?.releaseAll();
    const records = this.records;
    const lookup: RecordLookup = (i) => records[i];
    const analysis = analyze(model, lookup);
    return {
      records, capture: this.pipeline.summary(), model, analysis, summary: summarize(model, analysis), lookup,
      issueExamples: this.pipeline.issueExamples(),
    };
  }

  private take(records: MessageRecord[]): MessageRecord[] {
    const kept = this.compactor?.wrap(records) ?? records;
    for (const r of kept) {
      this.records.push(r);
      this.correlator.add(r);
    }
    return kept;
  }
}

/** Analyses a whole capture held in memory (tests, small inputs). */
export function analyzeCaptureBytes(bytes: Uint8Array, options: CaptureAnalyzerOptions = {}, chunkBytes = 1 << 20): CaptureAnalysis {
  const analyzer = new CaptureAnalyzer(options);
  for (let at = 0; at < bytes.length; at += chunkBytes) analyzer.push(bytes.subarray(at, at + chunkBytes));
  return analyzer.end();
}
