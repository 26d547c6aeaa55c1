/**
 * The ladder pictures (Mermaid sequenceDiagram, standalone SVG, self-contained HTML) come from the core's
 * export stage (core/src/export/index.ts), the same layout code the app uses; this is the one place the
 * CLI reaches them.
 */
import { toHtml, toMermaid, toSvg } from '../core/src/export/index.ts';
import type { CaptureAnalysis } from '../core/src/pipeline/captureAnalysis.ts';

export type PictureFormat = 'mermaid' | 'svg' | 'html';

export interface Picture {
  readonly text: string;
  readonly warnings: readonly string[];
}

/**
 * `calls` name what the picture is titled after (none: the whole capture); `records` are the messages to
 * draw (the selected rows', usages included).
 */
export function renderPicture(format: PictureFormat, analysis: CaptureAnalysis, calls: readonly number[], records: readonly number[]): Picture {
  const rawMessage = (index: number): Uint8Array | undefined => analysis.records[index]?.raw;
  const options = { records, rawMessage };
  const result: string | { text: string; warnings: readonly string[] } = format === 'mermaid'
    ? toMermaid(analysis, calls, options)
    : format === 'svg' ? toSvg(analysis, calls, options) : toHtml(analysis, calls, options);
  return typeof result === 'string' ? { text: result, warnings: [] } : { text: result.text, warnings: result.warnings };
}
