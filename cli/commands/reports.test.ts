/** `sipladder messages`, `stats`, `issues` and `summary` on real captures: text, JSON and filters. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../fakeTerminal.ts';

const TRAPEZOID = 'fixtures/samples/trapezoid/trapezoid.pcap';
const SOFTPHONE = 'fixtures/corpus/captures/Sample-PCAPs__SIP-RTP-Normal_Call_two_parties.pcap';
// IPv6 call whose INVITE and 200 OK were fragmented; one duplicated Content-Type, one CSeq going backwards.
const IPV6FRAG = 'fixtures/corpus/captures/tests__ipv6frag.pcap';
// A fuzzed capture: damaged messages everywhere.
const FUZZ = 'fixtures/corpus/captures/tests__cfgs__default__pcap__fuzz-2006-06-26-2594.pcap';

const jsonLines = (text: string) => text.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

describe('sipladder messages', () => {
  it('prints one line per message in capture order', async () => {
    const r = await runCli(['messages', TRAPEZOID]);
    const lines = r.out.trimEnd().split('\n');
    expect(lines).toHaveLength(14);
    expect(lines[0]).toBe('     1  1709287200.000000  192.0.2.1:5060 → 192.0.2.2:5060 UDP  INVITE sip:bob@biloxi.example.com  a84b4c76e66710');
    expect(lines[13]).toBe('    14  1709287210.012000  192.0.2.1:5060 → 192.0.2.4:5060 UDP  200 OK  a84b4c76e66710');
  });

  it('filters messages by message fields, and by the fields of their call', async () => {
    const byes = jsonLines((await runCli(['messages', TRAPEZOID, '--json', '--filter', 'method == BYE'])).out);
    expect(byes.map((m) => [m.frame, m.method, m.status])).toEqual([[13, 'BYE', null], [14, 'BYE', 200]]);
    const ofCall = jsonLines((await runCli(['messages', SOFTPHONE, '--json', '-f', 'kind == call and sdp'])).out);
    expect(ofCall.length).toBeGreaterThan(0);
    for (const m of ofCall) expect(m.codecs).not.toBeNull();
  });

  it('hides the messages of hidden rows and selects a row\'s messages with --index', async () => {
    const all = jsonLines((await runCli(['messages', SOFTPHONE, '--json'])).out);
    const shown = jsonLines((await runCli(['messages', SOFTPHONE, '--json', '--hide', 'options,subscribe'])).out);
    expect(shown.length).toBeLessThan(all.length);
    expect(shown.some((m) => m.method === 'OPTIONS' || m.method === 'NOTIFY')).toBe(false);
    const row9 = jsonLines((await runCli(['messages', SOFTPHONE, '--json', '--index', '9'])).out);
    expect(new Set(row9.map((m) => m.row))).toEqual(new Set([9]));
    expect(row9).toHaveLength(20);
  });

  it('writes every annotation in JSON, with the same keys on every line', async () => {
    const messages = jsonLines((await runCli(['messages', TRAPEZOID, '--json'])).out);
    const keys = Object.keys(messages[0]!);
    for (const m of messages) expect(Object.keys(m)).toEqual(keys);
    expect(messages[2]).toMatchObject({
      index: 2, frame: 3, request: true, method: 'INVITE', requestUri: 'sip:bob@biloxi.example.com', status: null, callId: 'a84b4c76e66710',
      cseq: '314159 INVITE', row: 1, call: 0, retransmission: false, issues: [],
      hop: { depth: 1, viaStack: [expect.stringContaining('bigbox3.site3.atlanta.example.com'), expect.stringContaining('pc33.atlanta.example.com')] },
    });
  });

  it('writes CSV with one line per message', async () => {
    const lines = (await runCli(['messages', IPV6FRAG, '--csv'])).out.trim().split('\n');
    expect(lines[0]).toMatch(/^index,frame,frames,input,input_frame,time,src,dst,transport,method,/);
    expect(lines).toHaveLength(1 + 32);
    expect(lines[1]).toMatch(/^0,2,1 2,,,/);
  });
});

describe('sipladder stats', () => {
  it('counts methods, codes, outcomes, and gives timing percentiles', async () => {
    const s = JSON.parse((await runCli(['stats', TRAPEZOID, '--json'])).out) as Record<string, any>;
    expect(s).toMatchObject({
      schemaVersion: 1, rows: 1, calls: 1, messages: 14, requests: 5, responses: 9, retransmissions: 0,
      methods: { INVITE: 3, ACK: 1, BYE: 1 }, statusCodes: { 100: 2, 180: 3, 200: 4 }, statusClasses: { '1xx': 5, '2xx': 4 },
      outcomes: { answered: 1 },
      pdd: { count: 1, minMs: 131, p50Ms: 131, p90Ms: 131, p99Ms: 131, maxMs: 131 },
      setup: { count: 1, p50Ms: 2511 }, duration: { count: 1, p50Ms: 7470 }, issues: [],
    });
    expect(s.pdd.histogram.find((b: { count: number }) => b.count === 1)).toEqual({ fromMs: 100, toMs: 250, count: 1 });
    expect(s.topTalkers.map((t: { name: string; messages: number }) => [t.name, t.messages])).toEqual([
      ['192.0.2.2:5060', 8], ['192.0.2.1:5060', 7], ['192.0.2.3:5060', 7], ['192.0.2.4:5060', 6],
    ]);
  });

  it('prints sections with a histogram', async () => {
    const r = await runCli(['stats', TRAPEZOID]);
    expect(r.out).toContain('Post-dial delay (INVITE → first 18x)\n  n=1  min 131ms  p50 131ms  p90 131ms  p99 131ms  max 131ms\n    100ms–250ms  ');
    expect(r.out).toContain('Top talkers');
    expect(r.out).toContain('No issues found.');
  });

  it('narrows to the selected rows', async () => {
    const s = JSON.parse((await runCli(['stats', SOFTPHONE, '--json', '--hide', 'usages'])).out) as Record<string, any>;
    expect(s).toMatchObject({ rows: 1, calls: 1, messages: 20, usages: {} });
    const whole = JSON.parse((await runCli(['stats', SOFTPHONE, '--json', '--top', '2'])).out) as Record<string, any>;
    expect(whole.usages).toEqual({ subscription: 4, 'registration (unregistered)': 2, options: 2 });
    expect(whole.topTalkers).toHaveLength(2);
  });
});

describe('sipladder issues', () => {
  it('groups issues by code with the catalogue sentence and where each happened', async () => {
    const r = JSON.parse((await runCli(['issues', IPV6FRAG, '--json'])).out) as { schemaVersion: number; groups: any[] };
    expect(r.schemaVersion).toBe(1);
    expect(r.groups.map((g) => [g.code, g.severity, g.count])).toEqual([['sip.duplicate_header', 'error', 1], ['correlate.cseq_backwards', 'warning', 1]]);
    expect(r.groups[0].summary).toBe('A single-valued header appears more than once.');
    expect(r.groups[0].occurrences).toEqual([{ frame: 24, message: 21, row: 1, input: null, inputFrame: null, detail: expect.any(String), value: 'Content-Type' }]);
  });

  it('prints errors first, with locations, and cuts long lists', async () => {
    const r = await runCli(['issues', FUZZ]);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toMatch(/^error +sip\.\w+ +×\d+$/);
    expect(r.out).toMatch(/· frame \d+, message \d+/);
    expect(r.out).toMatch(/… \d+ more \(--json lists up to 1000\)/);
    // Control characters from the capture never reach the terminal raw.
    // eslint-disable-next-line no-control-regex
    expect(r.out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it('counts exactly what `summary` counts for the whole capture', async () => {
    const issues = JSON.parse((await runCli(['issues', FUZZ, '--json'])).out) as { groups: { code: string; count: number }[] };
    const summary = JSON.parse((await runCli(['summary', FUZZ, '--json'])).out) as { issues: Record<string, number> };
    expect(Object.fromEntries(issues.groups.map((g) => [g.code, g.count]))).toEqual(summary.issues);
  });

  it('keeps only the issues of the selected rows', async () => {
    const r = JSON.parse((await runCli(['issues', IPV6FRAG, '--json', '--filter', 'method == OPTIONS'])).out) as { groups: unknown[] };
    expect(r.groups).toEqual([]);
    expect((await runCli(['issues', TRAPEZOID])).out).toBe('No issues found.\n');
  });
});

describe('sipladder summary', () => {
  it('adds the selection when a filter narrows it', async () => {
    const s = JSON.parse((await runCli(['summary', SOFTPHONE, '--json', '--hide', 'noise'])).out) as Record<string, any>;
    expect(s.selection).toEqual({ filter: [], hide: ['noise'], rows: 5, of: 9, calls: 1, messages: 28 });
    const text = (await runCli(['summary', SOFTPHONE, '--filter', 'kind == call'])).out;
    expect(text).toMatch(/rows of the call list +1 of 9/);
  });
});
