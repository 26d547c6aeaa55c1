import { describe, expect, it } from 'vitest';
import type { MessageRecord } from '../../core/src/sip/messageRecord.ts';
import { testCallRecords } from '../../core/src/pipeline/testLiveCalls.ts';
import { CaptureError } from './captureError.ts';
import { LiveFeed, type FeedEvent } from './liveFeed.ts';
import type { LiveSource, SourceStats } from './liveSource.ts';

/** A source that delivers records when told and runs until stopped (or fails when told). */
class FakeSource implements LiveSource {
  readonly label = 'fake';
  readonly timePrecisionDigits = 6;
  sink: ((records: readonly MessageRecord[]) => void) | undefined;
  private finish: ((error?: Error) => void) | undefined;
  delivered = 0;
  run(sink: (records: readonly MessageRecord[]) => void): Promise<void> {
    this.sink = sink;
    return new Promise((resolve, reject) => (this.finish = (error) => (error ? reject(error) : resolve())));
  }
  deliver(records: readonly MessageRecord[]): void {
    this.delivered += records.length;
    this.sink!(records);
  }
  fail(error: Error): void {
    this.finish!(error);
  }
  async stop(): Promise<void> {
    this.finish?.();
  }
  stats(): SourceStats {
    return { packets: this.delivered, bytes: 0, sipMessages: this.delivered, drops: 0, issues: {} };
  }
}

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('LiveFeed', () => {
  it('completes calls on the wall clock between packets, sends statistics, and ends cleanly on stop()', async () => {
    let now = 1_000_000;
    const source = new FakeSource();
    const feed = new LiveFeed(source, { tickMs: 5, statsMs: 10, now: () => now, session: { lingerMs: 2000 } });
    const events: FeedEvent[] = [];
    feed.on((e) => events.push(e));
    const running = feed.run();
    source.deliver(testCallRecords([{ kind: 'busy', callId: 'feed-1', at: 0 }]));
    await tick(30);
    expect(events.filter((e) => e.type === 'completed')).toHaveLength(0);
    now += 2500; // 2.5 s of silence on the wall clock: the linger has passed
    await tick(30);
    expect(events.filter((e) => e.type === 'completed').map((e) => e.type === 'completed' && e.entry.callIds[0])).toEqual(['feed-1']);
    const stats = events.filter((e) => e.type === 'stats');
    expect(stats.length).toBeGreaterThan(1);
    await feed.stop();
    const summary = await running;
    expect(summary.endedBy).toBe('stop');
    expect(summary.stats.session).toMatchObject({ messages: 4, completedCalls: 1 });
    expect(summary.stats.source.drops).toBe(0);
    expect(events.filter((e) => e.type === 'records').flatMap((e) => (e.type === 'records' ? e.records : []))).toHaveLength(4);
  });

  it('closes what is open and reports the error when the source fails', async () => {
    const source = new FakeSource();
    const feed = new LiveFeed(source, { wallClock: false });
    const running = feed.run();
    source.deliver(testCallRecords([{ kind: 'unanswered', callId: 'feed-2', at: 0 }]));
    source.fail(new CaptureError('interface-vanished', 'the interface went away'));
    const summary = await running;
    expect([summary.endedBy, summary.error?.kind, summary.stats.session.completedCalls]).toEqual(['error', 'interface-vanished', 1]);
  });
});
