import { describe, expect, it } from 'vitest';
import type { CallListQuery, LadderQuery } from '../shared/apiTypes.ts';
import { CaptureSession } from './captureSession.ts';
import { chunked, HOSTILE_PATH, readCapture, TRAPEZOID_PATH } from './testCaptures.ts';
import { retransmissionCapture } from './testFlows.ts';

const all: CallListQuery = { offset: 0, limit: 100, sort: 'start', descending: false, filter: '', hide: '' };
const rows = (ids: number[], over: Partial<LadderQuery> = {}): LadderQuery => ({ rows: ids, merge: 'node', fold: true, hops: false, ...over });

function loaded(bytes: Uint8Array, chunkSize = 1 << 20): CaptureSession {
  const s = new CaptureSession({ session: 7, name: 'test.pcap', totalBytes: bytes.length, now: () => 0 });
  for (const c of chunked(bytes, chunkSize)) s.push(c);
  s.finish();
  return s;
}

describe('CaptureSession', () => {
  it('lists calls as they are found, before correlation, then replaces them with correlated rows', () => {
    const s = new CaptureSession({ session: 1, name: 't', totalBytes: null });
    const bytes = readCapture(TRAPEZOID_PATH);
    s.push(bytes.subarray(0, 2000));
    const early = s.listCalls(all);
    expect(early.generation).toBe(0);
    expect(early.rows).toHaveLength(1);
    expect(early.rows[0]).toMatchObject({ kind: 'pending', callId: 'a84b4c76e66710', method: 'INVITE', outcome: 'loading' });
    expect(s.progress()).toMatchObject({ phase: 'reading', rows: 1 });
    s.push(bytes.subarray(2000));
    s.finish();
    const final = s.listCalls(all);
    expect(final.generation).toBe(1);
    expect(final.rows[0]).toMatchObject({
      kind: 'call', from: 'sip:alice@atlanta.example.com', to: 'sip:bob@biloxi.example.com', outcome: 'answered', status: 200, messages: 14, legs: 1,
    });
    expect(s.progress()).toMatchObject({ phase: 'done', messages: 14, partial: false, bytesRead: bytes.length });
  });

  it('gives the core ladder model: one row per message in capture order, with hops, transactions, SDP codecs and Via depth', () => {
    const data = loaded(readCapture(TRAPEZOID_PATH)).ladder(rows([0]));
    const ladder = data.ladder;
    expect(ladder.rows.map((r) => r.frame)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    const invites = ladder.rows.filter((r) => r.kind === 'request' && r.method === 'INVITE');
    expect(invites.map((r) => data.viaDepth[r.row])).toEqual([1, 2, 3]);
    expect(new Set(invites.map((r) => r.logicalTransaction)).size).toBe(1);
    expect(new Set(invites.map((r) => r.transaction)).size).toBe(3);
    expect(invites[0]!.sdpCodecs).toEqual(['PCMU/8000']);
    expect(ladder.lanes.map((l) => l.name)).toEqual(['192.0.2.1:5060', '192.0.2.2:5060', '192.0.2.3:5060', '192.0.2.4:5060']);
    expect(ladder.brackets.length).toBeGreaterThan(3);
    expect(ladder.start).toEqual({ seconds: 1709287200, nanoseconds: 0 });
    expect(data.notes).toBeNull();
  });

  it('merges lanes as asked and adds hop notes on request', () => {
    const s = loaded(readCapture(TRAPEZOID_PATH));
    expect(s.ladder(rows([0], { merge: 'host' })).ladder.lanes.map((l) => l.key)).toEqual(['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4']);
    const notes = s.ladder(rows([0], { hops: true })).notes!;
    expect(notes).toHaveLength(14);
    expect(notes[2]!.join('\n')).toMatch(/bigbox3\.site3\.atlanta\.example\.com/);
  });

  it('draws a ladder while loading, each message its own row and lanes by address', () => {
    const s = new CaptureSession({ session: 1, name: 't', totalBytes: null });
    s.push(readCapture(TRAPEZOID_PATH).subarray(0, 3000));
    const ladder = s.ladder(rows([0])).ladder;
    expect(ladder.rows.length).toBeGreaterThan(0);
    expect(ladder.rows.every((r) => r.transaction === -1)).toBe(true);
    expect(ladder.lanes.every((l) => l.role === 'unknown')).toBe(true);
  });

  it('shows the proxied INVITE with the Via its sender pushed, Max-Forwards decremented and its copies on other hops', () => {
    const d = loaded(readCapture(TRAPEZOID_PATH)).message(2)!;
    expect(d.request).toBe(true);
    expect(d.hop?.pushedVia).toBe('SIP/2.0/UDP bigbox3.site3.atlanta.example.com;branch=z9hG4bK77ef4c2312983.1');
    expect(d.hop?.viaStack).toHaveLength(2);
    expect([d.hop?.maxForwardsBefore, d.hop?.maxForwardsAfter]).toEqual([70, 69]);
    expect(d.copies).toEqual([0, 4]);
    expect(d.raw).toMatch(/^INVITE sip:bob@biloxi\.example\.com SIP\/2\.0\r\n/);
    expect(d.raw!.slice(d.bodyOffset)).toMatch(/^v=0\r\n/);
    expect(d.headers.map((h) => h.name).slice(0, 3)).toEqual(['Via', 'Via', 'Max-Forwards']);
    expect(d.sdp?.media[0]).toMatchObject({ type: 'audio', port: 49172, codecs: ['PCMU/8000'], direction: 'sendrecv' });
    expect(d.time).toBe('2024-03-01T10:00:00.010000Z');
  });

  it('shows a response popping the Via of the hop it came back over', () => {
    const d = loaded(readCapture(TRAPEZOID_PATH)).message(6)!;
    expect(d.request).toBe(false);
    expect(d.hop?.poppedVia).toMatch(/^SIP\/2\.0\/UDP server10\.biloxi/);
    expect(d.copies.sort()).toEqual([5, 7]);
  });

  it('reads the same whatever the chunk size', () => {
    const bytes = readCapture(TRAPEZOID_PATH);
    const a = loaded(bytes, 13).ladder(rows([0]));
    const b = loaded(bytes).ladder(rows([0]));
    expect(a.ladder).toEqual(b.ladder);
  });

  it('folds retransmissions into their first copy (or not) and hides OPTIONS with the CLI\'s noise preset', () => {
    const s = loaded(retransmissionCapture());
    const list = s.listCalls(all).rows;
    expect(list.map((r) => [r.kind, r.method, r.outcome, r.status])).toEqual([['call', 'INVITE', 'busy', 486], ['usage', 'OPTIONS', 'options', 200]]);
    expect(s.listCalls({ ...all, hide: 'noise' }).total).toBe(1);
    expect(s.listCalls({ ...all, hide: 'options' }).total).toBe(1);
    const folded = s.ladder(rows([0])).ladder;
    expect(folded.rows[0]).toMatchObject({ retransmissions: [1], sdpCodecs: ['PCMA/8000', 'telephone-event/8000'] });
    const unfolded = s.ladder(rows([0], { fold: false })).ladder;
    expect(unfolded.rows[1]).toMatchObject({ index: 1, retransmissionOf: 0 });
    expect(unfolded.rows).toHaveLength(folded.rows.length + 1);
    expect(s.ladder(rows([0, 1])).ladder.messages).toBe(7);
  });

  it('filters the call list with the CLI\'s filter language and says where an expression is wrong', () => {
    const s = loaded(retransmissionCapture());
    expect(s.listCalls({ ...all, filter: 'method == INVITE and status >= 400' }).rows.map((r) => r.id)).toEqual([0]);
    expect(s.listCalls({ ...all, filter: 'kind == options' }).rows.map((r) => r.id)).toEqual([1]);
    expect(s.listCalls({ ...all, filter: 'msg.codec contains pcma' }).rows.map((r) => r.id)).toEqual([0]);
    const bad = s.listCalls({ ...all, filter: 'method == INVITE and stauts >= 400' });
    expect(bad.filterError).toMatchObject({ at: 21, length: 6 });
    expect(bad.filterError!.message).toMatch(/unknown field 'stauts' \(did you mean 'status'\?\)/);
    expect(bad.total).toBe(2);
    expect(s.listCalls({ ...all, hide: 'everything' }).filterError!.message).toMatch(/unknown --hide preset/);
  });

  it('filters while loading, on what has been read (message fields)', () => {
    const s = new CaptureSession({ session: 1, name: 't', totalBytes: null });
    s.push(readCapture(TRAPEZOID_PATH).subarray(0, 3000));
    expect(s.listCalls({ ...all, filter: 'method == INVITE' }).total).toBe(1);
    expect(s.listCalls({ ...all, filter: 'method == BYE' }).total).toBe(0);
    expect(s.listCalls({ ...all, hide: 'calls' }).total).toBe(0);
  });

  it('counts methods, status codes and outcomes, and groups issues by code with the messages they are on', () => {
    const stats = loaded(readCapture(HOSTILE_PATH)).getStatistics();
    expect(stats.final).toBe(true);
    expect(stats.messages).toBe(11);
    expect(stats.methods).toMatchObject({ INVITE: 2, ACK: 1, BYE: 1, OPTIONS: 1 });
    expect(stats.statusCodes).toMatchObject({ 100: 1, 180: 2, 200: 3 });
    const nul = stats.issues.find((g) => g.code === 'sip.nul_byte')!;
    expect(nul.count).toBe(2);
    expect(nul.examples.map((e) => e.index)).toEqual([5, 6]);
  });

  it('keeps hostile text as text: payloads arrive unchanged for the UI to show inertly', () => {
    const s = loaded(readCapture(HOSTILE_PATH));
    const d = s.message(5)!;
    expect(d.raw).toContain('X-Control: nul[\u0000] esc[\u001b[31m]');
    expect(d.raw).toContain('\uFFFD');
    expect(d.startLine).toBe('SIP/2.0 200 OK <img src=x onerror=alert(16)>');
    const xlong = s.message(0)!.headers.find((h) => h.name === 'X-Long')!;
    expect(xlong.value.length).toBe(8000);
    expect(s.listCalls({ ...all, filter: 'callid contains "<b>"' }).total).toBe(1);
  });

  it('stops early on cancel and analyses what was read', () => {
    const s = new CaptureSession({ session: 1, name: 't', totalBytes: null });
    s.push(readCapture(TRAPEZOID_PATH).subarray(0, 3000));
    s.finish(true);
    expect(s.progress()).toMatchObject({ phase: 'cancelled', partial: true });
    expect(s.progress().messages).toBeLessThan(14);
    s.push(readCapture(TRAPEZOID_PATH));
    expect(s.progress().phase).toBe('cancelled');
  });

  it('fails with a readable reason on input that is not a capture, and answers for unknown messages with nothing', () => {
    const s = new CaptureSession({ session: 1, name: 'junk', totalBytes: null });
    s.push(new TextEncoder().encode('this is not a capture at all, just words\n'.repeat(20)));
    s.finish();
    expect(s.progress().phase).toBe('failed');
    expect(s.progress().error).toMatch(/not a capture/);
    expect(s.message(0)).toBeUndefined();
  });

  it('handles a truncated capture: what was complete is listed', () => {
    const bytes = readCapture(TRAPEZOID_PATH);
    const s = loaded(bytes.subarray(0, bytes.length - 100));
    expect(s.progress().phase).toBe('done');
    expect(s.progress().messages).toBe(13);
    expect(s.findRow(0)).toBe(0);
    expect(s.findRow(999)).toBe(-1);
  });
});

describe('CaptureSession statistics', () => {
  it('lists issues that belong to no message (a cut capture) once each, without a message to jump to', () => {
    const bytes = readCapture(TRAPEZOID_PATH);
    const stats = loaded(bytes.subarray(0, bytes.length - 100)).getStatistics();
    const unattached = stats.issues.filter((g) => g.examples.every((e) => e.index === -1));
    expect(unattached.length).toBeGreaterThan(0);
    for (const g of unattached) expect(g.count).toBe(g.examples.length);
  });
});
