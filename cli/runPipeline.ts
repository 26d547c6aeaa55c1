/**
 * Drives the core over opened inputs. `analyzeInput` returns the whole analysis (records, model, calls) for
 * commands that show them; `summarizeInputs` streams the inputs into counts only, in memory that follows
 * the live calls rather than the capture's size (what `summary` needs, and what `npm run bench` measures).
 */
import type { Summary } from '../core/src/analyze/analysis.ts';
import type { CaptureAnalysis } from '../core/src/pipeline/captureAnalysis.ts';
import type { CaptureSummary } from '../core/src/pipeline/sipPipeline.ts';
import { SummaryAnalyzer } from '../core/src/pipeline/summaryAnalyzer.ts';
import { CliError, EXIT } from './cliError.ts';
import { loadCapture, type LoadOptions } from './loadCapture.ts';
import { FrameOrigins, mergeCaptures, type MergeIssues } from './mergeInputs.ts';
import type { OpenedInput } from './openInput.ts';
import { Progress } from './progress.ts';

export async function analyzeInput(input: OpenedInput): Promise<CaptureAnalysis> {
  return (await loadCapture([input], { showProgress: false })).result;
}

export interface StreamedSummary {
  readonly inputs: readonly OpenedInput[];
  readonly capture: CaptureSummary;
  readonly summary: Summary;
  /** What the capture readers of merged inputs reported. */
  readonly mergeIssues: MergeIssues;
}

/** Summarises the inputs (several are merged in time order) without keeping records or a model. */
export async function summarizeInputs(inputs: readonly OpenedInput[], options: LoadOptions = {}): Promise<StreamedSummary> {
  const merged = inputs.length > 1;
  let total: number | undefined = 0;
  for (const i of inputs) total = i.sizeBytes === undefined || total === undefined ? undefined : total + i.sizeBytes;
  const progress = Progress.for(options.progress ?? { write: () => true }, options.showProgress ?? true, total);
  const mergeIssues: MergeIssues = [];
  const counter = { bytes: 0 };
  const counted = inputs.map((input) => ({ ...input, chunks: countBytes(input.chunks, counter) }));
  const chunks = merged ? mergeCaptures(counted, new FrameOrigins(), mergeIssues) : counted[0]!.chunks;
  const analyzer = new SummaryAnalyzer();
  let messages = 0;
  try {
    for await (const chunk of chunks) {
      messages += analyzer.push(chunk);
      progress.update(counter.bytes, messages, analyzer.startedLegs);
    }
    progress.phase('correlating');
    const { capture, summary } = analyzer.end();
    if (!merged) checkFormat(inputs[0]!, capture);
    return { inputs, capture, summary, mergeIssues };
  } finally {
    progress.done();
  }
}

function checkFormat(input: OpenedInput, capture: CaptureSummary): void {
  if (capture.contentFormat !== 'unknown') return;
  if (capture.bytesRead === 0) throw new CliError(`${input.name} is empty (0 bytes): nothing to read`, EXIT.unknownFormat);
  throw new CliError(
    `${input.name}: not a capture this tool reads (expected pcap, pcapng, gzip of either, or plain SIP text)`,
    EXIT.unknownFormat,
  );
}

async function* countBytes(chunks: AsyncIterable<Uint8Array>, counter: { bytes: number }): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    counter.bytes += chunk.length;
    yield chunk;
  }
}
