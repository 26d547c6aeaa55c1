/** Drives the core pipeline over an opened input, handing records to the command as they come. */
import { SipPipeline, type CaptureSummary } from '../core/src/pipeline/sipPipeline.ts';
import type { MessageRecord } from '../core/src/sip/messageRecord.ts';
import type { Issue } from '../core/src/shared/issue.ts';
import type { OpenedInput } from './openInput.ts';
import { CliError, EXIT } from './cliError.ts';

export interface PipelineRun {
  readonly summary: CaptureSummary;
  readonly issueExamples: Issue[];
}

export async function runPipeline(
  input: OpenedInput,
  handlers: { onRecords: (records: MessageRecord[], timePrecisionDigits: number) => void },
): Promise<PipelineRun> {
  const pipeline = new SipPipeline();
  for await (const chunk of input.chunks) {
    const batch = pipeline.push(chunk);
    if (batch.records.length) handlers.onRecords(batch.records, pipeline.timePrecisionDigits);
  }
  const tail = pipeline.end();
  if (tail.records.length) handlers.onRecords(tail.records, pipeline.timePrecisionDigits);
  const summary = pipeline.summary();
  if (summary.contentFormat === 'unknown' && summary.bytesRead > 0) {
    throw new CliError(
      `${input.name}: not a capture this tool reads (expected pcap, pcapng, gzip of either, or plain SIP text)`,
      EXIT.unknownFormat,
    );
  }
  return { summary, issueExamples: pipeline.issueExamples() };
}
