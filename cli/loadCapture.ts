/**
 * Reads the inputs through the core once: one capture as it is, several merged in time order, with a
 * progress line on a terminal. Returns the analysis, the rows filters work on, and where frames came from.
 */
import { CaptureAnalyzer, type CaptureAnalysis } from '../core/src/pipeline/captureAnalysis.ts';
import { buildFilterData, type FilterData } from '../core/src/analyze/filter/filterData.ts';
import type { MessageRecord } from '../core/src/sip/messageRecord.ts';
import type { JsonExportSource } from '../core/src/export/jsonExport.ts';
import { CliError, EXIT } from './cliError.ts';
import { FrameOrigins, mergeCaptures, type MergeIssues } from './mergeInputs.ts';
import type { OpenedInput } from './openInput.ts';
import { inputsOf, type CommandContext } from './command.ts';
import { fileInputBytes } from './fileInputBytes.ts';
import { MemoryGuard } from './memoryGuard.ts';
import { Progress, type ProgressStream } from './progress.ts';

export interface LoadedCapture {
  readonly inputs: readonly OpenedInput[];
  readonly result: CaptureAnalysis;
  readonly data: FilterData;
  /** Set when several inputs were merged: merged frame number → input and frame in it. */
  readonly origins?: FrameOrigins;
  /** What the capture readers of merged inputs reported (single inputs report through the core summary). */
  readonly mergeIssues: MergeIssues;
}

export interface LoadOptions {
  readonly progress?: ProgressStream;
  readonly showProgress?: boolean;
  /** Keep each message's bytes on its record (the HTML export shows them). */
  readonly keepRawMessages?: boolean;
  /** Checked after every chunk (tests pass their own). */
  readonly memoryGuard?: MemoryGuard;
}

export async function loadCapture(inputs: readonly OpenedInput[], options: LoadOptions = {}): Promise<LoadedCapture> {
  const merged = inputs.length > 1;
  let total: number | undefined = 0;
  for (const i of inputs) total = i.sizeBytes === undefined || total === undefined ? undefined : total + i.sizeBytes;
  const progress = Progress.for(options.progress ?? { write: () => true }, options.showProgress ?? true, total);
  const counter = { bytes: 0 };
  const counted = inputs.map((input) => ({ ...input, chunks: countBytes(input.chunks, counter) }));
  const origins = merged ? new FrameOrigins() : undefined;
  const mergeIssues: MergeIssues = [];
  const chunks = merged ? mergeCaptures(counted, origins!, mergeIssues) : counted[0]!.chunks;
  // Once correlated, records keep their scalar facts only (core compactRecords) and a single file's UDP messages
  // are read again from it when needed rather than kept: a fraction of the memory of full records.
  const path = merged ? undefined : inputs[0]!.rereadPath?.();
  const input = path === undefined ? undefined : fileInputBytes(path);
  const analyzer = new CaptureAnalyzer({ keepRawMessages: options.keepRawMessages, compactRecords: true, ...(input ? { input } : {}) });
  const calls = new Set<string>();
  let messages = 0;
  const guard = options.memoryGuard ?? new MemoryGuard();
  try {
    for await (const chunk of chunks) {
      const records = analyzer.push(chunk);
      messages += records.length;
      countCalls(records, calls);
      progress.update(counter.bytes, messages, calls.size);
      guard.check({ bytesRead: counter.bytes, totalBytes: total, messages });
    }
    progress.phase('correlating');
    const result = analyzer.end();
    if (!merged) checkFormat(inputs[0]!, result);
    const data = buildFilterData(result.model, result.analysis, result.lookup);
    return { inputs, result, data, ...(origins ? { origins } : {}), mergeIssues };
  } finally {
    progress.done();
  }
}

function checkFormat(input: OpenedInput, result: CaptureAnalysis): void {
  const format = result.capture.contentFormat;
  if (format !== 'unknown') return;
  if (result.capture.bytesRead === 0) throw new CliError(`${input.name} is empty (0 bytes): nothing to read`, EXIT.unknownFormat);
  throw new CliError(
    `${input.name}: not a capture this tool reads (expected pcap, pcapng, gzip of either, or plain SIP text)`,
    EXIT.unknownFormat,
  );
}

/** Calls seen so far, for the progress line: initial INVITEs (no To tag), by Call-ID. */
function countCalls(records: readonly MessageRecord[], calls: Set<string>): void {
  for (const r of records) {
    const f = r.facts;
    if (f.kind === 'request' && f.method === 'INVITE' && f.to?.tag === undefined && f.callId !== undefined) calls.add(f.callId);
  }
}

async function* countBytes(chunks: AsyncIterable<Uint8Array>, counter: { bytes: number }): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    counter.bytes += chunk.length;
    yield chunk;
  }
}

/** Loads the command's inputs, with the progress line on stderr unless --quiet. */
export function loadFor(ctx: CommandContext, options: { keepRawMessages?: boolean } = {}): Promise<LoadedCapture> {
  return loadCapture(inputsOf(ctx), { progress: ctx.err, showProgress: ctx.flags.quiet !== true, ...options });
}

/** What the exports need to describe messages: the rows, the clock precision, and frame origins. */
export function exportSource(loaded: LoadedCapture): JsonExportSource {
  const origins = loaded.origins;
  return {
    data: loaded.data,
    precisionDigits: loaded.result.capture.timePrecisionDigits,
    ...(origins ? { origin: (frame: number) => origins.get(frame) } : {}),
  };
}

/** Issues by code from every stage: capture, network and SIP (the pipeline's log), correlation and analysis,
 * and the readers of merged inputs. */
export function issueCounts(loaded: LoadedCapture): Record<string, number> {
  const out: Record<string, number> = {};
  const add = (code: string, n: number) => (out[code] = (out[code] ?? 0) + n);
  for (const [code, n] of Object.entries(loaded.result.capture.issues)) add(code, n);
  for (const [code, n] of Object.entries(loaded.result.summary.issues)) add(code, n);
  for (const { issue } of loaded.mergeIssues) add(issue.code, 1);
  return out;
}
