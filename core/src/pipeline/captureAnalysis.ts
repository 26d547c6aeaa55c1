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

export class CaptureAnalyzer {
  private readonly pipeline: SipPipeline;
  private readonly correlator: Correlator;
  private readonly records: MessageRecord[] = [];

  /** `keepRawMessages`: records carry their message bytes (for message detail and the HTML export), up to `rawBudgetBytes`. */
  constructor(options: CorrelatorOptions & SipPipelineOptions = {}) {
    this.pipeline = new SipPipeline({ keepRawMessages: options.keepRawMessages, rawBudgetBytes: options.rawBudgetBytes });
    this.correlator = new Correlator({ headerValue: headerFromFacts, ...options });
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
    const records = this.records;
    const lookup: RecordLookup = (i) => records[i];
    const analysis = analyze(model, lookup);
    return {
      records, capture: this.pipeline.summary(), model, analysis, summary: summarize(model, analysis), lookup,
      issueExamples: this.pipeline.issueExamples(),
    };
  }

  private take(records: MessageRecord[]): MessageRecord[] {
    for (const r of records) {
      this.records.push(r);
      this.correlator.add(r);
    }
    return records;
  }
}

/** Analyses a whole capture held in memory (tests, small inputs). */
export function analyzeCaptureBytes(bytes: Uint8Array, options: CorrelatorOptions = {}, chunkBytes = 1 << 20): CaptureAnalysis {
  const analyzer = new CaptureAnalyzer(options);
  for (let at = 0; at < bytes.length; at += chunkBytes) analyzer.push(bytes.subarray(at, at + chunkBytes));
  return analyzer.end();
}
