import { describe, expect, it } from 'vitest';
import { chunked, readCapture, TRAPEZOID_PATH } from '../engine/testCaptures.ts';
import type { ProgressEvent } from '../shared/apiTypes.ts';
import { AnalysisBackend } from './analysisBackend.ts';
import { fileChunks } from './fileChunks.ts';
import { dispatch } from './dispatch.ts';
import { UserError } from './userError.ts';
import { inlineAnalysis } from './workerPorts.ts';
import type { FromWorker, PortLike, ToWorker } from './workerProtocol.ts';

function untilPhase(backend: AnalysisBackend, phases: string[]): Promise<ProgressEvent> {
  return new Promise((resolve) => {
    const off = backend.onProgress((e) => {
      if (phases.includes(e.phase)) {
        off();
        resolve(e);
      }
    });
  });
}

describe('AnalysisBackend over the worker protocol', () => {
  it('opens a file by path, reports progress and answers queries', async () => {
    const backend = new AnalysisBackend(inlineAnalysis(fileChunks).port);
    const done = untilPhase(backend, ['done']);
    const opened = await backend.openPath(TRAPEZOID_PATH, 'trapezoid.pcap');
    expect(opened).toMatchObject({ session: 1, name: 'trapezoid.pcap', sizeBytes: readCapture(TRAPEZOID_PATH).length });
    expect((await done).messages).toBe(14);
    const ladder = await backend.query('getLadder', [{ rows: [0], merge: 'node', fold: true, hops: false }]);
    expect(ladder.ladder.rows).toHaveLength(14);
    expect(await backend.query('findRow', [13])).toBe(0);
  });

  it('refuses a missing file or a directory with a readable UserError', async () => {
    const backend = new AnalysisBackend(inlineAnalysis(fileChunks).port);
    await expect(backend.openPath('/no/such/capture.pcap')).rejects.toThrow(/no such file/);
    await expect(backend.openPath('/tmp')).rejects.toBeInstanceOf(UserError);
  });

  it('answers "no capture is open" before anything is opened', async () => {
    const backend = new AnalysisBackend(inlineAnalysis(fileChunks).port);
    await expect(backend.query('getStatistics', [])).rejects.toThrow(/no capture is open/);
    expect((await backend.query('status', [])).phase).toBe('idle');
  });

  it('forwards a stream in chunks of any size and ends the session when it ends', async () => {
    const backend = new AnalysisBackend(inlineAnalysis(fileChunks).port);
    const done = untilPhase(backend, ['done']);
    const { result, done: consumed } = backend.openStream('upload.pcap', null, chunked(readCapture(TRAPEZOID_PATH), 333));
    expect(result.name).toBe('upload.pcap');
    await consumed;
    expect((await done).messages).toBe(14);
  });

  it('keeps an uploaded capture to export its frames unchanged as pcap', async () => {
    const backend = new AnalysisBackend(inlineAnalysis(fileChunks).port);
    const done = untilPhase(backend, ['done']);
    const bytes = readCapture(TRAPEZOID_PATH);
    await backend.openStream('upload.pcap', null, chunked(bytes, 5000)).done;
    await done;
    const exported = await backend.query('exportCalls', [{ kind: 'pcap', rows: [0], records: null, merge: 'node', fold: true, hops: false, time: 'rel' }]);
    expect(exported).toMatchObject({ ok: true, message: '14 frames', fileName: 'sipladder-call-1.pcap' });
    // Same frames: the records after the 24-byte file header are those of the original (same link type and snap length).
    const copy = Uint8Array.from(atob(exported.base64!), (c) => c.charCodeAt(0));
    expect([...copy.subarray(24)]).toEqual([...bytes.subarray(24)]);
  });

  it('stops forwarding and analyses what it has when cancelled', async () => {
    const backend = new AnalysisBackend(inlineAnalysis(fileChunks).port);
    const bytes = readCapture(TRAPEZOID_PATH);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    async function* slow(): AsyncGenerator<Uint8Array> {
      yield bytes.subarray(0, 3000);
      await gate;
      yield bytes.subarray(3000);
    }
    const ended = untilPhase(backend, ['cancelled', 'done']);
    const { done } = backend.openStream('slow.pcap', bytes.length, slow());
    await new Promise((r) => setTimeout(r, 20));
    await backend.cancel();
    release();
    await done;
    const last = await ended;
    expect(last.phase).toBe('cancelled');
    expect(last.partial).toBe(true);
  });

  it('fails pending requests when the worker dies', async () => {
    const silent: PortLike<FromWorker, ToWorker> = { postMessage: () => undefined, onMessage: () => undefined };
    const backend = new AnalysisBackend(silent);
    const events: ProgressEvent[] = [];
    backend.onProgress((e) => events.push(e));
    const pending = backend.query('status', []);
    backend.fail('analysis worker exited (1)');
    await expect(pending).rejects.toThrow(/exited/);
    expect(events.map((e) => [e.phase, e.error])).toEqual([['failed', 'analysis worker exited (1)']]);
  });
});

describe('dispatch', () => {
  const backend = new AnalysisBackend(inlineAnalysis(fileChunks).port);
  const ctx = { backend, native: {}, capabilities: { mode: 'web' as const, nativeDialogs: false, version: 't' } };

  it('validates before doing anything and answers capabilities itself', async () => {
    expect(await dispatch(ctx, 'capabilities', [])).toEqual(ctx.capabilities);
    await expect(dispatch(ctx, 'getMessage', [{ index: 'x' }])).rejects.toThrow(/getMessage\[0\]\.index/);
    await expect(dispatch(ctx, 'capabilities', [1])).rejects.toThrow(/0 argument/);
  });

  it('hands native channels to the shell, or refuses them when it has none', async () => {
    await expect(dispatch(ctx, 'openRecent', [0])).rejects.toThrow(/not available here/);
    const withNative = { ...ctx, native: { listRecent: async () => [{ id: 0, name: 'a.pcap' }] } };
    expect(await dispatch(withNative, 'listRecent', [])).toEqual([{ id: 0, name: 'a.pcap' }]);
  });
});
