/**
 * `sipladder serve --capture IFACE`: the live capture on the UI side. The capture runs through the CLI's own
 * path (cli/live/interfaceCapture.ts: dumpcap when installed, else tcpdump, the same errors in the same words),
 * its pcapng is saved as it arrives (liveTeeFile.ts) and forwarded chunk by chunk to the analysis worker
 * (LiveHost). The status the page shows joins the worker's counters with the tool's state and drops.
 */
import { CaptureError } from '../../cli/live/captureError.ts';
import { InterfaceCapture } from '../../cli/live/interfaceCapture.ts';
import type { LiveOpenOptions, LiveStartRequest, LiveState, LiveStatus, LiveWorkerStats } from '../engine/liveTypes.ts';
import type { AnalysisBackend } from './analysisBackend.ts';
import { LiveTeeFile } from './liveTeeFile.ts';

/** How often tcpdump is asked for its drop counters (SIGUSR1); dumpcap reports only when it stops. */
const DROP_POLL_MS = 1000;

export interface LiveCaptureConfig extends LiveStartRequest {
  tool?: 'dumpcap' | 'tcpdump';
  limits: LiveOpenOptions['limits'];
  env?: NodeJS.ProcessEnv;
  /** Where the temporary folder of the saved capture goes (default the system's). */
  tmpRoot?: string;
  now?: () => number;
}

/** What the server and the dispatcher use. */
export interface LiveControl {
  status(): LiveStatus;
  start(request: LiveStartRequest): Promise<LiveStatus>;
  stop(): Promise<LiveStatus>;
  onStatus(listener: (status: LiveStatus) => void): () => void;
  /** The capture saved so far (whole pcapng blocks), or undefined before any. */
  savedCapture(): { path: string; bytes: number; fileName: string } | undefined;
  close(): Promise<void>;
}

interface Run {
  readonly capture: InterfaceCapture;
  readonly tee: LiveTeeFile;
  readonly startedAt: number;
  session: number;
  stoppedAt: number | undefined;
  stopping: boolean;
  failure: string | undefined;
  done: Promise<void>;
  stats: LiveWorkerStats | undefined;
}

export class LiveCapture implements LiveControl {
  private run: Run | undefined;
  private state: LiveState = 'starting';
  private error: string | null = null;
  private attempt: LiveStartRequest;
  private readonly listeners = new Set<(status: LiveStatus) => void>();
  private readonly offStats: () => void;
  private dropTimer: ReturnType<typeof setInterval> | undefined;
  private readonly now: () => number;

  private constructor(private readonly backend: AnalysisBackend, private readonly config: LiveCaptureConfig) {
    this.now = config.now ?? Date.now;
    this.attempt = { interfaces: [...config.interfaces], filter: config.filter };
    this.offStats = backend.onLiveStats((stats) => {
      const run = this.run;
      if (run === undefined || stats.session !== run.session) return;
      run.stats = stats;
      this.emit();
    });
  }

  /** Starts capturing; rejects with the CLI's CaptureError (missing tool, permission, interface, filter) if the tool fails first. */
  static async start(backend: AnalysisBackend, config: LiveCaptureConfig): Promise<LiveCapture> {
    const live = new LiveCapture(backend, config);
    try {
      await live.begin(config);
    } catch (error) {
      live.offStats();
      throw error;
    }
    return live;
  }

