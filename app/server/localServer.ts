/**
 * `sipladder serve`: the renderer and its API on 127.0.0.1 only. Static files are public (they hold no
 * capture data); every /api request needs the per-run token, the right Host and a same-origin (or no)
 * Origin. The API is the preload bridge's twin: POST /api/call/<channel>, POST /api/upload (a capture
 * as the request body, streamed to the worker) and GET /api/events (progress as NDJSON).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AnalysisBackend } from '../backend/analysisBackend.ts';
import { dispatch, type DispatchContext } from '../backend/dispatch.ts';
import { UserError } from '../backend/userError.ts';
import type { LiveControl } from '../backend/liveCapture.ts';
import { ContractError, isChannel, MAX_NAME_CHARS } from '../shared/ipcContract.ts';
import { bodyChunks, HttpError, readJsonBody, sendJson, sendText } from './httpIo.ts';
import { checkApiRequest, hostAllowed, makeToken, SECURITY_HEADERS, TOKEN_HEADER } from './security.ts';
import { liveStatusEvent, serveLiveCapture } from './liveRoutes.ts';
import type { StaticFile } from './staticFiles.ts';

export interface LocalServerOptions {
  backend: AnalysisBackend;
  staticFiles: Map<string, StaticFile>;
  /** 0 picks a free port. */
  port: number;
  version: string;
  token?: string;
  log?: (line: string) => void;
  /** `serve --capture`: the live capture (status, stop, start, download). */
  live?: LiveControl;
}

export interface RunningServer {
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_JSON_BYTES = 256 * 1024;
const HEARTBEAT_MS = 15_000;

export async function startLocalServer(options: LocalServerOptions): Promise<RunningServer> {
  const token = options.token ?? makeToken();
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const ctx: DispatchContext = {
    backend: options.backend, native: {}, capabilities: { mode: 'web', nativeDialogs: false, version: options.version },
    ...(options.live ? { live: options.live } : {}),
  };
  const streams = new Set<ServerResponse>();
  let port = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    if (!hostAllowed(req.headers.host, port)) return sendText(res, 421, 'unexpected Host header');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (!url.pathname.startsWith('/api/')) return serveStatic(req, res, url.pathname, options.staticFiles);
    const refused = checkApiRequest({
      host: req.headers.host, origin: req.headers.origin, fetchSite: header(req, 'sec-fetch-site'), token: req.headers[TOKEN_HEADER],
    }, port, token);
    if (refused !== undefined) return sendJson(res, refused.status, { ok: false, error: refused.reason });
    if (url.pathname === '/api/events' && req.method === 'GET') return openEvents(res);
    if (url.pathname === '/api/upload' && req.method === 'POST') return upload(req, res, url);
    if (url.pathname === '/api/live/capture' && req.method === 'GET') return serveLiveCapture(res, options.live);
    const channel = /^\/api\/call\/([A-Za-z]+)$/.exec(url.pathname)?.[1];
    if (channel === undefined || !isChannel(channel)) return sendJson(res, 404, { ok: false, error: 'no such API' });
    if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: 'use POST' });
    const body = await readJsonBody(req, MAX_JSON_BYTES);
    const args = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as { args?: unknown }).args : undefined;
    const result = await dispatch(ctx, channel, args);
    sendJson(res, 200, { ok: true, result });
  };

  const upload = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/octet-stream') throw new HttpError(415, 'expected application/octet-stream');
    const name = url.searchParams.get('name') ?? 'upload';
    if (name.length === 0 || name.length > MAX_NAME_CHARS || name.includes('\0')) throw new HttpError(400, 'name: expected 1–255 characters');
    const length = Number(req.headers['content-length']);
    const opened = options.backend.openStream(name, Number.isSafeInteger(length) && length >= 0 ? length : null, bodyChunks(req));
    await opened.done;
    sendJson(res, 200, { ok: true, result: opened.result });
  };

  const openEvents = (res: ServerResponse): void => {
    res.writeHead(200, { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store' });
    const write = (event: unknown): void => {
      res.write(JSON.stringify(event) + '\n');
    };
    const last = options.backend.progress;
    if (last !== undefined) write(last);
    const off = options.backend.onProgress(write);
    if (options.live !== undefined) write(liveStatusEvent(options.live.status()));
    const offLive = options.live?.onStatus((status) => write(liveStatusEvent(status)));
    const beat = setInterval(() => res.write('\n'), HEARTBEAT_MS);
    streams.add(res);
    res.on('close', () => {
      off();
      offLive?.();
      clearInterval(beat);
      streams.delete(res);
    });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpError) return sendJson(res, error.status, { ok: false, error: error.message });
      if (error instanceof UserError || error instanceof ContractError) return sendJson(res, 400, { ok: false, error: error.message });
      log(`sipladder serve: internal error: ${(error as Error).stack ?? String(error)}`);
      sendJson(res, 500, { ok: false, error: 'internal error (details on the server console)' });
    });
  });
  server.headersTimeout = 30_000;
  server.requestTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`, origin, port, token,
    close: () => new Promise<void>((resolve) => {
      for (const s of streams) s.destroy();
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function serveStatic(req: IncomingMessage, res: ServerResponse, path: string, files: Map<string, StaticFile>): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'method not allowed');
  const file = files.get(path);
  if (file === undefined) return sendText(res, 404, 'not found');
  res.writeHead(200, { 'Content-Type': file.contentType, 'Content-Length': file.body.length, 'Cache-Control': 'no-cache' });
  res.end(req.method === 'HEAD' ? undefined : file.body);
}
