/**
 * Runs a live feed for the command line: prints each completed call (a line, or JSON with --json), a statistics
 * line on a terminal (or every --stats seconds anywhere), stops on Ctrl-C, SIGTERM, --duration or the end of the
 * input, and prints the summary.
 */
import type { OutStream } from '../command.ts';
import { makeStyle } from '../format.ts';
import type { FeedSummary, LiveFeed } from './liveFeed.ts';
import { callLine, entryObjects, statsLine, statsObject, summaryText, usageLine } from './liveOutput.ts';

export interface RunLiveOptions {
  readonly out: OutStream;
  readonly err: OutStream;
  readonly json: boolean;
  /** Print registrations, OPTIONS, subscriptions… too. */
  readonly all: boolean;
  readonly quiet: boolean;
  /** Statistics every N seconds even when not on a terminal (JSON lines with --json). */
  readonly statsEverySeconds?: number;
  readonly durationSeconds?: number;
  /** Capture tool name, for the drop wording. */
  readonly tool?: string;
  /** Stops the feed when aborted (tests); without it, SIGINT and SIGTERM do. */
  readonly signal?: AbortSignal;
  readonly env?: NodeJS.ProcessEnv;
}

export async function runLive(feed: LiveFeed, options: RunLiveOptions): Promise<FeedSummary> {
  const { out, err } = options;
  const style = makeStyle(out, options.env);
  const digits = (): number => feed.source.timePrecisionDigits;
  const ttyStats = !options.quiet && !options.json && err.isTTY === true && options.statsEverySeconds === undefined;
  let statsDrawn = false;
  let lastStats = 0;
  const clearStats = (): void => {
    if (statsDrawn) err.write('\r\u001b[2K');
    statsDrawn = false;
  };
  feed.on((event) => {
    if (event.type === 'completed' || event.type === 'updated') {
      const entry = event.entry;
      if (options.json) {
        const objects = entryObjects(entry, event.detail, digits()).filter((o) => options.all || o.event === 'call');
        if (objects.length > 0) out.write(objects.map((o) => JSON.stringify(o)).join('\n') + '\n');
        return;
      }
      if (entry.kind !== 'call' && !options.all) return;
      clearStats();
      if (entry.kind === 'call') out.write(entry.calls.map((c) => callLine(entry, c, style)).join('\n') + '\n');
      else out.write(usageLine(entry, style) + '\n');
    } else if (event.type === 'evicted' && options.json && options.all) {
      out.write(JSON.stringify({ event: 'evicted', id: event.id, kind: event.kind }) + '\n');
    } else if (event.type === 'stats') {
      if (ttyStats) {
        const width = err.columns ?? 100;
        err.write(`\r\u001b[2K${statsLine(event.stats, feed.source.label, options.tool).slice(0, Math.max(20, width - 1))}`);
        statsDrawn = true;
      } else if (options.statsEverySeconds !== undefined && event.stats.elapsedMs - lastStats >= options.statsEverySeconds * 1000 - 50) {
        lastStats = event.stats.elapsedMs;
        if (options.json) out.write(JSON.stringify(statsObject(event.stats, feed.source.label)) + '\n');
        else err.write(statsLine(event.stats, feed.source.label, options.tool) + '\n');
      }
    }
  });

  const stop = (): void => void feed.stop();
  const timer = options.durationSeconds !== undefined ? setTimeout(stop, options.durationSeconds * 1000) : undefined;
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
  if (options.signal) {
    if (options.signal.aborted) stop();
    else options.signal.addEventListener('abort', stop, { once: true });
  } else {
    for (const s of signals) process.on(s, stop);
  }
  try {
    const summary = await feed.run();
    clearStats();
    if (options.json) out.write(JSON.stringify({ ...statsObject(summary.stats, feed.source.label), event: 'summary', endedBy: summary.endedBy, ...(summary.error ? { error: summary.error.message } : {}) }) + '\n');
    // A capture that failed before its first packet has nothing to sum up: the error says it all.
    else if (!options.quiet && !(summary.error && summary.stats.source.packets === 0)) err.write(summaryText(summary, feed.source.label, options.tool) + '\n');
    return summary;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', stop);
    if (!options.signal) for (const s of signals) process.off(s, stop);
  }
}
