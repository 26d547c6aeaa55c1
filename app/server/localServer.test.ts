import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalysisBackend } from '../backend/analysisBackend.ts';
import { fileChunks } from '../backend/fileChunks.ts';
import { inlineAnalysis } from '../backend/workerPorts.ts';
import { readCapture, TRAPEZOID_PATH } from '../engine/testCaptures.ts';
import type { ProgressEvent } from '../shared/apiTypes.ts';
import { type RunningServer, startLocalServer } from './localServer.ts';
import { loadStaticFiles } from './staticFiles.ts';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with exactly these headers (fetch would not let a test forge Host). */
function send(port: number, method: string, path: string, headers: Record<string, string>, body?: Uint8Array | string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

describe('the local server', () => {
  let server: RunningServer;
  let backend: AnalysisBackend;
  let dir: string;
  let auth: Record<string, string>;
  const api = (channel: string, args: unknown[], extra: Record<string, string> = {}): Promise<Reply> =>
    send(server.port, 'POST', `/api/call/${channel}`, { 'Content-Type': 'application/json', ...auth, ...extra }, JSON.stringify({ args }));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sipladder-server-test-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(dir, 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'not served');
    backend = new AnalysisBackend(inlineAnalysis(fileChunks).port);
    server = await startLocalServer({ backend, staticFiles: loadStaticFiles(dir), port: 0, version: 'test', log: () => undefined });
    auth = { 'X-Sipladder-Token': server.token };
  });

  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 and prints a URL with the token in the fragment', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/#token=${server.token}$`));
  });

  it('serves the renderer with the CSP and hardening headers, and no CORS header at all', async () => {
    const r = await send(server.port, 'GET', '/', {});
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toMatch(/^default-src 'none'; script-src 'self'/);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(Object.keys(r.headers).some((h) => h.startsWith('access-control-'))).toBe(false);
    expect((await send(server.port, 'GET', '/app.js', {})).headers['content-type']).toMatch(/javascript/);
  });

  it('serves nothing outside its file list: unknown types, traversal, encoded traversal', async () => {
    for (const path of ['/secret.txt', '/../package.json', '/%2e%2e/package.json', '/sub/../secret.txt', '/etc/passwd']) {
      const r = await send(server.port, 'GET', path, {});
      expect(r.status, path).toBe(404);
      expect(r.headers['content-security-policy']).toBeDefined();
    }
  });

  it('refuses API calls without the token, with a wrong one, from another Host or another origin', async () => {
    expect((await send(server.port, 'POST', '/api/call/status', { 'Content-Type': 'application/json' }, '{"args":[]}')).status).toBe(401);
    expect((await api('status', [], { 'X-Sipladder-Token': 'wrong' })).status).toBe(401);
    expect((await api('status', [], { Host: `evil.example:${server.port}` })).status).toBe(421);
    expect((await send(server.port, 'GET', '/', { Host: 'evil.example' })).status).toBe(421);
    const cross = await api('status', [], { Origin: 'http://evil.example' });
    expect(cross.status).toBe(403);
    expect(cross.headers['access-control-allow-origin']).toBeUndefined();
    expect((await api('status', [], { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await api('status', [], { Origin: `http://127.0.0.1:${server.port}`, 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
  });

  it('validates arguments and bodies at the boundary', async () => {
    const badLimit = await api('listCalls', [{ offset: 0, limit: 5000, sort: 'start', descending: false, filter: '', hide: '' }]);
    expect(badLimit.status).toBe(400);
    expect(JSON.parse(badLimit.body).error).toMatch(/limit/);
    expect((await send(server.port, 'POST', '/api/call/status', { ...auth, 'Content-Type': 'text/plain' }, '{"args":[]}')).status).toBe(415);
    expect((await send(server.port, 'POST', '/api/call/status', { ...auth, 'Content-Type': 'application/json' }, '{nope')).status).toBe(400);
    expect((await send(server.port, 'POST', '/api/call/status', { ...auth, 'Content-Type': 'application/json' }, 'x'.repeat(300 * 1024))).status).toBe(413);
    expect((await api('nosuch', [])).status).toBe(404);
    expect((await send(server.port, 'GET', '/api/call/status', auth)).status).toBe(405);
  });

  it('refuses the desktop-only channels: the page cannot name paths on this machine', async () => {
    const r = await api('openPath', ['/etc/passwd']);
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).error).toMatch(/not available/);
    expect((await api('openDialog', [])).status).toBe(400);
  });

  it('takes a capture as an upload, streams progress as NDJSON, then answers queries', async () => {
    const events: ProgressEvent[] = [];
    const controller = new AbortController();
    const stream = fetch(`http://127.0.0.1:${server.port}/api/events`, { headers: auth, signal: controller.signal }).then(async (res) => {
      expect(res.headers.get('content-type')).toMatch(/x-ndjson/);
      const reader = res.body!.getReader();
      let text = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        text += new TextDecoder().decode(value);
        const lines = text.split('\n');
        text = lines.pop()!;
        for (const l of lines) if (l.trim()) events.push(JSON.parse(l) as ProgressEvent);
      }
    }).catch(() => undefined);
    const upload = await send(server.port, 'POST', '/api/upload?name=trapezoid.pcap', { ...auth, 'Content-Type': 'application/octet-stream' }, readCapture(TRAPEZOID_PATH));
    expect(upload.status).toBe(200);
    expect(JSON.parse(upload.body).result).toMatchObject({ name: 'trapezoid.pcap' });
    for (let i = 0; i < 100 && !events.some((e) => e.phase === 'done'); i++) await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    await stream;
    expect(events.at(-1)).toMatchObject({ phase: 'done', messages: 14, name: 'trapezoid.pcap' });
    const page = JSON.parse((await api('listCalls', [{ offset: 0, limit: 10, sort: 'start', descending: false, filter: '', hide: '' }])).body);
    expect(page.result.rows[0]).toMatchObject({ callId: 'a84b4c76e66710', outcome: 'answered' });
    const detail = JSON.parse((await api('getMessage', [{ index: 2 }])).body);
    expect(detail.result.hop.pushedVia).toMatch(/bigbox3/);
  });

  it('refuses uploads that are not octet streams or have bad names', async () => {
    expect((await send(server.port, 'POST', '/api/upload?name=x', { ...auth, 'Content-Type': 'multipart/form-data' }, 'x')).status).toBe(415);
    expect((await send(server.port, 'POST', `/api/upload?name=${'n'.repeat(300)}`, { ...auth, 'Content-Type': 'application/octet-stream' }, 'x')).status).toBe(400);
  });
});
