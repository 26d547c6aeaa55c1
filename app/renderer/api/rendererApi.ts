/**
 * What the renderer talks to: the preload bridge in Electron (window.sipladder), or the local server
 * over fetch. Both offer the same functions (ipcContract) plus opening a dropped or picked File.
 */
import type { LiveStatus, OpenResult, SipladderApi } from '../../shared/ipcContract.ts';
import { HttpApi } from './httpApi.ts';

export interface RendererApi extends SipladderApi {
  openFile(file: File): Promise<OpenResult>;
  /** Live capture status pushed by `serve --capture` (the web page only; absent in Electron, which has no live capture). */
  onLiveStatus?(listener: (status: LiveStatus) => void): () => void;
  /** The live capture saved so far (pcapng), downloaded from the server. */
  liveCaptureFile?(): Promise<{ name: string; bytes: Uint8Array }>;
}

declare global {
  interface Window {
    sipladder?: RendererApi;
  }
}

export function connectApi(): RendererApi {
  if (window.sipladder !== undefined) return window.sipladder;
  return HttpApi.fromLocation(window.location, window.sessionStorage, window.history);
}
