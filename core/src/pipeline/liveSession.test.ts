import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CallAnalysis } from '../analyze/analysis.ts';
import type { MessageRecord } from '../sip/messageRecord.ts';
import { analyzeCaptureBytes } from './captureAnalysis.ts';
import { LiveSession, type LiveEntry, type LiveEvent } from './liveSession.ts';
import { testCallCapture, testCallRecords, type TestCall } from './testLiveCalls.ts';

const MIXED: TestCall[] = [
  { kind: 'answered', callId: 'answered-1', at: 0 },
  { kind: 'busy', callId: 'busy-2', at: 0.5 },
  { kind: 'register', callId: 'register-3', at: 0.6 },
  { kind: 'answered', callId: 'answered-4', at: 3, talk: 4 },
  { kind: 'unanswered', callId: 'unanswered-5', at: 5 },
];

function completed(events: readonly LiveEvent[]): LiveEntry[] {
  return events.flatMap((e) => (e.type === 'completed' || e.type === 'updated' ? [e.entry] : []));
}

/** Feeds records one by one; returns every event with the index of the record that caused it. */
function feed(session: LiveSession, records: readonly MessageRecord[]): { at: number; event: LiveEvent }[] {
  const out: { at: number; event: LiveEvent }[] = [];
  for (const r of records) for (const event of session.add([r])) out.push({ at: r.index, event });
  return out;
}

function comparable(c: CallAnalysis): Record<string, unknown> {
  return {
    callIds: c.callIds, outcome: c.outcome, finalStatus: c.finalStatus, from: c.from, to: c.to, messages: c.messages, legs: c.legs,
    postDialDelayMs: c.postDialDelayMs, setupTimeMs: c.setupTimeMs, durationMs: c.durationMs, hungUpBy: c.hungUpBy, codecs: c.codecs,
  };
}

