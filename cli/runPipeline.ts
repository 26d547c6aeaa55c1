/** Drives the core over an opened input and returns the whole analysis (records, model, calls, summaries). */
import { CaptureAnalyzer, type CaptureAnalysis } from '../core/src/pipeline/captureAnalysis.ts';
import type { OpenedInput } from './openInput.ts';
import { CliError, EXIT } from './cliError.ts';

export async function analyzeInput(input: OpenedInput): Promise<CaptureAnalysis> {
  const analyzer = new CaptureAnalyzer();
  for await (const chunk of input.chunks) analyzer.push(chunk);
  const result = analyzer.end();
  if (result.capture.contentFormat === 'unknown' && result.capture.bytesRead > 0) {
    throw new CliError(
      `${input.name}: not a capture this tool reads (expected pcap, pcapng, gzip of either, or plain SIP text)`,
      EXIT.unknownFormat,
    );
  }
  return result;
}
