/**
 * The preload bridge's logic: one function per API channel that validates its arguments and calls
 * ipcRenderer.invoke, progress events checked before they reach the page, and opening a File by the
 * path Electron knows for it. Paths are never taken from the page itself: `openPath` is refused here,
 * so a compromised page cannot name files to read.
 */
import {
  CHANNELS, type Channel, type ChannelArgs, type ChannelResult, ipcChannelName, type OpenResult, PROGRESS_IPC_CHANNEL, progressEvent,
  type ProgressEvent, validateArgs,
} from '../shared/ipcContract.ts';
import type { RendererApi } from '../renderer/api/rendererApi.ts';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export interface WebUtilsLike {
  getPathForFile(file: File): string;
}

/** Channels the page may not call directly. */
const PAGE_REFUSED: ReadonlySet<Channel> = new Set(['openPath']);

export function buildPreloadApi(ipc: IpcRendererLike, webUtils: WebUtilsLike): RendererApi {
  const call = <C extends Channel>(channel: C, args: unknown[]): Promise<ChannelResult<C>> => {
    try {
      const checked = validateArgs(channel, args) as unknown[];
      return ipc.invoke(ipcChannelName(channel), ...checked) as Promise<ChannelResult<C>>;
    } catch (error) {
      return Promise.reject(error);
    }
  };
  const api: Record<string, unknown> = {};
  for (const channel of CHANNELS) {
    api[channel] = PAGE_REFUSED.has(channel)
      ? () => Promise.reject(new Error(`${channel} is not available to the page`))
      : (...args: ChannelArgs<typeof channel>) => call(channel, args);
  }
  api.onProgress = (listener: (event: ProgressEvent) => void): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError('onProgress needs a function');
    const handler = (_event: unknown, payload: unknown): void => {
      let event: ProgressEvent;
      try {
        event = progressEvent(payload, 'progress');
      } catch {
        return;
      }
      listener(event);
    };
    ipc.on(PROGRESS_IPC_CHANNEL, handler);
    return () => void ipc.removeListener(PROGRESS_IPC_CHANNEL, handler);
  };
  api.openFile = async (file: File): Promise<OpenResult> => {
    const path = webUtils.getPathForFile(file);
    if (typeof path === 'string' && path.length > 0) {
      const checked = validateArgs('openPath', [path]);
      return ipc.invoke(ipcChannelName('openPath'), ...checked) as Promise<OpenResult>;
    }
    return call('openBytes', [file.name.slice(0, 255) || 'capture', new Uint8Array(await file.arrayBuffer())]);
  };
  return api as unknown as RendererApi;
}
