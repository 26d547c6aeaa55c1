/**
 * The summary of one capture in one pass and bounded memory: capture → network → sip (SipPipeline), then a
 * streaming correlator whose records and settled calls are reduced to counts as they come
 * (StreamingSummary). Same numbers as `CaptureAnalyzer` + `summarize`, without keeping a record or a model.
 */
import type { Summary } from '../analyze/analysis.ts';
import { StreamingSummary } from '../analyze/streamingSummary.ts';
import { Correlator, type CorrelatorOptions } from '../correlate/correlator.ts';
import type { Issue } from '../shared/issue.ts';
import { headerFromFacts } from './captureAnalysis.ts';
import { SipPipeline, type CaptureSummary } from './sipPipeline.ts';

const SLICE_BYTES = 1 << 16;

export interface SummaryAnalysis {
  readonly capture: CaptureSummary;
  readonly summary: Summary;
  /** Up to 50 examples per issue code from the capture, network and SIP stages. */
  readonly issueExamples: readonly Issue[];
}

export class SummaryAnalyzer {
  private readonly pipeline = new SipPipeline();
  private readonly sink = new StreamingSummary();
  private readonly correlator: Correlator;
  private result: SummaryAnalysis | undefined;

  constructor(options: Omit<CorrelatorOptions, 'sink'> = {}) {
    this.correlator = new Correlator({ headerValue: headerFromFacts, ...options, sink: this.sink });
  }

  /**
   * Feeds a chunk; returns how many SIP messages it completed. Large chunks are fed in slices so that each
   * batch of records is correlated and dropped while it is still young: a whole megabyte of parsed messages
   * would outlive the engine's young generation and be copied, then promoted, for nothing.
   */
  push(chunk: Uint8Array): number {
    let count = 0;
    for (let at = 0; at < chunk.length; at += SLICE_BYTES) {
      const records = this.pipeline.push(chunk.length <= SLICE_BYTES ? chunk : chunk.subarray(at, at + SLICE_BYTES)).records;
      for (const r of records) this.correlator.add(r);
      count += records.length;
    }
    return count;
  }

  /** Call legs started so far (for progress; calls are known only at the end). */
  get startedLegs(): number {
    return this.correlator.startedLegs;
  }

  get timePrecisionDigits(): number {
    return this.pipeline.timePrecisionDigits;
  }

  end(): SummaryAnalysis {
    if (this.result !== undefined) return this.result;
    for (const r of this.pipeline.end().records) this.correlator.add(r);
    const summary = this.sink.finish(this.correlator.finishStream());
    this.result = { capture: this.pipeline.summary(), summary, issueExamples: this.pipeline.issueExamples() };
    return this.result;
  }
}

/** Summarises a whole capture held in memory (tests, small inputs). */
export function summarizeCaptureBytes(bytes: Uint8Array, options: Omit<CorrelatorOptions, 'sink'> = {}, chunkBytes = 1 << 20): SummaryAnalysis {
  const analyzer = new SummaryAnalyzer(options);
  for (let at = 0; at < bytes.length; at += chunkBytes) analyzer.push(bytes.subarray(at, at + chunkBytes));
  return analyzer.end();
}
