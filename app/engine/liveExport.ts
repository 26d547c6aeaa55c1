/**
 * Exports of live calls: the rows are correlated together as a view (liveViews.ts) and handed to the file
 * exports (exportCalls.ts: the core's SVG, Mermaid, HTML, JSON, CSV, and pcap/pcapng frames copied from the
 * capture saved as it arrives). Files are named after the live row ids (`sipladder-live-call-12.pcapng`).
 */
import type { ExportRequest, ExportResult } from '../shared/apiTypes.ts';
import type { CaptureSession } from './captureSession.ts';
import { exportCalls } from './exportCalls.ts';
import type { LiveCaptureSession } from './liveCaptureSession.ts';

export interface LiveExportContext {
  session: LiveCaptureSession;
  /** The capture saved so far, read again (frames for pcap/pcapng); undefined when not saved. */
  reread: (() => AsyncIterable<Uint8Array>) | undefined;
  generator: string;
}

const refused = (message: string): ExportResult => ({ ok: false, message, fileName: null, mediaType: null, text: null, base64: null });

export function liveExportFileName(ids: readonly number[], part: boolean, extension: string): string {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const shown = sorted.length > 4 ? [...sorted.slice(0, 4), 'more'] : sorted;
  return `sipladder-live-${sorted.length === 1 ? 'call' : 'calls'}-${shown.join('-')}${part ? '-part' : ''}.${extension}`;
}

export async function exportLive(ctx: LiveExportContext, request: ExportRequest): Promise<ExportResult> {
  const live = ctx.session;
  const view = live.view(request.rows);
  if (view === undefined) return refused('those calls are no longer kept: the memory limit evicted them (save the live capture to keep everything)');
  const records = request.records === null ? null
    : request.records.map((i) => view.localOf.get(i)).filter((i): i is number => i !== undefined).sort((a, b) => a - b);
  if (records !== null && records.length === 0) return refused('none of those messages is kept any more');
  const rows = view.state.final!.data.rows.map((_, i) => i);
  // exportCalls reads only these three members of a session: the view stands in for a file's.
  const shim = { engine: view.state, captureSummary: () => live.captureSummary(), name: live.name };
  const result = await exportCalls({ session: shim as unknown as CaptureSession, reread: ctx.reread, generator: ctx.generator }, { ...request, rows, records });
  if (!result.ok || result.fileName === null) return result;
  const extension = result.fileName.slice(result.fileName.lastIndexOf('.') + 1);
  return { ...result, fileName: liveExportFileName(view.ids, /-part\./.test(result.fileName), extension) };
}
