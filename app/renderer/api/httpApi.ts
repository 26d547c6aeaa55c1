/**
 * The API over the local server (`sipladder serve`): the token from the URL fragment (never sent in a
 * Referer or a server log) goes in a custom header on every request, which also makes every request
 * same-origin only (a cross-origin page would need a CORS preflight the server never grants).
 */
import type {
  CallListQuery, Capabilities, ChannelResult, ExportRequest, LadderQuery, MessageQuery, OpenResult, ProgressEvent, Channel, ChannelArgs,
  SaveRequest, SaveResult, LiveStartRequest, LiveStatus,
} from '../../shared/ipcContract.ts';
import { NdjsonSplitter } from './ndjson.ts';
import type { RendererApi } from './rendererApi.ts';

const TOKEN_HEADER = 'X-Sipladder-Token';
const STORAGE_KEY = 'sipladder-token';

export class HttpApi implements RendererApi {
  private readonly listeners = new Set<(event: ProgressEvent) => void>();
  private readonly liveListeners = new Set<(status: LiveStatus) => void>();
  private streaming = false;

  constructor(private readonly token: string) {}

  static fromLocation(location: Location, storage: Storage, history: History): HttpApi {
    const fromHash = /(?:^#|&)token=([A-Za-z0-9_-]{16,128})/.exec(location.hash)?.[1];
    if (fromHash !== undefined) {
      storage.setItem(STORAGE_KEY, fromHash);
      // Keep the token out of the address bar (screenshots, shoulder surfing); reloads use session storage.
      history.replaceState(null, '', location.pathname + location.search);
    }
    return new HttpApi(fromHash ?? storage.getItem(STORAGE_KEY) ?? '');
  }

  capabilities(): Promise<Capabilities> { return this.call('capabilities', []); }
  status(): Promise<ProgressEvent> { return this.call('status', []); }
  openDialog(): Promise<OpenResult | null> { return this.call('openDialog', []); }
  listRecent(): Promise<ChannelResult<'listRecent'>> { return this.call('listRecent', []); }
  openRecent(id: number): Promise<OpenResult> { return this.call('openRecent', [id]); }
  openPath(path: string): Promise<OpenResult> { return this.call('openPath', [path]); }
  cancel(): Promise<ProgressEvent> { return this.call('cancel', []); }
  listCalls(query: CallListQuery): Promise<ChannelResult<'listCalls'>> { return this.call('listCalls', [query]); }
  getLadder(query: LadderQuery): Promise<ChannelResult<'getLadder'>> { return this.call('getLadder', [query]); }
  getMessage(query: MessageQuery): Promise<ChannelResult<'getMessage'>> { return this.call('getMessage', [query]); }
  findRow(index: number): Promise<number> { return this.call('findRow', [index]); }
  getStatistics(): Promise<ChannelResult<'getStatistics'>> { return this.call('getStatistics', []); }
  exportCalls(request: ExportRequest): Promise<ChannelResult<'exportCalls'>> { return this.call('exportCalls', [request]); }
  /** The server has no save dialog (it refuses): the page downloads instead (views/saveExport.ts). */
  saveFile(request: SaveRequest): Promise<SaveResult> { return this.call('saveFile', [request]); }
  listLessons(...args: ChannelArgs<'listLessons'>): Promise<ChannelResult<'listLessons'>> { return this.call('listLessons', args); }
  openLesson(...args: ChannelArgs<'openLesson'>): Promise<ChannelResult<'openLesson'>> { return this.call('openLesson', args); }
  getSteps(...args: ChannelArgs<'getSteps'>): Promise<ChannelResult<'getSteps'>> { return this.call('getSteps', args); }
  getGlossary(...args: ChannelArgs<'getGlossary'>): Promise<ChannelResult<'getGlossary'>> { return this.call('getGlossary', args); }
  liveStatus(): Promise<LiveStatus | null> { return this.call('liveStatus', []); }
  liveStop(): Promise<LiveStatus> { return this.call('liveStop', []); }
  liveStart(request: LiveStartRequest): Promise<LiveStatus> { return this.call('liveStart', [request]); }

  /** Live capture status as the server pushes it (about 4 times a second while capturing). */
  onLiveStatus(listener: (status: LiveStatus) => void): () => void {
    this.liveListeners.add(listener);
    if (!this.streaming) {
      this.streaming = true;
      void this.streamEvents();
    }
    return () => this.liveListeners.delete(listener);
  }

  /** The live capture saved so far (pcapng, whole blocks), as the server names it. */
  async liveCaptureFile(): Promise<{ name: string; bytes: Uint8Array }> {
    const response = await fetch('/api/live/capture', { credentials: 'omit', cache: 'no-store', headers: { [TOKEN_HEADER]: this.token } });
    if (!response.ok) return this.result<never>(response);
    const name = /filename="([\w.-]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'sipladder-live.pcapng';
    return { name, bytes: new Uint8Array(await response.arrayBuffer()) };
  }
  buildLessonBundle(...args: ChannelArgs<'buildLessonBundle'>): Promise<ChannelResult<'buildLessonBundle'>> { return this.call('buildLessonBundle', args); }

  openBytes(name: string, data: Uint8Array): Promise<OpenResult> {
    return this.upload(name, new Blob([data as Uint8Array<ArrayBuffer>]));
  }

  openFile(file: File): Promise<OpenResult> {
    return this.upload(file.name || 'capture', file);
  }

  onProgress(listener: (event: ProgressEvent) => void): () => void {
    this.listeners.add(listener);
    if (!this.streaming) {
      this.streaming = true;
      void this.streamEvents();
    }
    return () => this.listeners.delete(listener);
  }

  private async call<C extends Channel>(channel: C, args: ChannelArgs<C>): Promise<ChannelResult<C>> {
    const response = await fetch(`/api/call/${channel}`, {
      method: 'POST', credentials: 'omit', cache: 'no-store',
      headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: this.token },
      body: JSON.stringify({ args }),
    });
    return this.result<ChannelResult<C>>(response);
  }

