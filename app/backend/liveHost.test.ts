import { describe, expect, it } from 'vitest';
import { testCallCapture } from '../../core/src/pipeline/testLiveCalls.ts';
import { hex } from '../../core/src/shared/bytes.ts';
import type { ProgressEvent } from '../shared/apiTypes.ts';
import { LiveHost } from './liveHost.ts';
import type { FromWorker } from './workerProtocol.ts';

const BYTES = testCallCapture([
  { kind: 'answered', callId: 'host-1', at: 0 },
  { kind: 'busy', callId: 'host-2', at: 0.3 },
]);

function host(): { live: LiveHost; posted: FromWorker[]; clock: { ms: number } } {
  const posted: FromWorker[] = [];
  const clock = { ms: 5_000_000 };
  // A tick far in the future: the test ticks by hand through the messages it sends.
  const live = new LiveHost((m) => posted.push(m), async function* () {}, { tickMs: 3_600_000, now: () => clock.ms });
  return { live, posted, clock };
}

const responses = (posted: FromWorker[]): Extract<FromWorker, { type: 'response' }>[] =>
  posted.filter((m): m is Extract<FromWorker, { type: 'response' }> => m.type === 'response');

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('LiveHost (the worker side of a live capture)', () => {
  it('leaves file sessions and their queries to AnalysisHost until a live session opens', () => {
    const { live, posted } = host();
    expect(live.handle({ type: 'request', id: 1, channel: 'status', args: [] })).toBe(false);
    expect(live.handle({ type: 'chunk', session: 1, seq: 1, data: BYTES })).toBe(false);
    expect(live.handle({ type: 'open', session: 1, name: 'a.pcap', totalBytes: 10, path: '/a.pcap' })).toBe(false);
    expect(posted).toEqual([]);
  });

  it('reads chunks as they come, acknowledges each, and reports counters and progress', async () => {
    const { live, posted } = host();
    expect(live.handle({ type: 'liveOpen', session: 4, name: 'live: lo (dumpcap)', limits: {}, reread: null })).toBe(true);
    expect(posted.map((m) => m.type)).toEqual(['liveStats', 'progress']);
    expect(live.handle({ type: 'chunk', session: 4, seq: 9, data: BYTES.subarray(0, 500) })).toBe(true);
    expect(live.handle({ type: 'chunk', session: 4, seq: 10, data: BYTES.subarray(500) })).toBe(true);
    expect(posted.filter((m) => m.type === 'ack')).toEqual([{ type: 'ack', session: 4, seq: 9 }, { type: 'ack', session: 4, seq: 10 }]);
    // A chunk of another session is not this host's.
    expect(live.handle({ type: 'chunk', session: 3, seq: 11, data: BYTES })).toBe(false);
    expect(live.handle({ type: 'end', session: 4 })).toBe(true);
    const stats = posted.filter((m) => m.type === 'liveStats').at(-1)!;
    expect(stats).toMatchObject({ stats: { session: 4, sipMessages: 11, completedCalls: 2, ended: true, rows: 2 } });
    const progress = posted.filter((m): m is { type: 'progress'; event: ProgressEvent } => m.type === 'progress').at(-1)!.event;
    expect(progress).toMatchObject({ session: 4, phase: 'done', name: 'live: lo (dumpcap)', messages: 11, rows: 2 });
    live.handle({ type: 'request', id: 7, channel: 'listCalls', args: [{ offset: 0, limit: 10, sort: 'start', descending: false, filter: '', hide: '' }] });
    await settle();
    const page = responses(posted).find((r) => r.id === 7)!;
    expect(page.ok && (page.result as { rows: { callId: string }[] }).rows.map((r) => r.callId)).toEqual(['host-1', 'host-2']);
  });

  it('answers for calls that are gone, and for the step-through, in words', async () => {
    const { live, posted } = host();
    live.handle({ type: 'liveOpen', session: 2, name: 'live: lo (tcpdump)', limits: {}, reread: null });
    // Garbage bytes: no capture at all, no rows.
    live.handle({ type: 'chunk', session: 2, seq: 1, data: hex('00 01 02 03') });
    live.handle({ type: 'request', id: 1, channel: 'getLadder', args: [{ rows: [99], merge: 'node', fold: true, hops: false }] });
    live.handle({ type: 'request', id: 2, channel: 'getSteps', args: [{}] });
    live.handle({ type: 'request', id: 3, channel: 'exportCalls', args: [{ kind: 'pcapng', rows: [99], records: null, merge: 'node', fold: true, hops: false, time: 'abs' }] });
    await settle();
    const [ladder, steps, exported] = responses(posted);
    expect(ladder).toMatchObject({ ok: false, userError: true, error: expect.stringMatching(/^that call is no longer kept: the memory limit evicted it/) });
    expect(steps).toMatchObject({ ok: false, userError: true, error: expect.stringMatching(/^the step-through works on capture files/) });
    expect(exported).toMatchObject({ ok: true, result: { ok: false, message: expect.stringMatching(/^those calls are no longer kept/) } });
    expect(live.handle({ type: 'dispose' })).toBe(false);
    expect(live.active).toBe(false);
  });

  it('hands the worker back when a capture file is opened', () => {
    const { live } = host();
    live.handle({ type: 'liveOpen', session: 5, name: 'live: lo (dumpcap)', limits: {}, reread: null });
    expect(live.active).toBe(true);
    expect(live.handle({ type: 'open', session: 6, name: 'b.pcap', totalBytes: 1, path: '/b.pcap' })).toBe(false);
    expect(live.active).toBe(false);
    expect(live.handle({ type: 'request', id: 1, channel: 'status', args: [] })).toBe(false);
  });
});
