import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testCallCapture, testCallMessages, type TestCall } from '../../core/src/pipeline/testLiveCalls.ts';
import { buildFlow } from '../../core/testkit/flow/buildFlow.ts';
import { hex } from '../../core/src/shared/bytes.ts';
import type { CallListQuery } from '../shared/apiTypes.ts';
import { LiveCaptureSession } from './liveCaptureSession.ts';
import { chunked } from './testCaptures.ts';

const CALLS: TestCall[] = [
  { kind: 'answered', callId: 'answered-1', at: 0 },
  { kind: 'busy', callId: 'busy-2', at: 0.5 },
  { kind: 'register', callId: 'register-3', at: 0.6 },
  { kind: 'answered', callId: 'answered-4', at: 3, talk: 30 },
  { kind: 'unanswered', callId: 'unanswered-5', at: 5 },
];
const BYTES = testCallCapture(CALLS);
/** The first 10 s only: answered-4 is talking (no BYE yet) and unanswered-5 still waits for an answer. */
const EARLY = buildFlow({ nodes: {}, messages: CALLS.flatMap(testCallMessages).filter((m) => m.at! < 10).sort((a, b) => a.at! - b.at!) }).bytes;
const QUERY: CallListQuery = { offset: 0, limit: 100, sort: 'start', descending: false, filter: '', hide: '' };

/** A session on a fake wall clock that only moves when told. */
function session(limits = {}): { s: LiveCaptureSession; clock: { ms: number } } {
  const clock = { ms: 1_000_000 };
  return { s: new LiveCaptureSession({ session: 7, name: 'lo (dumpcap)', limits, now: () => clock.ms }), clock };
}

const rowsOf = (s: LiveCaptureSession, query: Partial<CallListQuery> = {}): string[] =>
  s.listCalls({ ...QUERY, ...query }).rows.map((r) => `${r.callId} ${r.method} ${r.outcome}${r.status ? ` ${r.status}` : ''}`);

