import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeCaptureBytes } from '../../pipeline/captureAnalysis.ts';
import { compileFilter, type FilterScope } from './compileFilter.ts';
import { buildFilterData, type FilterData } from './filterData.ts';
import { HIDE_NOTHING, isRowHidden, parseHide } from './hidePresets.ts';

function load(path: string): FilterData {
  const a = analyzeCaptureBytes(new Uint8Array(readFileSync(new URL(`../../../../${path}`, import.meta.url))));
  return buildFilterData(a.model, a.analysis, a.lookup);
}

// RFC 3261 §24.2 through two proxies: 14 messages, one answered call, hung up by Bob after 7.47 s.
const trapezoid = load('fixtures/samples/trapezoid/trapezoid.pcap');
// A softphone's day: one call plus registrations, OPTIONS and subscriptions.
const busy = load('fixtures/corpus/captures/Sample-PCAPs__SIP-RTP-Normal_Call_two_parties.pcap');

function matching(data: FilterData, text: string, scope: FilterScope): number[] {
  const compiled = compileFilter(text, scope);
  if (!compiled.ok) throw new Error(`${text}: ${compiled.error.message}`);
  const n = scope === 'row' ? data.rows.length : data.model.records;
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (compiled.value.test(i, data)) out.push(i);
  return out;
}

const rows = (data: FilterData, text: string): number => matching(data, text, 'row').length;
const frames = (data: FilterData, text: string): number[] => matching(data, text, 'message').map((i) => data.lookup(i)!.frame);

describe('filters over calls', () => {
  it('tests call fields: outcome, final status, durations with units', () => {
    expect(rows(trapezoid, 'outcome == answered')).toBe(1);
    expect(rows(trapezoid, 'outcome == ANSWERED')).toBe(1);
    expect(rows(trapezoid, 'status >= 400')).toBe(0);
    expect(rows(trapezoid, 'status == 2xx and duration > 7 and duration < 7500ms')).toBe(1);
    expect(rows(trapezoid, 'pdd > 0.2')).toBe(0);
    expect(rows(trapezoid, 'hungup == callee')).toBe(1);
  });

  it('tests message fields on any message of the call', () => {
    expect(rows(trapezoid, 'method == BYE')).toBe(1);
    expect(rows(trapezoid, 'msg.status == 180')).toBe(1);
    expect(rows(trapezoid, 'method == CANCEL')).toBe(0);
    expect(rows(trapezoid, 'not method == CANCEL')).toBe(1);
    expect(rows(trapezoid, 'method != CANCEL')).toBe(1);
    expect(rows(trapezoid, 'src == 192.0.2.3 and dst == "192.0.2.4:5060"')).toBe(1);
    expect(rows(trapezoid, 'ua contains nonexistent')).toBe(0);
  });

  it('matches text case-insensitively with ~, contains and ==', () => {
    expect(rows(trapezoid, 'from ~ "ALICE@atlanta"')).toBe(1);
    expect(rows(trapezoid, 'to contains biloxi')).toBe(1);
    expect(rows(trapezoid, 'callid == A84B4C76E66710')).toBe(1);
    expect(rows(trapezoid, 'callid ~ "^a84b.*10$"')).toBe(1);
    expect(rows(trapezoid, 'codec in {PCMA/8000, "pcmu/8000"}')).toBe(1);
  });

  it('tells calls from other usages by kind and hides noise presets', () => {
    const kinds = busy.rows.map((r) => r.kind);
    expect(rows(busy, 'kind == call')).toBe(kinds.filter((k) => k === 'call').length);
    expect(rows(busy, 'kind == registration')).toBe(2);
    expect(rows(busy, 'outcome == unregistered')).toBe(2);
    const hide = parseHide('options,register');
    expect(hide.ok).toBe(true);
    if (!hide.ok) return;
    const visible = busy.rows.filter((r) => !isRowHidden(hide.value, r, busy)).map((r) => r.kind);
    expect(visible).not.toContain('options');
    expect(visible).not.toContain('registration');
    expect(visible).toContain('call');
    expect(busy.rows.filter((r) => isRowHidden(HIDE_NOTHING, r, busy))).toEqual([]);
  });

  it('refuses unknown presets, naming the known ones', () => {
    const hide = parseHide('options,bogus');
    expect(!hide.ok && hide.error).toContain("unknown --hide preset 'bogus'");
    const plural = parseHide('registers subscriptions');
    expect(plural.ok && [...plural.value.kinds]).toEqual(['registration', 'subscription']);
  });
});

