/**
 * The live loop: a source's records go into a LiveSession; the wall clock ticks it a few times a second (so
 * calls complete during silence); statistics are sampled every second. Listeners get every event — the CLI
 * prints them, the `serve` backend forwards them to the page. Everything runs on the caller's event loop; work
 * per chunk is bounded, so ticks and I/O interleave with it.
 */
import { LiveSession, type LiveEvent, type LiveSessionOptions, type LiveStats } from '../../core/src/pipeline/liveSession.ts';
import type { MessageRecord } from '../../core/src/sip/messageRecord.ts';
import { CaptureError } from './captureError.ts';
import type { LiveSource, SourceStats } from './liveSource.ts';

export interface LiveFeedOptions {
  readonly session?: LiveSessionOptions;
  /** How often the wall clock advances the session (default 250 ms). */
  readonly tickMs?: number;
  /** How often a `stats` event is sent (default 1000 ms). */
  readonly statsMs?: number;
  /** Use the wall clock at all (default true; false for reading a file as fast as possible). */
  readonly wallClock?: boolean;
  readonly now?: () => number;
}

export interface FeedStats {
  readonly elapsedMs: number;
  readonly source: SourceStats;
  readonly session: LiveStats;
  /** SIP messages per second over the last statistics interval. */
  readonly messagesPerSecond: number;
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
}

export type FeedEvent =
  | LiveEvent
  | { readonly type: 'records'; readonly records: readonly MessageRecord[] }
  | { readonly type: 'stats'; readonly stats: FeedStats };

export interface FeedSummary {
  readonly stats: FeedStats;
  /** Why it ended: the input ended, stop() was called, or the source failed (`error`). */
  readonly endedBy: 'input' | 'stop' | 'error';
  readonly error?: CaptureError;
}

export class LiveFeed {
  readonly session: LiveSession;
  private readonly listeners = new Set<(event: FeedEvent) => void>();
  private readonly now: () => number;
  private readonly started: number;
  private stopCalled = false;
  private last = { at: 0, messages: 0, rate: 0 };

  constructor(readonly source: LiveSource, private readonly options: LiveFeedOptions = {}) {
    this.session = new LiveSession(options.session);
    this.now = options.now ?? Date.now;
    this.started = this.now();
    this.last.at = this.started;
  }

  /** Adds a listener; returns its removal. */
  on(listener: (event: FeedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs until the source ends, stop() is called, or the source fails. Never rejects for input problems. */
  async run(): Promise<FeedSummary> {
    const wall = this.options.wallClock ?? true;
    const tick = wall ? setInterval(() => this.emitAll(this.session.tick(this.now())), this.options.tickMs ?? 250) : undefined;
    const stats = setInterval(() => {
      this.source.pollDrops?.();
      this.emit({ type: 'stats', stats: this.sample() });
    }, this.options.statsMs ?? 1000);
    let error: CaptureError | undefined;
    try {
      await this.source.run((records) => {
        this.emit({ type: 'records', records });
        this.emitAll(this.session.add(records, wall ? this.now() : undefined));
      });
    } catch (e) {
      if (!(e instanceof CaptureError)) throw e;
      error = e;
    } finally {
      clearInterval(tick);
      clearInterval(stats);
    }
    this.emitAll(this.session.end());
    const final = this.sample();
    this.emit({ type: 'stats', stats: final });
    return { stats: final, endedBy: error ? 'error' : this.stopCalled ? 'stop' : 'input', ...(error ? { error } : {}) };
  }

  /** Stops the source; run() resolves once what was captured has been read. */
  async stop(): Promise<void> {
    this.stopCalled = true;
    await this.source.stop();
  }

  stats(): FeedStats {
    const t = this.now();
    const source = this.source.stats();
    const memory = process.memoryUsage();
    return {
      elapsedMs: t - this.started, source, session: this.session.stats(), messagesPerSecond: this.last.rate,
      rssBytes: memory.rss, heapUsedBytes: memory.heapUsed,
    };
  }

  private sample(): FeedStats {
    const t = this.now();
    const messages = this.session.stats().messages;
    if (t > this.last.at) this.last = { at: t, messages, rate: ((messages - this.last.messages) * 1000) / (t - this.last.at) };
    return this.stats();
  }

  private emitAll(events: readonly LiveEvent[]): void {
    for (const e of events) this.emit(e);
  }

  private emit(event: FeedEvent): void {
    for (const l of this.listeners) l(event);
  }
}