describe('LiveCaptureSession', () => {
  it('lists calls as they complete and those still in progress with their phase, in order of first message', () => {
    const { s } = session();
    s.push(EARLY);
    s.tick();
    // Capture time reaches 5.01 s: answered-1, busy-2 and register-3 are over (2 s linger); answered-4 talks, unanswered-5 rings on.
    expect(rowsOf(s)).toEqual([
      'answered-1 INVITE answered 200', 'busy-2 INVITE busy 486', 'register-3 REGISTER registered 200',
      'answered-4 INVITE connected', 'unanswered-5 INVITE calling',
    ]);
    const page = s.listCalls(QUERY);
    expect(page.rows.map((r) => r.kind)).toEqual(['call', 'call', 'usage', 'pending', 'pending']);
    expect(page.rows[0]).toMatchObject({ from: 'sip:alice@atlanta.example.com', messages: 7, legs: 1 });
    expect(s.progress()).toMatchObject({ session: 7, phase: 'reading', messages: 20, rows: 5, totalBytes: null });
  });

  it('completes silent calls as wall-clock time passes, and reports which rows changed', () => {
    const { s, clock } = session({ idleMs: 60_000, confirmedIdleMs: 60_000 });
    s.push(EARLY);
    s.tick();
    const first = s.stats();
    expect(first.changed.length).toBe(5);
    expect(s.stats().changed).toEqual([]);
    clock.ms += 61_000;
    s.tick();
    const later = s.stats();
    expect(later.version).toBeGreaterThan(first.version);
    expect(later.changed.sort()).toEqual(s.listCalls(QUERY).rows.slice(3).map((r) => r.id).sort());
    expect(rowsOf(s).slice(3)).toEqual(['answered-4 INVITE answered 200', 'unanswered-5 INVITE inProgress']);
  });

  it('closes every open call when the capture stops', () => {
    const { s } = session();
    s.push(BYTES);
    s.finish();
    expect(s.ended).toBe(true);
    expect(s.progress().phase).toBe('done');
    expect(rowsOf(s).slice(3)).toEqual(['answered-4 INVITE answered 200', 'unanswered-5 INVITE inProgress']);
    expect(s.stats()).toMatchObject({ ended: true, activeCalls: 0, completedCalls: 4 });
  });

  it('evicts the oldest completed calls past the limit: they leave the list and are counted', () => {
    const { s } = session({ limitCalls: 2 });
    s.push(BYTES);
    s.finish();
    expect(rowsOf(s)).toEqual(['register-3 REGISTER registered 200', 'answered-4 INVITE answered 200', 'unanswered-5 INVITE inProgress']);
    expect(s.stats()).toMatchObject({ evictedCalls: 2, keptCalls: 2 });
    const evicted = 1;
    expect(s.ladder({ rows: [evicted], merge: 'node', fold: true, hops: false })).toBeUndefined();
    // Its messages are let go too: the capture's first message (its INVITE) belongs to no kept row.
    expect([s.findRow(0), s.message(0)]).toEqual([-1, undefined]);
  });

  it('draws the ladder of a completed call and of one in progress, numbered as the capture is', () => {
    const { s } = session();
    s.push(EARLY);
    s.tick();
    const rows = s.listCalls(QUERY).rows;
    const done = s.ladder({ rows: [rows[0]!.id], merge: 'node', fold: true, hops: true })!;
    expect(done.ladder.rows.map((r) => r.method === undefined || r.kind === 'response' ? r.statusCode : r.method))
      .toEqual(['INVITE', 100, 180, 200, 'ACK', 'BYE', 200]);
    expect(done.rows).toEqual([rows[0]!.id]);
    expect(done.notes).not.toBeNull();
    const running = s.ladder({ rows: [rows[3]!.id], merge: 'node', fold: true, hops: false })!;
    expect(running.ladder.rows.map((r) => r.statusCode ?? r.method)).toEqual(['INVITE', 100, 180, 200, 'ACK']);
    // Session indices: answered-4's INVITE is the capture's 14th SIP message (index 13).
    const invite = running.ladder.rows[0]!.index;
    expect(invite).toBe(13);
    const detail = s.message(invite)!;
    expect(detail).toMatchObject({ index: 13, row: rows[3]!.id, request: true });
    expect(detail.startLine).toMatch(/^INVITE sip:bob@/);
    expect(detail.raw).toMatch(/Call-ID: answered-4/);
    expect(s.findRow(invite)).toBe(rows[3]!.id);
    expect(s.findRow(10_000)).toBe(-1);
  });

  it('filters and hides rows with the CLI language, and says where a filter is wrong', () => {
    const { s } = session();
    s.push(BYTES);
    s.finish();
    expect(rowsOf(s, { filter: 'outcome == busy' })).toEqual(['busy-2 INVITE busy 486']);
    expect(rowsOf(s, { filter: 'method == REGISTER' })).toEqual(['register-3 REGISTER registered 200']);
    expect(rowsOf(s, { hide: 'register' })).toHaveLength(4);
    expect(rowsOf(s, { sort: 'status', descending: true })[0]).toBe('busy-2 INVITE busy 486');
    const bad = s.listCalls({ ...QUERY, filter: 'status >>= 4' });
    expect(bad.filterError).toMatchObject({ at: 8 });
    expect(bad.total).toBe(5);
  });

  it('counts methods, responses and outcomes for the statistics', () => {
    const { s } = session();
    s.push(BYTES);
    s.finish();
    const stats = s.getStatistics();
    expect(stats).toMatchObject({ final: true, messages: 22, calls: 4, outcomes: { answered: 2, busy: 1, inProgress: 1 } });
    expect(stats.methods).toMatchObject({ INVITE: 4, ACK: 3, BYE: 2, REGISTER: 1 });
    expect(stats.pddMs.length).toBe(2);
  });

  it('reads a capture cut short without failing, and refuses bytes that are no capture', () => {
    const { s } = session();
    s.push(BYTES.subarray(0, Math.floor(BYTES.length / 2)));
    s.finish();
    expect(s.progress().phase).toBe('done');
    expect(s.listCalls(QUERY).total).toBeGreaterThan(0);
    const garbage = session().s;
    // "this is not a capture": printable text that is neither pcap, pcapng nor SIP.
    garbage.push(hex('74 68 69 73 20 69 73 20 6e 6f 74 20 61 20 63 61 70 74 75 72 65 00 01 02'));
    garbage.finish();
    expect(garbage.progress()).toMatchObject({ phase: 'failed', error: 'not a capture this tool reads (expected pcap or pcapng)' });
  });

  it('gives the same rows however the bytes are split into chunks', () => {
    const whole = session().s;
    whole.push(BYTES);
    whole.finish();
    const expected = rowsOf(whole);
    fc.assert(fc.property(fc.integer({ min: 1, max: 400 }), (size) => {
      const s = session().s;
      for (const c of chunked(BYTES, size)) s.push(c);
      s.finish();
      expect(rowsOf(s)).toEqual(expected);
    }), { numRuns: 25 });
  });
});
