/**
 * Exports from the UI, made by the core's export stage — the same code as `sipladder export`
 * (cli/commands/export.ts, cli/pictureExports.ts): SVG, Mermaid and the standalone HTML report of the
 * ladder (the whole rows, or exactly the records the person sees), JSON and CSV of the rows, and
 * pcap/pcapng of their frames, copied unchanged from the capture read again.
 */
import type { FilterRow } from '../../core/src/analyze/filter/filterData.ts';
import { csvPieces } from '../../core/src/export/csvExport.ts';
import { svgLadder, toHtml, toMermaid } from '../../core/src/export/index.ts';
import { jsonExportPieces } from '../../core/src/export/jsonExport.ts';
import { framesOfRows } from '../../core/src/export/pcapSelection.ts';
import { formatIsoTimestamp } from '../../core/src/shared/time.ts';
import type { ExportRequest, ExportResult } from '../shared/apiTypes.ts';
import type { CaptureSession } from './captureSession.ts';
import { encodeBase64 } from '../../core/src/shared/base64.ts';
import { copyFrames } from './exportFrames.ts';
import { groupRowIssues } from './exportIssues.ts';

export interface ExportContext {
  session: CaptureSession;
  /** The capture's bytes again (its file, or the upload's spool); undefined when they cannot be had. */
  reread: (() => AsyncIterable<Uint8Array>) | undefined;
  /** Names the program in the files (JSON generator, pcapng shb_userappl). */
  generator: string;
}

const MEDIA: Record<ExportRequest['kind'], [extension: string, mediaType: string]> = {
  svg: ['svg', 'image/svg+xml'], mermaid: ['mmd', 'text/vnd.mermaid'], html: ['html', 'text/html'], json: ['json', 'application/json'],
  csv: ['csv', 'text/csv'], pcap: ['pcap', 'application/vnd.tcpdump.pcap'], pcapng: ['pcapng', 'application/octet-stream'],
};

const refused = (message: string): ExportResult => ({ ok: false, message, fileName: null, mediaType: null, text: null, base64: null });

/** "sipladder-call-3", "sipladder-calls-3-7", "…-part" for a part of the ladder: row numbers as the CLI's --index takes them. */
export function exportFileName(rows: readonly FilterRow[], part: boolean, kind: ExportRequest['kind']): string {
  const numbers = rows.map((r) => r.number);
  const shown = numbers.length > 4 ? [...numbers.slice(0, 4), 'more'] : numbers;
  return `sipladder-${numbers.length === 1 ? 'call' : 'calls'}-${shown.join('-')}${part ? '-part' : ''}.${MEDIA[kind][0]}`;
}

function made(request: ExportRequest, rows: readonly FilterRow[], what: string, warnings: readonly string[], body: { text: string } | { bytes: Uint8Array }): ExportResult {
  const part = request.records !== null && ['svg', 'mermaid', 'html'].includes(request.kind);
  return {
    ok: true, message: [what, ...warnings].join('; '), fileName: exportFileName(rows, part, request.kind), mediaType: MEDIA[request.kind][1],
    text: 'text' in body ? body.text : null, base64: 'bytes' in body ? encodeBase64(body.bytes) : null,
  };
}

export async function exportCalls(ctx: ExportContext, request: ExportRequest): Promise<ExportResult> {
  const { session } = ctx;
  const state = session.engine;
  const final = state.final;
  if (final === undefined) return refused('exports are ready when the capture has been read and correlated');
  const data = final.data;
  const rows = [...new Set(request.rows)].sort((a, b) => a - b).map((r) => data.rows[r]).filter((r): r is FilterRow => r !== undefined);
  if (rows.length === 0) return refused('no such rows in the call list');
  const digits = state.precisionDigits;
  const source = { model: final.model, lookup: data.lookup, analysis: final.analysis, capture: { timePrecisionDigits: digits } };
  const inRows = new Set(rows.map((r) => r.number - 1));
  const records = request.records !== null
    ? request.records.filter((i) => inRows.has(data.rowOfRecord[i] ?? -1)).sort((a, b) => a - b)
    : rows.flatMap((r) => r.messages).sort((a, b) => a - b);
  const calls = rows.filter((r) => r.call >= 0).map((r) => r.call);
  const picture = { records, merge: request.merge, foldRetransmissions: request.fold, hops: request.hops, time: request.time };
  switch (request.kind) {
    case 'svg': {
      const { svg, ladder, warnings } = svgLadder(source, calls, picture);
      return made(request, rows, `${ladder.rows.length} arrows`, warnings, { text: svg });
    }
    case 'mermaid': {
      const { text, warnings } = toMermaid(source, calls, picture);
      return made(request, rows, `${records.length} messages`, warnings, { text });
    }
    case 'html': {
      const text = toHtml(source, calls, { ...picture, rawMessage: (i) => state.records[i]?.raw });
      return made(request, rows, `${records.length} messages`, [], { text });
    }
    case 'json': {
      const summary = session.captureSummary();
      const pieces = jsonExportPieces({ data, precisionDigits: digits }, rows, {
        generator: ctx.generator,
        inputs: [{ name: session.name, bytes: summary.bytesRead }],
        capture: {
          format: summary.format, contentFormat: summary.contentFormat, frames: summary.frames, sipMessages: summary.sipMessages,
          firstTime: summary.firstTimestamp ? formatIsoTimestamp(summary.firstTimestamp, digits) : null,
          lastTime: summary.lastTimestamp ? formatIsoTimestamp(summary.lastTimestamp, digits) : null,
          timePrecisionDigits: summary.timePrecisionDigits, rows: data.rows.length, calls: data.model.calls.length,
        },
        selection: { filter: [], hide: [], call: [], index: rows.map((r) => r.number), rows: rows.map((r) => r.number) },
        issues: groupRowIssues(data, rows, 1000),
      });
      return made(request, rows, `${rows.length} row${rows.length === 1 ? '' : 's'}`, [], { text: [...pieces].join('') });
    }
    case 'csv':
      return made(request, rows, 'messages table', [], { text: [...csvPieces({ data, precisionDigits: digits }, 'messages', rows)].join('') });
    case 'pcap':
    case 'pcapng': {
      if (session.captureSummary().contentFormat === 'sip-text') {
        return refused(`${session.name} is plain SIP text: it has no frames to copy into a ${request.kind} file (export JSON instead)`);
      }
      if (ctx.reread === undefined) return refused(`${session.name} cannot be read a second time to copy its frames`);
      const frames = framesOfRows(data, rows);
      const written = await copyFrames(ctx.reread(), frames, request.kind, ctx.generator);
      if (!written.ok) return refused(written.error.replace('use --format pcapng', 'export pcapng instead'));
      return made(request, rows, `${frames.length} frames`, [], { bytes: written.bytes });
    }
  }
}