describe('LiveSession', () => {
  it('reports a call only once its dialogs ended and the linger passed, in capture time', () => {
    const records = testCallRecords(MIXED);
    const session = new LiveSession({ lingerMs: 2000 });
    const events = feed(session, records);
    const done = events.filter((e) => e.event.type === 'completed').map((e) => ({ at: e.at, entry: (e.event as { entry: LiveEntry }).entry }));
    // Each is reported by the first record at least 2 s (capture time) after its last message: busy-2 and
    // register-3 by the INVITE of answered-4 at 3 s, answered-1 (BYE answered at 1.05 s) by a message at ≥ 3.05 s.
    const seconds = (r: MessageRecord): number => r.timestamp.seconds + r.timestamp.nanoseconds / 1e9;
    for (const d of done) {
      const last = Math.max(...records.filter((r) => d.entry.callIds.includes(r.facts.callId!)).map(seconds));
      expect(d.at).toBe(records.find((r) => seconds(r) >= last + 2 - 1e-9)!.index);
    }
    expect(done.map((d) => d.entry.callIds[0])).toEqual(['busy-2', 'register-3', 'answered-1']);
    expect(done.every((d) => d.entry.closedBy === 'ended')).toBe(true);
    expect(session.active().map((a) => a.callIds[0])).toEqual(['answered-4', 'unanswered-5']);
  });

  it('announces each call when its INVITE arrives', () => {
    const events = feed(new LiveSession(), testCallRecords(MIXED));
    const started = events.flatMap((e) => (e.event.type === 'callStarted' ? [e.event.call] : []));
    expect(started.map((c) => [c.callIds[0], c.phase, c.from])).toEqual([
      ['answered-1', 'setup', 'sip:alice@atlanta.example.com'], ['busy-2', 'setup', 'sip:alice@atlanta.example.com'],
      ['answered-4', 'setup', 'sip:alice@atlanta.example.com'], ['unanswered-5', 'setup', 'sip:alice@atlanta.example.com'],
    ]);
  });

  it('finds the same calls, outcomes and timings as the analysis of the whole capture', () => {
    const calls: TestCall[] = [];
    for (let i = 0; i < 40; i++) calls.push({ kind: (['answered', 'busy', 'unanswered', 'register'] as const)[i % 4]!, callId: `call-${i}`, at: i * 0.7, talk: 1 + (i % 3) });
    const batch = analyzeCaptureBytes(testCallCapture(calls)).analysis.calls.map(comparable);
    const session = new LiveSession();
    const events = [...session.add(testCallRecords(calls)), ...session.end()];
    const live = completed(events).flatMap((e) => e.calls.map(comparable));
    expect(live.sort((a, b) => String(a.callIds).localeCompare(String(b.callIds)))).toEqual(batch.sort((a, b) => String(a.callIds).localeCompare(String(b.callIds))));
    expect(completed(events).filter((e) => e.kind === 'usage').map((e) => e.usages[0]?.kind)).toEqual(Array(10).fill('registration'));
  });

  it('closes calls on the wall clock when no more packets arrive, and not without one', () => {
    const records = testCallRecords([{ kind: 'answered', callId: 'only', at: 0 }]);
    const session = new LiveSession({ lingerMs: 2000 });
    expect(completed(session.add(records, 1_000_000))).toEqual([]);
    expect(completed(session.tick(1_001_999))).toEqual([]);
    expect(completed(session.tick(1_002_000)).map((e) => e.callIds[0])).toEqual(['only']);
    const fileSession = new LiveSession({ lingerMs: 2000 });
    fileSession.add(records);
    expect(completed(fileSession.tick(Date.now() + 1e9))).toEqual([]);
    expect(completed(fileSession.end()).map((e) => [e.callIds[0], e.closedBy])).toEqual([['only', 'end']]);
  });

  it('closes a call that went silent after the idle time, as it stood', () => {
    const records = testCallRecords([{ kind: 'unanswered', callId: 'silent', at: 0 }, { kind: 'register', callId: 'later', at: 250 }]);
    const events = feed(new LiveSession({ idleMs: 200_000 }), records);
    const silent = completed(events.map((e) => e.event)).find((e) => e.callIds[0] === 'silent')!;
    expect(silent.closedBy).toBe('idle');
    expect(silent.calls[0]!.outcome).not.toBe('answered');
    expect(events.find((e) => e.event.type === 'completed')!.at).toBe(records.find((r) => r.facts.callId === 'later')!.index);
  });

  it('keeps a confirmed call open through long silences until its BYE', () => {
    const records = testCallRecords([{ kind: 'answered', callId: 'long', at: 0, talk: 900 }, { kind: 'register', callId: 'r', at: 600 }]);
    const events = feed(new LiveSession({ idleMs: 200_000 }), records).map((e) => e.event);
    expect(completed(events).map((e) => [e.callIds[0], e.closedBy])).toEqual([['r', 'ended']]);
  });

  it('evicts the oldest completed calls beyond --limit-calls and counts them', () => {
    const calls: TestCall[] = Array.from({ length: 10 }, (_, i) => ({ kind: 'busy' as const, callId: `busy-${i}`, at: i * 3 }));
    const session = new LiveSession({ limitCalls: 3 });
    const events = [...session.add(testCallRecords(calls)), ...session.end()];
    expect(events.filter((e) => e.type === 'evicted').map((e) => (e as { id: number }).id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(session.entries().map((e) => e.callIds[0])).toEqual(['busy-7', 'busy-8', 'busy-9']);
    const stats = session.stats();
    expect([stats.completedCalls, stats.keptCalls, stats.evictedCalls, stats.outcomes.busy]).toEqual([10, 3, 7, 10]);
  });

  it('stays under the byte limit, evicting completed calls first and closing active ones early only when it must', () => {
    const calls: TestCall[] = Array.from({ length: 30 }, (_, i) => ({ kind: 'busy' as const, callId: `b-${i}`, at: i * 3 }));
    const records = testCallRecords(calls);
    const perCall = (() => {
      const s = new LiveSession();
      s.add(records.filter((r) => r.facts.callId === 'b-0'));
      s.end();
      return s.stats().estimatedBytes;
    })();
    const session = new LiveSession({ limitBytes: perCall * 5 });
    for (const r of records) {
      session.add([r]);
      expect(session.stats().estimatedBytes).toBeLessThanOrEqual(perCall * 5);
    }
    expect(session.stats().forcedClosures).toBe(0);
    expect(session.stats().evictedCalls).toBeGreaterThan(20);
    // Calls closed by the wall clock (tick, between packets) are held to the limit too.
    const ms = (r: MessageRecord): number => r.timestamp.seconds * 1000 + r.timestamp.nanoseconds / 1e6;
    const limit = perCall * 4 - 500; // just under four finished calls: closing the fourth must evict one
    const ticked = new LiveSession({ limitBytes: limit });
    let closedByTick = 0;
    records.forEach((r, i) => {
      ticked.add([r], ms(r));
      const next = records[i + 1];
      if (next === undefined || ms(next) - ms(r) > 2500) closedByTick += ticked.tick(ms(r) + 2500).filter((e) => e.type === 'completed').length;
      expect(ticked.stats().estimatedBytes).toBeLessThanOrEqual(limit);
    });
    expect(closedByTick).toBe(30);
    const tiny = new LiveSession({ limitBytes: 1000 });
    const events = tiny.add(records.slice(0, 2));
    expect(tiny.stats().forcedClosures).toBeGreaterThan(0);
    expect(events.some((e) => e.type === 'completed' && e.entry.closedBy === 'limit')).toBe(true);
    expect(tiny.stats().estimatedBytes).toBeLessThanOrEqual(1000);
  });

  it('reopens a completed call for late messages and reports it again under the same id', () => {
    const records = testCallRecords([{ kind: 'answered', callId: 'late', at: 0 }, { kind: 'register', callId: 'r', at: 5 }]);
    const byeOk = records.find((r) => r.facts.callId === 'late' && r.facts.cseqMethod === 'BYE' && r.facts.kind === 'response')!;
    const session = new LiveSession();
    const first = completed(session.add(records)).find((e) => e.callIds[0] === 'late')!;
    const retransmission = { ...byeOk, index: records.length, timestamp: { seconds: byeOk.timestamp.seconds + 6, nanoseconds: 0 } };
    expect(session.add([retransmission])).toEqual([]);
    const events = session.end();
    const updated = events.find((e) => e.type === 'updated');
    expect(updated?.type === 'updated' && [updated.entry.id, updated.entry.messages, updated.entry.updates]).toEqual([first.id, first.messages + 1, 1]);
    expect(session.stats()).toMatchObject({ completedCalls: 1, updates: 1, keptCalls: 1 });
    expect(session.stats().outcomes.answered).toBe(1);
  });

  it('joins a B2BUA leg that names the first leg in X-Call-ID into the same call', () => {
    const records = testCallRecords([
      { kind: 'answered', callId: 'leg-a', at: 0, talk: 2 },
      { kind: 'answered', callId: 'leg-b', at: 0.005, talk: 2, inviteHeaders: ['X-Call-ID: leg-a'] },
    ]);
    const session = new LiveSession();
    const entries = completed([...session.add(records), ...session.end()]);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.callIds).toEqual(['leg-a', 'leg-b']);
    expect(entries[0]!.calls.map((c) => c.legs)).toEqual([2]);
  });

  it('gives details (records, model, analysis) of kept and active entries on demand', () => {
    const session = new LiveSession();
    session.add(testCallRecords([{ kind: 'busy', callId: 'd1', at: 0 }, { kind: 'unanswered', callId: 'd2', at: 10 }]));
    const [kept] = session.entries();
    const [active] = session.active();
    expect(session.detail(kept!.id)!.model.transactions.map((t) => [t.method, t.finalStatus])).toEqual([['INVITE', 486]]);
    expect(session.detail(active!.id)!.records.map((r) => r.index)).toEqual([0, 1]);
    expect(session.detail(999)).toBeUndefined();
  });

  it('gives the same entries however the records are batched', () => {
    const records = testCallRecords(MIXED);
    const reference = (() => {
      const s = new LiveSession();
      return completed([...s.add(records), ...s.end()]).map((e) => [e.id, e.callIds, e.messages, e.calls.map((c) => c.outcome)]);
    })();
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 20 }), (sizes) => {
      const s = new LiveSession();
      const events: LiveEvent[] = [];
      let at = 0;
      for (let i = 0; at < records.length; i++) {
        const n = sizes[i % sizes.length]!;
        events.push(...s.add(records.slice(at, at + n)));
        at += n;
      }
      events.push(...s.end());
      expect(completed(events).map((e) => [e.id, e.callIds, e.messages, e.calls.map((c) => c.outcome)])).toEqual(reference);
    }), { numRuns: 50 });
  });
});
