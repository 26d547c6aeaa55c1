/**
 * Exports from the UI. JSON (the ladder data of the chosen rows) is built here; SVG, PNG, Mermaid, pcap
 * and the HTML report are STUBS until the core's export stage (core/src/export) provides them, so the
 * UI and the CLI share one implementation — wire them here.
 */
import type { ExportRequest, ExportResult } from '../shared/apiTypes.ts';
import type { CaptureSession } from './captureSession.ts';

export function exportCalls(session: CaptureSession, request: ExportRequest): ExportResult {
  if (request.kind === 'json') {
    const ladder = session.ladder(request.rows);
    return {
      ok: true, message: `${ladder.messages.length} messages`, fileName: `sipladder-${request.rows.join('-')}.json`,
      mediaType: 'application/json', text: JSON.stringify({ schemaVersion: 1, ...ladder }, null, 1), base64: null,
    };
  }
  return {
    ok: false, message: `${request.kind} export is not wired yet (it will use the same code as the CLI's exports)`,
    fileName: null, mediaType: null, text: null, base64: null,
  };
}