  private async upload(name: string, body: Blob): Promise<OpenResult> {
    const response = await fetch(`/api/upload?name=${encodeURIComponent(name.slice(0, 255))}`, {
      method: 'POST', credentials: 'omit', cache: 'no-store',
      headers: { 'Content-Type': 'application/octet-stream', [TOKEN_HEADER]: this.token },
      body,
    });
    return this.result<OpenResult>(response);
  }

  private async result<T>(response: Response): Promise<T> {
    let payload: { ok?: boolean; result?: T; error?: string };
    try {
      payload = await response.json() as typeof payload;
    } catch {
      throw new Error(`the server answered ${response.status} without JSON`);
    }
    if (!response.ok || payload.ok !== true) {
      if (response.status === 401) throw new Error('this page has no valid access token: open the URL that `sipladder serve` printed');
      throw new Error(payload.error ?? `request failed (${response.status})`);
    }
    return payload.result as T;
  }

  /** The events stream carries progress events and, with `serve --capture`, `{ type: 'liveStatus', status }` lines. */
  private deliver(event: unknown): void {
    const live = event as { type?: unknown; status?: LiveStatus };
    if (live.type === 'liveStatus' && live.status !== undefined) {
      for (const l of this.liveListeners) l(live.status);
      return;
    }
    for (const l of this.listeners) l(event as ProgressEvent);
  }

  private async streamEvents(): Promise<void> {
    for (;;) {
      try {
        const response = await fetch('/api/events', { credentials: 'omit', cache: 'no-store', headers: { [TOKEN_HEADER]: this.token } });
        if (response.status === 401 || response.body === null) return;
        const reader = response.body.getReader();
        const splitter = new NdjsonSplitter();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          for (const event of splitter.push(value)) this.deliver(event);
        }
      } catch {
        // Server restarting or gone: try again shortly.
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}
