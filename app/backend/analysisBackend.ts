/**
 * The UI-process side of the analysis worker, shared by the local server and Electron main: opens
 * captures (a path the worker reads itself, or a byte stream forwarded in 1 MiB chunks with at most a
 * few in flight), forwards queries, and fans progress events out to listeners.
 */
import type { ChannelArgs, ChannelResult, OpenResult, ProgressEvent } from '../shared/ipcContract.ts';
import type { LiveOpenOptions, LiveWorkerStats } from '../engine/liveTypes.ts';
import { captureFileSize } from './fileChunks.ts';
import { UserError } from './userError.ts';
import type { FromWorker, PortLike, ToWorker, WorkerChannel } from './workerProtocol.ts';

const FORWARD_CHUNK_BYTES = 1 << 20;
const MAX_IN_FLIGHT = 4;
/** Live chunks are small (a few packets): more of them may wait for the worker before the capture is paused. */
const MAX_LIVE_IN_FLIGHT = 64;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export class AnalysisBackend {
  private nextId = 1;
  private session = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(event: ProgressEvent) => void>();
  private readonly liveListeners = new Set<(stats: LiveWorkerStats) => void>();
  private readonly acks = new Map<number, () => void>();
  private nextSeq = 1;
  private lastProgress: ProgressEvent | undefined;
  private cancelledSession = 0;

  constructor(private readonly port: PortLike<FromWorker, ToWorker>) {
    port.onMessage((m) => this.receive(m));
  }

  onProgress(listener: (event: ProgressEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get progress(): ProgressEvent | undefined {
    return this.lastProgress;
  }

  /** Opens a capture file by path; the worker reads it. */
  async openPath(path: string, name = path): Promise<OpenResult> {
    const size = await captureFileSize(path);
    const session = ++this.session;
    this.port.postMessage({ type: 'open', session, name, totalBytes: size, path });
    return { session, name, sizeBytes: size };
  }

  /** Opens a capture arriving as a stream (upload, stdin); `done` settles when the stream is consumed. */
  openStream(name: string, totalBytes: number | null, chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): { result: OpenResult; done: Promise<void> } {
    const session = ++this.session;
    this.port.postMessage({ type: 'open', session, name, totalBytes, path: null });
    return { result: { session, name, sizeBytes: totalBytes }, done: this.forward(session, chunks) };
  }

  /** Opens a live capture: each chunk is forwarded as it arrives (not batched), at most a few dozen unacknowledged. */
  openLive(name: string, live: LiveOpenOptions, chunks: AsyncIterable<Uint8Array>): { result: OpenResult; done: Promise<void> } {
    const session = ++this.session;
    this.port.postMessage({ type: 'liveOpen', session, name, ...live });
    return { result: { session, name, sizeBytes: null }, done: this.forwardEach(session, chunks) };
  }

  /** The current session number (a live capture knows from it when the page opened something else). */
  get currentSession(): number {
    return this.session;
  }

  onLiveStats(listener: (stats: LiveWorkerStats) => void): () => void {
    this.liveListeners.add(listener);
    return () => this.liveListeners.delete(listener);
  }

  async cancel(): Promise<ProgressEvent> {
    this.cancelledSession = this.session;
    this.port.postMessage({ type: 'cancel', session: this.session });
    return this.query('status', []);
  }

  query<C extends WorkerChannel>(channel: C, args: ChannelArgs<C>): Promise<ChannelResult<C>> {
    const id = this.nextId++;
    return new Promise<ChannelResult<C>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.port.postMessage({ type: 'request', id, channel, args: args as unknown[] });
    });
  }

  /** The worker died: fail what waits on it and tell the page. */
  fail(reason: string): void {
    for (const p of this.pending.values()) p.reject(new Error(reason));
    this.pending.clear();
    for (const a of this.acks.values()) a();
    this.acks.clear();
    const last = this.lastProgress;
    const event: ProgressEvent = {
      session: this.session, phase: 'failed', name: last?.name ?? '', bytesRead: last?.bytesRead ?? 0, totalBytes: last?.totalBytes ?? null,
      messages: last?.messages ?? 0, rows: last?.rows ?? 0, generation: last?.generation ?? 0, partial: true, error: reason.slice(0, 2000),
      elapsedMs: last?.elapsedMs ?? 0,
    };
    this.lastProgress = event;
    for (const l of this.listeners) l(event);
  }

  private async forward(session: number, chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<void> {
    const inFlight: Promise<void>[] = [];
    let buffer = new Uint8Array(FORWARD_CHUNK_BYTES);
    let used = 0;
    const send = async (): Promise<void> => {
      if (used === 0) return;
      const data = buffer.subarray(0, used);
      buffer = new Uint8Array(FORWARD_CHUNK_BYTES);
      used = 0;
      const seq = this.nextSeq++;
      inFlight.push(new Promise<void>((resolve) => this.acks.set(seq, resolve)));
      this.port.postMessage({ type: 'chunk', session, seq, data }, [data.buffer as ArrayBuffer]);
      while (inFlight.length >= MAX_IN_FLIGHT) await inFlight.shift();
    };
    try {
      for await (const chunk of chunks) {
        if (session !== this.session || this.cancelledSession === session) break;
        let offset = 0;
        while (offset < chunk.length) {
          const n = Math.min(chunk.length - offset, FORWARD_CHUNK_BYTES - used);
          buffer.set(chunk.subarray(offset, offset + n), used);
          used += n;
          offset += n;
          if (used === FORWARD_CHUNK_BYTES) await send();
        }
      }
      await send();
      await Promise.all(inFlight);
    } finally {
      if (session === this.session) this.port.postMessage({ type: 'end', session });
    }
  }

  private async forwardEach(session: number, chunks: AsyncIterable<Uint8Array>): Promise<void> {
    const inFlight: Promise<void>[] = [];
    try {
      for await (const chunk of chunks) {
        if (session !== this.session) break;
        const data = chunk.slice();
        const seq = this.nextSeq++;
        inFlight.push(new Promise<void>((resolve) => this.acks.set(seq, resolve)));
        this.port.postMessage({ type: 'chunk', session, seq, data }, [data.buffer as ArrayBuffer]);
        while (inFlight.length >= MAX_LIVE_IN_FLIGHT) await inFlight.shift();
      }
      await Promise.all(inFlight);
    } finally {
      if (session === this.session) this.port.postMessage({ type: 'end', session });
    }
  }

  private receive(m: FromWorker): void {
    switch (m.type) {
      case 'liveStats':
        for (const l of this.liveListeners) l(m.stats);
        return;
      case 'progress':
        this.lastProgress = m.event;
        for (const l of this.listeners) l(m.event);
        return;
      case 'ack': {
        const resolve = this.acks.get(m.seq);
        this.acks.delete(m.seq);
        resolve?.();
        return;
      }
      case 'response': {
        const p = this.pending.get(m.id);
        if (p === undefined) return;
        this.pending.delete(m.id);
        if (m.ok) p.resolve(m.result);
        else p.reject(m.userError ? new UserError(m.error) : new Error(m.error));
      }
    }
  }
}