describe('filters over messages', () => {
  it('tests message fields', () => {
    expect(frames(trapezoid, 'method == INVITE and request')).toEqual([1, 3, 5]);
    expect(frames(trapezoid, 'method == INVITE and status == 180')).toEqual([6, 7, 8]);
    expect(frames(trapezoid, 'status == 200 and method == BYE')).toEqual([14]);
    expect(frames(trapezoid, 'sdp and response')).toEqual([9, 10, 11]);
    expect(frames(trapezoid, 'ruri ~ "@192\\.0\\.2\\.4"')).toEqual([5, 12]);
    expect(frames(trapezoid, 'frame == 13 or cseq < 1000')).toEqual([13, 14]);
  });

  it('tests call fields on the message\'s call', () => {
    expect(frames(trapezoid, 'outcome == answered').length).toBe(14);
    expect(frames(trapezoid, 'call.status == 200 and not msg.status == 200').length).toBe(14 - 4);
    expect(frames(trapezoid, 'duration > 1h')).toEqual([]);
  });
});

describe('filter errors', () => {
  const error = (text: string, scope: FilterScope = 'row') => {
    const c = compileFilter(text, scope);
    if (c.ok) throw new Error(`${text} compiled`);
    return c.error;
  };

  it('names an unknown field, with a guess, at its column', () => {
    const e = error('outcome == busy or metod == INVITE');
    expect(e).toMatchObject({ at: 19, length: 5 });
    expect(e.message).toContain("unknown field 'metod' (did you mean 'method'?)");
  });

  it('refuses ordering on text and words where numbers belong', () => {
    expect(error('from < 3')).toMatchObject({ at: 7, message: expect.stringContaining("'from' is text") });
    expect(error('status >= abc')).toMatchObject({ at: 10, message: expect.stringContaining('number') });
    expect(error('duration > 3 days').at).toBe(13);
    expect(error('sdp == maybe', 'message').at).toBe(7);
    expect(error('status > 4xx').message).toContain('== and !=');
  });

  it('refuses an invalid regular expression at the value', () => {
    expect(error('from ~ "(alice"')).toMatchObject({ at: 7, length: 8 });
  });

  it('refuses a scope prefix on a field of the other scope', () => {
    expect(error('call.ruri == x').message).toContain("'ruri' is not a call field");
    expect(error('msg.outcome == x').message).toContain("'outcome' is not a message field");
  });

  it('accepts the usual aliases', () => {
    expect(rows(trapezoid, 'call-id == a84b4c76e66710 and code == 200 and user-agent contains x')).toBe(0);
  });

  it('never throws on random text, and a compiled filter never throws on real data', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), fc.constantFrom<FilterScope>('row', 'message'), (text, scope) => {
      const c = compileFilter(text, scope);
      if (!c.ok) return;
      const n = scope === 'row' ? trapezoid.rows.length : trapezoid.model.records;
      for (let i = 0; i < n; i++) c.value.test(i, trapezoid);
    }), { numRuns: 2000 });
  });

  it('never throws on well-formed comparisons of every field with any value', () => {
    const field = fc.constantFrom('method', 'status', 'from', 'pdd', 'sdp', 'frame', 'codec', 'issues', 'msg.status', 'call.outcome', 'legs', 'src');
    const op = fc.constantFrom('==', '!=', '<', '>=', '~', 'contains');
    fc.assert(fc.property(field, op, fc.string({ maxLength: 8 }), fc.constantFrom<FilterScope>('row', 'message'), (f, o, v, scope) => {
      const c = compileFilter(`${f} ${o} ${JSON.stringify(v)}`, scope);
      if (!c.ok) return;
      const n = scope === 'row' ? busy.rows.length : busy.model.records;
      for (let i = 0; i < n; i++) c.value.test(i, busy);
    }), { numRuns: 500 });
  });
});
