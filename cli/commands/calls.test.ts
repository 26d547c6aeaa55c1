/** `sipladder calls` / `sipladder FILE`: the call list as text, JSON Lines and CSV, filtered and fitted. */
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../fakeTerminal.ts';

const TRAPEZOID = 'fixtures/samples/trapezoid/trapezoid.pcap';
// A softphone's session: 1 call, 2 registrations, 2 OPTIONS pings, 4 NOTIFY subscriptions.
const SOFTPHONE = 'fixtures/corpus/captures/Sample-PCAPs__SIP-RTP-Normal_Call_two_parties.pcap';
// SIPp: 8 answered calls between two hosts.
const SIPP = 'fixtures/corpus/captures/uploads____moin_import____attachments__SampleCaptures__sip-rtp-g726.pcap';

const jsonLines = (text: string) => text.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

describe('the call list', () => {
  const previous = { NO_COLOR: process.env.NO_COLOR, COLUMNS: process.env.COLUMNS };
  afterEach(() => {
    for (const [k, v] of Object.entries(previous)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('prints the RFC 3261 trapezoid call as one row', async () => {
    delete process.env.COLUMNS;
    const r = await runCli([TRAPEZOID]);
    expect(r.code).toBe(0);
    expect(r.out).toBe([
      '#  start         method  from                       to                      outcome   status    PDD  duration  msgs  legs  issues  Call-ID',
      '1  10:00:00.000  INVITE  alice@atlanta.example.com  bob@biloxi.example.com  answered     200  131ms     7.47s    14     1       0  a84b4c76e66710',
      '',
    ].join('\n'));
  });

  it('lists calls and other usages in order of first message, with dates when they span days', async () => {
    const r = await runCli(['calls', SOFTPHONE]);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(1 + 9);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[2])).toEqual(['REGISTER', 'OPTIONS', 'NOTIFY', 'NOTIFY', 'REGISTER', 'OPTIONS', 'NOTIFY', 'NOTIFY', 'INVITE']);
    expect(lines[1]).toMatch(/^1\s+21:09:42\.650/);
    const merged = (await runCli(['calls', SOFTPHONE, TRAPEZOID])).out.trim().split('\n');
    expect(merged[1]).toMatch(/^ 1\s+2018-04-09 21:09:42\.650/);
    expect(merged[10]).toMatch(/^10\s+2024-03-01 10:00:00\.000\s+INVITE/);
  });

  it('fits a narrow terminal by cutting the free-text columns with an ellipsis', async () => {
    delete process.env.NO_COLOR;
    process.env.NO_COLOR = '1';
    for (const width of [80, 100, 120]) {
      const r = await runCli(['calls', SOFTPHONE], { ttyColumns: width });
      const lines = r.out.trim().split('\n');
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
      expect(r.out).toContain('…');
      expect(r.out).not.toContain('\u001b[');
      expect(lines[0]).toMatch(/^#\s+start\s+.*from\s+to\s+outcome\s+status/);
    }
  });

  it('colours outcomes on a terminal only, and never with NO_COLOR', async () => {
    delete process.env.NO_COLOR;
    const tty = await runCli(['calls', TRAPEZOID], { ttyColumns: 200 });
    expect(tty.out).toContain('\u001b[32manswered');
    const pipe = await runCli(['calls', TRAPEZOID]);
    expect(pipe.out).not.toContain('\u001b[');
    process.env.NO_COLOR = '';
    expect((await runCli(['calls', TRAPEZOID], { ttyColumns: 200 })).out).not.toContain('\u001b[');
  });

  it('hides noise presets and keeps row numbers stable', async () => {
    const r = await runCli(['calls', SOFTPHONE, '--hide', 'options,register', '--json']);
    const rows = jsonLines(r.out);
    expect(rows.map((x) => x.kind)).toEqual(['subscription', 'subscription', 'subscription', 'subscription', 'call']);
    expect(rows.map((x) => x.row)).toEqual([3, 4, 7, 8, 9]);
    const usages = jsonLines((await runCli(['calls', SOFTPHONE, '--hide', 'usages', '--json'])).out);
    expect(usages.map((x) => x.kind)).toEqual(['call']);
  });

  it('filters rows: call fields on the call, message fields on any of its messages', async () => {
    const byKind = jsonLines((await runCli(['calls', SOFTPHONE, '--json', '--filter', 'method == OPTIONS or outcome == unregistered'])).out);
    expect(byKind.map((x) => x.kind)).toEqual(['registration', 'options', 'registration', 'options']);
    const legs = jsonLines((await runCli(['calls', SOFTPHONE, '--json', '-f', 'legs >= 2 and duration > 20s'])).out);
    expect(legs).toHaveLength(1);
    expect(legs[0]!.callIds).toHaveLength(2);
    const none = await runCli(['calls', SOFTPHONE, '--filter', 'status >= 400']);
    expect(none.out).toBe('No row matches (the capture has 9 rows).\n');
  });

  it('selects rows with --index ranges and --call prefixes', async () => {
    const rows = jsonLines((await runCli(['calls', SIPP, '--json', '--index', '2-3', '--index', '7', '--call', '1-2134'])).out);
    expect(rows.map((x) => x.row)).toEqual([1, 2, 3, 7]);
  });

  it('writes one JSON object per row with the documented keys', async () => {
    const [row] = jsonLines((await runCli(['calls', TRAPEZOID, '--json'])).out);
    expect(row).toMatchObject({
      row: 1, kind: 'call', method: 'INVITE', start: '2024-03-01T10:00:00.000000Z', from: 'sip:alice@atlanta.example.com',
      to: 'sip:bob@biloxi.example.com', callIds: ['a84b4c76e66710'], outcome: 'answered', status: 200, reason: 'OK',
      pddMs: 131, setupMs: 2511, durationMs: 7470, hungUpBy: 'callee', codecs: ['PCMU/8000'], messages: 14, legs: 1,
      firstFrame: 1, lastFrame: 14, call: 0, usage: null, issues: [], noise: false, registration: null,
    });
  });

  it('writes CSV with a header line and one line per row', async () => {
    const r = await runCli(['calls', SIPP, '--csv']);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe('row,kind,method,start,end,from,to,call_ids,outcome,status,reason,pdd_ms,setup_ms,duration_ms,hung_up_by,codecs,messages,legs,first_frame,last_frame,issues');
    expect(lines).toHaveLength(1 + 8);
    expect(lines[1]).toMatch(/^1,call,INVITE,2016-11-26T15:04:20\.882\d*Z,/);
  });

  it('says so when a capture has no SIP dialogs at all', async () => {
    const r = await runCli(['calls', 'fixtures/corpus/captures/Sample-PCAPs__SIP-over-TLS-RTP-Normal_Call_two_parties.pcap']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('No calls or other SIP dialogs in this capture');
  });
});
