import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalysisBackend } from '../backend/analysisBackend.ts';
import { fileChunks } from '../backend/fileChunks.ts';
import type { LiveControl } from '../backend/liveCapture.ts';
import { inlineLiveAnalysis } from '../backend/liveWorkerRouting.ts';
import type { LiveStatus } from '../engine/liveTypes.ts';
import { type RunningServer, startLocalServer } from './localServer.ts';

const STATUS: LiveStatus = {
  session: 1, packets: 3, bytes: 300, sipMessages: 3, messagesPerSecond: 0, rows: 1, activeCalls: 1, completedCalls: 0, keptCalls: 0,
  evictedCalls: 0, evictedUsages: 0, forcedClosures: 0, estimatedBytes: 0, limitBytes: 1, limitCalls: null, version: 1, changed: [1],
  changedOverflow: false, state: 'running', label: 'lo (dumpcap)', interfaces: ['lo'], tool: 'dumpcap', filter: '', startedAtMs: 1,
  elapsedMs: 10, drops: null, dropsByInterface: [], savedBytes: 8, error: null,
};

/** A live capture stand-in: a saved file of 12 bytes of which 8 are whole blocks, and a status it can push. */
function fakeLive(dir: string): LiveControl & { push(s: LiveStatus): void; calls: string[] } {
  const path = join(dir, 'capture.pcapng');
  writeFileSync(path, Buffer.from('0123456789AB'));
  const listeners = new Set<(s: LiveStatus) => void>();
  const calls: string[] = [];
  return {
    calls,
    status: () => STATUS,
    start: async (r) => (calls.push(`start ${r.interfaces.join(',')} ${r.filter}`), STATUS),
    stop: async () => (calls.push('stop'), { ...STATUS, state: 'stopped' }),
    onStatus: (l) => (listeners.add(l), () => listeners.delete(l)),
    savedCapture: () => ({ path, bytes: 8, fileName: 'sipladder-live-20240301-100000.pcapng' }),
    close: async () => undefined,
    push: (s) => listeners.forEach((l) => l(s)),
  };
}

function get(port: number, path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the live capture over HTTP', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sipladder-live-routes-'));
  const live = fakeLive(dir);
  let withLive: RunningServer;
  let without: RunningServer;
  const call = (server: RunningServer, channel: string, args: unknown[]): Promise<Response> => fetch(`${server.origin}/api/call/${channel}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Sipladder-Token': server.token }, body: JSON.stringify({ args }),
  });

  beforeAll(async () => {
    const backend = (): AnalysisBackend => new AnalysisBackend(inlineLiveAnalysis(fileChunks).port);
    withLive = await startLocalServer({ backend: backend(), staticFiles: new Map(), port: 0, version: 'test', live, log: () => undefined });
    without = await startLocalServer({ backend: backend(), staticFiles: new Map(), port: 0, version: 'test', log: () => undefined });
  });

  afterAll(async () => {
    await withLive.close();
    await without.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('downloads the saved capture up to its last whole block, only with the token', async () => {
    const refused = await get(withLive.port, '/api/live/capture', {});
    expect(refused.status).toBe(401);
    const ok = await get(withLive.port, '/api/live/capture', { 'X-Sipladder-Token': withLive.token });
    expect(ok.status).toBe(200);
    expect(ok.body.toString()).toBe('01234567');
    expect(ok.headers['content-disposition']).toBe('attachment; filename="sipladder-live-20240301-100000.pcapng"');
    const none = await get(without.port, '/api/live/capture', { 'X-Sipladder-Token': without.token });
    expect([none.status, JSON.parse(none.body.toString()).error]).toEqual([404, 'no live capture: start the app with `sipladder serve --capture IFACE`']);
  });

  it('answers the live channels, and refuses them without a live capture', async () => {
    expect(await (await call(withLive, 'liveStatus', [])).json()).toEqual({ ok: true, result: STATUS });
    expect((await (await call(withLive, 'liveStop', [])).json() as { result: LiveStatus }).result.state).toBe('stopped');
    expect((await call(withLive, 'liveStart', [{ interfaces: ['eth0', 'lo'], filter: 'port 5060' }])).status).toBe(200);
    expect(live.calls).toEqual(['stop', 'start eth0,lo port 5060']);
    // An interface name that would read as an option, and an unknown key, are refused before anything runs.
    const option = await call(withLive, 'liveStart', [{ interfaces: ['-w'], filter: '' }]);
    expect([option.status, (await option.json() as { error: string }).error]).toEqual([400, 'liveStart[0].interfaces[0]: not an interface name']);
    expect((await call(withLive, 'liveStart', [{ interfaces: ['lo'], filter: '', tool: 'x' }])).status).toBe(400);
    expect(live.calls).toHaveLength(2);
    expect(await (await call(without, 'liveStatus', [])).json()).toEqual({ ok: true, result: null });
    const stop = await call(without, 'liveStop', []);
    expect([stop.status, (await stop.json() as { error: string }).error]).toEqual([400, 'live capture runs in `sipladder serve --capture IFACE` (this app was not started with --capture)']);
  });

  it('pushes the status on the events stream beside progress', async () => {
    const controller = new AbortController();
    const response = await fetch(`${withLive.origin}/api/events`, { headers: { 'X-Sipladder-Token': withLive.token }, signal: controller.signal });
    const reader = response.body!.getReader();
    let text = '';
    const lines = async (n: number): Promise<string[]> => {
      while (text.split('\n').filter(Boolean).length < n) text += new TextDecoder().decode((await reader.read()).value);
      return text.split('\n').filter(Boolean);
    };
    expect(JSON.parse((await lines(1))[0]!)).toEqual({ type: 'liveStatus', status: STATUS });
    live.push({ ...STATUS, packets: 99 });
    expect(JSON.parse((await lines(2))[1]!)).toMatchObject({ type: 'liveStatus', status: { packets: 99 } });
    controller.abort();
  });
});
