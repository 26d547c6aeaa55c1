import { describe, expect, it } from 'vitest';
import { CHANNELS, PROGRESS_IPC_CHANNEL } from '../shared/ipcContract.ts';
import { buildPreloadApi, type IpcRendererLike } from './preloadApi.ts';

function fakeIpc(): { ipc: IpcRendererLike; invoked: unknown[][]; emit(payload: unknown): void; listeners(): number } {
  const invoked: unknown[][] = [];
  const listeners = new Set<(e: unknown, ...a: unknown[]) => void>();
  return {
    invoked,
    ipc: {
      invoke: async (channel, ...args) => {
        invoked.push([channel, ...args]);
        return { ok: channel };
      },
      on: (_c, l) => listeners.add(l),
      removeListener: (_c, l) => listeners.delete(l),
    },
    emit: (payload) => listeners.forEach((l) => l({}, payload)),
    listeners: () => listeners.size,
  };
}

const progress = { session: 1, phase: 'done', name: 'a', bytesRead: 1, totalBytes: 1, messages: 1, rows: 1, generation: 1, partial: false, error: null, elapsedMs: 1 };

describe('the preload bridge (fake ipcRenderer)', () => {
  it('exposes one function per channel plus onProgress and openFile', () => {
    const api = buildPreloadApi(fakeIpc().ipc, { getPathForFile: () => '' }) as unknown as Record<string, unknown>;
    for (const c of CHANNELS) expect(typeof api[c]).toBe('function');
    expect(typeof api.onProgress).toBe('function');
    expect(typeof api.openFile).toBe('function');
  });

  it('validates arguments before anything reaches the main process', async () => {
    const f = fakeIpc();
    const api = buildPreloadApi(f.ipc, { getPathForFile: () => '' });
    await expect(api.getMessage({ index: -5 })).rejects.toThrow(/index/);
    await expect(api.listCalls({ offset: 0, limit: 10, sort: 'start', descending: false, filter: '', hide: '', evil: true } as never)).rejects.toThrow(/unexpected key/);
    expect(f.invoked).toEqual([]);
    await api.getMessage({ index: 3 });
    expect(f.invoked).toEqual([['sipladder:getMessage', { index: 3 }]]);
  });

  it('never lets the page name a path itself', async () => {
    const f = fakeIpc();
    const api = buildPreloadApi(f.ipc, { getPathForFile: () => '' });
    await expect(api.openPath('/etc/shadow')).rejects.toThrow(/not available/);
    expect(f.invoked).toEqual([]);
  });

  it('opens a dropped file by the path Electron knows for it, else by its bytes', async () => {
    const f = fakeIpc();
    const withPath = buildPreloadApi(f.ipc, { getPathForFile: () => '/captures/a.pcap' });
    await withPath.openFile(new File([new Uint8Array([1])], 'a.pcap'));
    expect(f.invoked.at(-1)).toEqual(['sipladder:openPath', '/captures/a.pcap']);
    const noPath = buildPreloadApi(f.ipc, { getPathForFile: () => '' });
    await noPath.openFile(new File([new Uint8Array([1, 2])], 'b.pcap'));
    expect(f.invoked.at(-1)![0]).toBe('sipladder:openBytes');
    expect(f.invoked.at(-1)![1]).toBe('b.pcap');
    expect([...(f.invoked.at(-1)![2] as Uint8Array)]).toEqual([1, 2]);
  });

  it('passes on well-formed progress events only, and unsubscribes', () => {
    const f = fakeIpc();
    const api = buildPreloadApi(f.ipc, { getPathForFile: () => '' });
    const seen: unknown[] = [];
    const off = api.onProgress((e) => seen.push(e));
    f.emit(progress);
    f.emit({ ...progress, phase: '<img src=x onerror=alert(1)>' });
    f.emit('garbage');
    expect(seen).toEqual([progress]);
    off();
    expect(f.listeners()).toBe(0);
    expect(PROGRESS_IPC_CHANNEL).toBe('sipladder:progress');
  });
});
