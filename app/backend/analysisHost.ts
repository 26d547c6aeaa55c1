/**
 * The analysis worker's logic (the thread entry is analysisWorker.ts): one capture session at a time,
 * fed from a file it reads itself or from chunks posted to it, answering queries between chunks so the
 * call list fills while the capture is still being read. Progress is posted at most every 100 ms.
 */
import { CaptureSession } from '../engine/captureSession.ts';
import { exportCalls } from '../engine/exportCalls.ts';
import { buildStepsPage } from '../engine/lessonsSteps.ts';
import type { ProgressEvent } from '../shared/apiTypes.ts';
import { ChunkQueue } from './chunkQueue.ts';
import { memorySpool, type MakeSpool, type Spool } from './uploadSpool.ts';
import { UserError } from './userError.ts';
import type { FromWorker, ToWorker, WorkerChannel } from './workerProtocol.ts';

export type OpenFile = (path: string) => AsyncIterable<Uint8Array>;

const PROGRESS_INTERVAL_MS = 100;
/** Names the program in exported files. */
const GENERATOR = 'sipladder app';
/** Let queued requests run at least this often while a capture loads. */
const YIELD_INTERVAL_MS = 25;

function idleProgress(): ProgressEvent {
  return { session: 0, phase: 'idle', name: '', bytesRead: 0, totalBytes: null, messages: 0, rows: 0, generation: 0, partial: false, error: null, elapsedMs: 0 };
}

export class AnalysisHost {
  private current: CaptureSession | undefined;
  private currentId = 0;
  private queue: ChunkQueue | undefined;
  private cancelRequested = false;
  private lastProgress = 0;
  /** How to read the current capture again (pcap exports): its path, or the spool of an upload. */
  private path: string | null = null;
  private spool: Spool | undefined;

  constructor(
    private readonly post: (message: FromWorker) => void,
    private readonly openFile: OpenFile,
    private readonly yieldNow: () => Promise<void> = () => new Promise((resolve) => setTimeout(resolve, 0)),
    private readonly makeSpool: MakeSpool = memorySpool,
  ) {}

  handle(message: ToWorker): void {
    switch (message.type) {
      case 'open': return this.open(message.session, message.name, message.totalBytes, message.path);
      case 'chunk':
        if (message.session === this.currentId) {
          this.spool?.append(message.data);
          this.queue?.push(message.data);
        }
        this.post({ type: 'ack', session: message.session, seq: message.seq });
        return;
      case 'end':
        if (message.session === this.currentId) this.queue?.end();
        return;
      case 'cancel':
        if (message.session === this.currentId) {
          this.cancelRequested = true;
          this.queue?.end();
        }
        return;
      case 'request': return void this.answer(message.id, message.channel, message.args);
      case 'dispose': return this.dispose();
    }
  }

  /** Drops what the current capture keeps outside memory (an upload's temporary file). */
  dispose(): void {
    this.spool?.dispose();
    this.spool = undefined;
  }

  private open(session: number, name: string, totalBytes: number | null, path: string | null): void {
    this.queue?.end();
    this.dispose();
    const s = new CaptureSession({ session, name, totalBytes });
    this.current = s;
    this.currentId = session;
    this.cancelRequested = false;
    this.path = path;
    if (path === null) this.spool = this.makeSpool();
    let source: AsyncIterable<Uint8Array>;
    if (path !== null) {
      this.queue = undefined;
      source = this.openFile(path);
    } else {
      this.queue = new ChunkQueue();
      source = this.queue;
    }
    this.postProgress(true);
    void this.pump(s, session, source);
  }

  private async pump(s: CaptureSession, session: number, source: AsyncIterable<Uint8Array>): Promise<void> {
    let lastYield = Date.now();
    try {
      for await (const chunk of source) {
        if (this.currentId !== session) return;
        if (this.cancelRequested) break;
        s.push(chunk);
        this.postProgress(false);
        if (Date.now() - lastYield >= YIELD_INTERVAL_MS) {
          await this.yieldNow();
          lastYield = Date.now();
          if (this.currentId !== session) return;
        }
      }
      if (this.currentId !== session) return;
      s.finish(this.cancelRequested);
    } catch (error) {
      if (this.currentId !== session) return;
      s.fail(error instanceof UserError ? error.message : `cannot read the capture: ${(error as Error).message ?? String(error)}`);
    }
    this.postProgress(true);
  }

  private postProgress(force: boolean): void {
    const now = Date.now();
    if (!force && now - this.lastProgress < PROGRESS_INTERVAL_MS) return;
    this.lastProgress = now;
    this.post({ type: 'progress', event: this.current?.progress() ?? idleProgress() });
  }

  private async answer(id: number, channel: WorkerChannel, args: unknown[]): Promise<void> {
    try {
      const result = await this.run(channel, args);
      this.post({ type: 'response', id, ok: true, result });
    } catch (error) {
      const userError = error instanceof UserError;
      this.post({ type: 'response', id, ok: false, error: userError ? error.message : `internal error: ${(error as Error).message ?? String(error)}`, userError });
    }
  }

  /** The current capture's bytes again, or undefined when they cannot be had (an upload whose spool failed). */
  private reread(): (() => AsyncIterable<Uint8Array>) | undefined {
    const path = this.path;
    if (path !== null) return () => this.openFile(path);
    const spool = this.spool;
    return spool === undefined || spool.problem !== undefined ? undefined : () => spool.chunks();
  }

  private run(channel: WorkerChannel, args: unknown[]): unknown {
    if (channel === 'status') return this.current?.progress() ?? idleProgress();
    const s = this.current;
    if (s === undefined) throw new UserError('no capture is open');
    switch (channel) {
      case 'listCalls': return s.listCalls(args[0] as Parameters<CaptureSession['listCalls']>[0]);
      case 'getLadder': return s.ladder(args[0] as Parameters<CaptureSession['ladder']>[0]);
      case 'getMessage': {
        const detail = s.message((args[0] as { index: number }).index);
        if (detail === undefined) throw new UserError('no such message');
        return detail;
      }
      case 'findRow': return s.findRow(args[0] as number);
      case 'getStatistics': return s.getStatistics();
      case 'exportCalls': return exportCalls({ session: s, reread: this.reread(), generator: GENERATOR }, args[0] as Parameters<typeof exportCalls>[1]);
      case 'getSteps': return buildStepsPage(s.engine, args[0] as Parameters<typeof buildStepsPage>[1]);
    }
  }
}
