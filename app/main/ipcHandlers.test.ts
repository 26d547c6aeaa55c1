import { describe, expect, it } from 'vitest';
import { AnalysisBackend } from '../backend/analysisBackend.ts';
import { fileChunks } from '../backend/fileChunks.ts';
import { inlineAnalysis } from '../backend/workerPorts.ts';
import { TRAPEZOID_PATH } from '../engine/testCaptures.ts';
import { CHANNELS, ipcChannelName } from '../shared/ipcContract.ts';
import { desktopHandlers, type DialogLike } from './desktopNative.ts';
import { registerIpcHandlers, type IpcMainLike } from './ipcHandlers.ts';
import { RecentFiles } from './recentFiles.ts';

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;

function setup(dialogPath?: string): { call(channel: string, frameUrl: string, ...args: unknown[]): Promise<unknown>; recent: RecentFiles; channels: string[] } {
  const handlers = new Map<string, Handler>();
  const ipcMain = { handle: (channel: string, h: Handler) => void handlers.set(channel, h) } as unknown as IpcMainLike;
  const backend = new AnalysisBackend(inlineAnalysis(fileChunks).port);
  const recent = new RecentFiles({ read: () => undefined, write: () => undefined });
  const dialog: DialogLike = {
    showOpenDialog: (async () => ({ canceled: dialogPath === undefined, filePaths: dialogPath ? [dialogPath] : [] })) as unknown as DialogLike['showOpenDialog'],
  };
  registerIpcHandlers(ipcMain, { backend, native: desktopHandlers(backend, dialog, recent), capabilities: { mode: 'electron', nativeDialogs: true, version: 't' } });
  return {
    recent, channels: [...handlers.keys()],
    call: (channel, frameUrl, ...args) => handlers.get(ipcChannelName(channel as 'status'))!({ senderFrame: { url: frameUrl } }, ...args),
  };
}

describe('Electron IPC handlers (fake ipcMain)', () => {
  it('registers one handler per channel', () => {
    expect(setup().channels.sort()).toEqual(CHANNELS.map(ipcChannelName).sort());
  });

  it('refuses calls from any page but the app’s own', async () => {
    const s = setup();
    await expect(s.call('status', 'https://evil.example/')).rejects.toThrow(/refused/);
    await expect(s.call('status', 'file:///tmp/x.html')).rejects.toThrow(/refused/);
    expect(await s.call('status', 'sipladder://app/index.html')).toMatchObject({ phase: 'idle' });
  });

  it('validates arguments and returns plain error messages', async () => {
    const s = setup();
    await expect(s.call('getLadder', 'sipladder://app/index.html', { rows: 'all' })).rejects.toThrow(/getLadder\[0\]\.rows/);
    await expect(s.call('openPath', 'sipladder://app/index.html', '/no/such.pcap')).rejects.toThrow(/no such file/);
  });

  it('opens from the dialog, remembers it, and reopens it from the recent list', async () => {
    const s = setup(TRAPEZOID_PATH);
    expect(await s.call('openDialog', 'sipladder://app/index.html')).toMatchObject({ session: 1 });
    expect(await s.call('listRecent', 'sipladder://app/index.html')).toEqual([{ id: 0, name: 'trapezoid.pcap' }]);
    expect(await s.call('openRecent', 'sipladder://app/index.html', 0)).toMatchObject({ session: 2 });
    await expect(s.call('openRecent', 'sipladder://app/index.html', 5)).rejects.toThrow(/no longer/);
  });

  it('returns null when the dialog is cancelled', async () => {
    expect(await setup().call('openDialog', 'sipladder://app/index.html')).toBeNull();
  });
});
