import { readFileSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { captureMain } from '../../cli/commands/capture.ts';
import { CaptureError } from '../../cli/live/captureError.ts';
import { waitFor } from '../../cli/live/testSipp.ts';
import { CaptureReader } from '../../core/src/capture/captureReader.ts';
import { analyzeCaptureBytes } from '../../core/src/pipeline/captureAnalysis.ts';
import { testCallCapture } from '../../core/src/pipeline/testLiveCalls.ts';
import type { LiveStatus } from '../engine/liveTypes.ts';
import { AnalysisBackend } from './analysisBackend.ts';
import { fileChunks } from './fileChunks.ts';
import { LiveCapture, type LiveCaptureConfig } from './liveCapture.ts';
import { fakeTcpdump, type FakeMode } from './liveTestTools.ts';
import { inlineLiveAnalysis } from './liveWorkerRouting.ts';

const CAPTURE = testCallCapture([
  { kind: 'answered', callId: 'fake-1', at: 0 },
  { kind: 'busy', callId: 'fake-2', at: 0.2 },
  { kind: 'register', callId: 'fake-3', at: 0.3 },
]);
const tools = fakeTcpdump(CAPTURE);
afterAll(() => tools.cleanup());

const running: { live?: LiveCapture; terminate?: () => Promise<void> }[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) {
    await r.live?.close();
    await r.terminate?.();
  }
});

function setup(mode: FakeMode, extra: Partial<LiveCaptureConfig> = {}): { backend: AnalysisBackend; config: LiveCaptureConfig; entry: (typeof running)[number] } {
  const worker = inlineLiveAnalysis(fileChunks, { tickMs: 20 });
  const backend = new AnalysisBackend(worker.port);
  const entry: (typeof running)[number] = { terminate: () => worker.terminate() };
  running.push(entry);
  return { backend, entry, config: { interfaces: ['lo'], filter: 'port 5060', tool: 'tcpdump', limits: {}, env: tools.env(mode), ...extra } };
}

/** What `sipladder capture` prints for the same tool and arguments (its stderr, without the command prefix). */
async function cliSays(mode: FakeMode, args: string[]): Promise<string> {
  let err = '';
  const sink = { write: (t: string | Uint8Array): boolean => ((err += String(t)), true) };
  await captureMain([...args, '--tool', 'tcpdump'], { out: { write: () => true }, err: sink, env: tools.env(mode), signal: AbortSignal.timeout(3000) });
  return err.replace(/^sipladder capture: /, '').trim();
}

describe('LiveCapture (serve --capture) through a stand-in tcpdump', () => {
  it('captures, forwards every packet to the worker, saves whole pcapng blocks, and stops on request', async () => {
    const { backend, config, entry } = setup('capture');
    const statuses: LiveStatus[] = [];
    const live = await LiveCapture.start(backend, config);
    entry.live = live;
    live.onStatus((s) => statuses.push(s));
    expect(live.status()).toMatchObject({ state: 'running', label: 'lo (tcpdump)', interfaces: ['lo'], tool: 'tcpdump', filter: 'port 5060', error: null });
    expect(await waitFor(() => live.status().sipMessages === 13 && live.status().rows === 3, 5000)).toBe(true);
    const page = await backend.query('listCalls', [{ offset: 0, limit: 10, sort: 'start', descending: false, filter: '', hide: '' }]);
    expect(page.rows.map((r) => r.callId)).toEqual(['fake-1', 'fake-2', 'fake-3']);
    expect((await backend.query('status', [])).name).toBe('live: lo (tcpdump)');
    // The saved capture: pcapng (one interface block for lo) holding the same frames.
    const saved = live.savedCapture()!;
    expect(saved.fileName).toMatch(/^sipladder-live-\d{8}-\d{6}\.pcapng$/);
    const bytes = new Uint8Array(readFileSync(saved.path).subarray(0, saved.bytes));
    const reader = new CaptureReader();
    const frames = [...reader.push(bytes).frames, ...reader.end().frames];
    expect([reader.format, reader.interfaces.map((i) => i.name), frames.length]).toEqual(['pcapng', ['lo'], 13]);
    // The calls of a row as pcapng, frames copied from the saved file.
    const exported = await backend.query('exportCalls', [{ kind: 'pcapng', rows: [page.rows[1]!.id], records: null, merge: 'node', fold: true, hops: false, time: 'abs' }]);
    expect(exported).toMatchObject({ ok: true, fileName: `sipladder-live-call-${page.rows[1]!.id}.pcapng`, message: '4 frames' });
    const stopped = await live.stop();
    expect(stopped.state).toBe('stopped');
    expect(await waitFor(() => live.status().completedCalls === 2 && live.status().activeCalls === 0, 5000)).toBe(true);
    expect(live.status()).toMatchObject({ drops: 0, dropsByInterface: [{ name: 'lo', dropped: 0, received: 15 }], error: null });
    expect(statuses.map((s) => s.state)).toContain('stopping');
    expect(statuses.at(-1)!.state).toBe('stopped');
    expect(analyzeCaptureBytes(bytes).analysis.calls.map((c) => c.outcome)).toEqual(['answered', 'busy']);
  });

  it('fails at start with the words `sipladder capture` uses: no such interface, no permission, a bad filter, no tool', async () => {
    for (const [mode, args] of [['nosuchif', ['-i', 'nosuch0']], ['permission', ['-i', 'lo']], ['badfilter', ['-i', 'lo', '-f', 'port or']]] as const) {
      const { backend, config } = setup(mode, { interfaces: [args[1]], filter: args[3] ?? 'port 5060' });
      const error = await LiveCapture.start(backend, config).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(CaptureError);
      expect((error as Error).message).toBe(await cliSays(mode, [...args]));
    }
    const { backend, config } = setup('capture', { env: { PATH: '/nonexistent' } });
    const missing = await LiveCapture.start(backend, config).then(() => undefined, (e: unknown) => e as Error);
    expect(missing?.message).toMatch(/^tcpdump was not found on PATH\. Install it: sudo apt install tcpdump/);
  });

  it('reports an interface that vanishes mid-capture in the status, keeping what was captured', async () => {
    const { backend, config, entry } = setup('vanish');
    const live = await LiveCapture.start(backend, config);
    entry.live = live;
    expect(await waitFor(() => live.status().state === 'failed', 5000)).toBe(true);
    // The CLI prints its summary first, then the error.
    expect(live.status().error).toBe(await cliSays('vanish', ['-i', 'lo']).then((t) => t.split('\n').at(-1)!.replace(/^sipladder capture: /, '')));
    expect(live.status().error).toMatch(/^the interface went away during the capture \(.*\): the capture stopped\.$/);
    expect(await waitFor(() => live.status().sipMessages === 13, 5000)).toBe(true);
  });

  it('captures again from the page, and says why in the status when the tool refuses', async () => {
    const { backend, config, entry } = setup('capture');
    const live = await LiveCapture.start(backend, config);
    entry.live = live;
    const first = live.status().session;
    const again = await live.start({ interfaces: ['lo'], filter: '' });
    expect(again).toMatchObject({ state: 'running', filter: '' });
    expect(again.session).toBeGreaterThan(first);
    // A refusal leaves the previous capture's calls (and its saved file) in place.
    config.env!.FAKE_MODE = 'badfilter';
    const refused = await live.start({ interfaces: ['lo'], filter: 'port or' });
    expect(refused.state).toBe('failed');
    expect(refused.error).toMatch(/^the capture filter is not valid — tcpdump says: can't parse filter expression: syntax error\./);
    expect(live.savedCapture()).toBeDefined();
  });
});
