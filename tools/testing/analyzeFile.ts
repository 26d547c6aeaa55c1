/** Test helper (Node: reads fixture files): runs the whole pipeline over a file, in 64 KiB chunks as a stream would deliver it. */
import { readFileSync } from 'node:fs';
import { SipPipeline, type CaptureSummary } from '../../core/src/pipeline/sipPipeline.ts';
import type { MessageRecord } from '../../core/src/sip/messageRecord.ts';

export interface FileAnalysis {
  readonly records: MessageRecord[];
  readonly summary: CaptureSummary;
}

export function analyzeBytes(bytes: Uint8Array, chunkBytes = 65536): FileAnalysis {
  const pipeline = new SipPipeline();
  const records: MessageRecord[] = [];
  for (let at = 0; at < bytes.length; at += chunkBytes) {
    records.push(...pipeline.push(bytes.subarray(at, Math.min(bytes.length, at + chunkBytes))).records);
  }
  records.push(...pipeline.end().records);
  return { records, summary: pipeline.summary() };
}

export function analyzeFile(path: string, chunkBytes?: number): FileAnalysis {
  const data = readFileSync(path);
  return analyzeBytes(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), chunkBytes);
}

/** Reads a TSV with a header line into objects. */
export function readTsv(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8').split('\n').filter((l) => l.length > 0);
  const names = header!.split('\t');
  return lines.map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(names.map((n, i) => [n, cells[i] ?? '']));
  });
}
