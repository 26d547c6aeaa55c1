/**
 * The analysis worker's side of a live capture: a LiveCaptureSession fed by the chunks the UI side forwards as
 * they are captured, ticked by the wall clock (4 times a second) so silent calls complete, reporting its
 * counters each tick and progress when rows change, and answering the page's queries while it is the current
 * session. Opening a capture file hands the worker back to AnalysisHost.
 */
import { exportLive } from '../engine/liveExport.ts';
import { LiveCaptureSession } from '../engine/liveCaptureSession.ts';
import type { OpenFile } from './analysisHost.ts';
import { UserError } from './userError.ts';
import type { FromWorker, ToWorker, WorkerChannel } from './workerProtocol.ts';

export const LIVE_TICK_MS = 250;
const GENERATOR = 'sipladder app (live capture)';

export interface LiveHostOptions {
  tickMs?: number;
  now?: () => number;
}

export class LiveHost {
  private current: LiveCaptureSession | undefined;
  private reread: string | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastVersion = -1;

  constructor(private readonly post: (message: FromWorker) => void, private readonly openFile: OpenFile, private readonly options: LiveHostOptions = {}) {}

  /** True while a live session is the one the page sees. */
  get active(): boolean {
    return this.current !== undefined;
  }

  /** Takes the messages that belong to the live session; returns false for the others (AnalysisHost's). */
  handle(message: ToWorker): boolean {
    const s = this.current;
    switch (message.type) {
      case 'liveOpen':
        this.open(message);
        return true;
      case 'open':
      case 'dispose':
        this.close();
        return false;
      case 'chunk':
        if (s === undefined || message.session !== s.session) return false;
        s.push(message.data);
        this.post({ type: 'ack', session: message.session, seq: message.seq });
        return true;
      case 'end':
      case 'cancel':
        if (s === undefined || message.session !== s.session) return false;
        this.finish(s);
        return true;
      case 'request':
        if (s === undefined) return false;
        void this.answer(s, message.id, message.channel, message.args);
        return true;
      default:
        return false;
    }
  }

  private open(message: Extract<ToWorker, { type: 'liveOpen' }>): void {
    this.close();
    const s = new LiveCaptureSession({ session: message.session, name: message.name, limits: message.limits, ...(this.options.now ? { now: this.options.now } : {}) });
    this.current = s;
    this.reread = message.reread;
    this.lastVersion = -1;
    this.timer = setInterval(() => this.tick(s), this.options.tickMs ?? LIVE_TICK_MS);
    this.report(s, true);
  }

  private tick(s: LiveCaptureSession): void {
    if (s !== this.current) return;
    s.tick();
    this.report(s, false);
  }

  private finish(s: LiveCaptureSession): void {
    s.finish();
    clearInterval(this.timer);
    this.timer = undefined;
    this.report(s, true);
  }

  /** Counters every time; progress when rows changed (the page refreshes its list on it) or when asked. */
  private report(s: LiveCaptureSession, force: boolean): void {
    const stats = s.stats();
    this.post({ type: 'liveStats', stats });
    if (force || stats.version !== this.lastVersion) {
      this.lastVersion = stats.version;
      this.post({ type: 'progress', event: s.progress() });
    }
  }

  private close(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.current = undefined;
    this.reread = null;
  }

  private async answer(s: LiveCaptureSession, id: number, channel: WorkerChannel, args: unknown[]): Promise<void> {
    try {
      const result = await this.run(s, channel, args);
      this.post({ type: 'response', id, ok: true, result });
    } catch (error) {
      const userError = error instanceof UserError;
      this.post({ type: 'response', id, ok: false, error: userError ? error.message : `internal error: ${(error as Error).message ?? String(error)}`, userError });
    }
  }

  private run(s: LiveCaptureSession, channel: WorkerChannel, args: unknown[]): unknown {
    const gone = 'that call is no longer kept: the memory limit evicted it (save the live capture to keep everything)';
    switch (channel) {
      case 'status': return s.progress();
      case 'listCalls': return s.listCalls(args[0] as Parameters<LiveCaptureSession['listCalls']>[0]);
      case 'getLadder': {
        const ladder = s.ladder(args[0] as Parameters<LiveCaptureSession['ladder']>[0]);
        if (ladder === undefined) throw new UserError(gone);
        return ladder;
      }
      case 'getMessage': {
        const detail = s.message((args[0] as { index: number }).index);
        if (detail === undefined) throw new UserError(gone);
        return detail;
      }
      case 'findRow': return s.findRow(args[0] as number);
      case 'getStatistics': return s.getStatistics();
      case 'exportCalls': {
        const path = this.reread;
        const reread = path === null ? undefined : () => this.openFile(path);
        return exportLive({ session: s, reread, generator: GENERATOR }, args[0] as Parameters<typeof exportLive>[1]);
      }
      default:
        throw new UserError('the step-through works on capture files: save the live capture, then open it');
    }
  }
}
