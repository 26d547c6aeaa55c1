/**
 * The live capture over HTTP (`sipladder serve --capture`): GET /api/live/capture downloads the pcapng saved
 * so far (up to its last whole block, streamed from disk: it can be large), and the status travels on the
 * /api/events stream as `{"type":"liveStatus","status":…}` lines beside the progress events.
 */
import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { LiveControl } from '../backend/liveCapture.ts';
import type { LiveStatus } from '../engine/liveTypes.ts';
import { sendJson } from './httpIo.ts';

export interface LiveStatusEvent {
  type: 'liveStatus';
  status: LiveStatus;
}

export function liveStatusEvent(status: LiveStatus): LiveStatusEvent {
  return { type: 'liveStatus', status };
}

export function serveLiveCapture(res: ServerResponse, live: LiveControl | undefined): void {
  if (live === undefined) return sendJson(res, 404, { ok: false, error: 'no live capture: start the app with `sipladder serve --capture IFACE`' });
  const saved = live.savedCapture();
  if (saved === undefined) return sendJson(res, 409, { ok: false, error: 'nothing captured yet' });
  res.writeHead(200, {
    'Content-Type': 'application/octet-stream', 'Content-Length': saved.bytes, 'Cache-Control': 'no-store',
    'Content-Disposition': `attachment; filename="${saved.fileName}"`,
  });
  const stream = createReadStream(saved.path, { start: 0, end: saved.bytes - 1 });
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