  onStatus(listener: (status: LiveStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  status(): LiveStatus {
    const run = this.run;
    const s = run?.stats;
    const drops = run?.capture.toolDrops();
    const capture = run?.capture;
    return {
      session: run?.session ?? 0, packets: s?.packets ?? 0, bytes: s?.bytes ?? 0, sipMessages: s?.sipMessages ?? 0,
      messagesPerSecond: s?.messagesPerSecond ?? 0, rows: s?.rows ?? 0, activeCalls: s?.activeCalls ?? 0, completedCalls: s?.completedCalls ?? 0,
      keptCalls: s?.keptCalls ?? 0, evictedCalls: s?.evictedCalls ?? 0, evictedUsages: s?.evictedUsages ?? 0, forcedClosures: s?.forcedClosures ?? 0,
      estimatedBytes: s?.estimatedBytes ?? 0, limitBytes: s?.limitBytes ?? this.config.limits.limitBytes ?? 0,
      limitCalls: s?.limitCalls ?? this.config.limits.limitCalls ?? null, version: s?.version ?? 0, changed: s?.changed ?? [],
      changedOverflow: s?.changedOverflow ?? false,
      state: this.state, label: capture?.label ?? this.attempt.interfaces.join(', '), interfaces: [...this.attempt.interfaces],
      tool: capture?.tool.name ?? this.config.tool ?? '', filter: this.attempt.filter, startedAtMs: run?.startedAt ?? 0,
      elapsedMs: run === undefined ? 0 : Math.max(0, (run.stoppedAt ?? this.now()) - run.startedAt),
      drops: drops?.drops ?? null,
      dropsByInterface: (drops?.interfaces ?? []).map((d) => ({ name: d.name, dropped: d.dropped, received: d.received ?? null })),
      savedBytes: run?.tee.committedBytes ?? 0, error: this.error ?? run?.tee.problem ?? null,
    };
  }

  /** From the page: capture again (stopping the capture that runs). A refusal is reported in the status, in the CLI's words. */
  async start(request: LiveStartRequest): Promise<LiveStatus> {
    try {
      await this.begin(request);
    } catch (error) {
      if (!(error instanceof CaptureError)) throw error;
    }
    return this.status();
  }

  async stop(): Promise<LiveStatus> {
    const run = this.run;
    if (run !== undefined && run.stoppedAt === undefined) {
      if (this.state === 'running') this.setState('stopping');
      run.stopping = true;
      await run.capture.stop();
      await run.done;
    }
    return this.status();
  }

  savedCapture(): { path: string; bytes: number; fileName: string } | undefined {
    const run = this.run;
    if (run === undefined || run.tee.committedBytes === 0) return undefined;
    const stamp = new Date(run.startedAt).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
    return { path: run.tee.path, bytes: run.tee.committedBytes, fileName: `sipladder-live-${stamp}.pcapng` };
  }

  async close(): Promise<void> {
    await this.stop();
    this.run?.tee.remove();
    this.offStats();
    this.listeners.clear();
  }

  private async begin(request: LiveStartRequest): Promise<void> {
    await this.stop();
    this.attempt = { interfaces: [...request.interfaces], filter: request.filter };
    this.error = null;
    this.setState('starting');
    let capture: InterfaceCapture | undefined;
    try {
      capture = new InterfaceCapture({
        interfaces: request.interfaces, filter: request.filter, ...(this.config.tool ? { tool: this.config.tool } : {}),
        ...(this.config.env ? { env: this.config.env } : {}),
      });
      await capture.ready;
    } catch (error) {
      await capture?.stop();
      this.error = error instanceof Error ? error.message : String(error);
      this.setState('failed');
      throw error;
    }
    const tee = new LiveTeeFile(this.config.tmpRoot);
    this.run?.tee.remove();
    const run: Run = { capture, tee, startedAt: this.now(), session: 0, stoppedAt: undefined, stopping: false, failure: undefined, done: Promise.resolve(), stats: undefined };
    this.run = run;
    const opened = this.backend.openLive(`live: ${capture.label}`, { limits: this.config.limits, reread: tee.path }, this.pump(run));
    run.session = opened.result.session;
    run.done = opened.done.then(() => this.ended(run), (error: unknown) => {
      run.failure ??= `the capture stopped: ${(error as Error).message ?? String(error)}`;
      this.ended(run);
    });
    clearInterval(this.dropTimer);
    this.dropTimer = setInterval(() => capture.pollDrops(), DROP_POLL_MS);
    this.setState('running');
  }

  /** The tool's bytes, saved then forwarded; a failure (interface gone…) is kept for the status. */
  private async *pump(run: Run): AsyncGenerator<Uint8Array> {
    try {
      for await (const chunk of run.capture.chunks()) {
        run.tee.write(chunk);
        yield chunk;
      }
    } catch (error) {
      run.failure = error instanceof CaptureError ? error.message : `the capture stopped: ${(error as Error).message ?? String(error)}`;
    } finally {
      // The worker stopped reading (the page opened another capture): the tool has nobody to capture for.
      if (!run.stopping) {
        run.stopping = true;
        await run.capture.stop();
      }
    }
  }

  private ended(run: Run): void {
    run.stoppedAt ??= this.now();
    if (run !== this.run) return;
    clearInterval(this.dropTimer);
    this.dropTimer = undefined;
    if (run.failure !== undefined) {
      this.error = run.failure;
      this.setState('failed');
    } else {
      this.setState('stopped');
    }
  }

  private setState(state: LiveState): void {
    this.state = state;
    this.emit();
  }

  private emit(): void {
    if (this.listeners.size === 0) return;
    const status = this.status();
    for (const l of this.listeners) l(status);
  }
}
