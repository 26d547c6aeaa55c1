import { describe, expect, it } from 'vitest';
import type { CallRow } from './apiTypes.ts';
import { compileFilter } from './callFilter.ts';

const row = (over: Partial<CallRow>): CallRow => ({
  id: 0, kind: 'call', startMs: 0, from: 'sip:alice@atlanta.example.com', to: 'sip:bob@biloxi.example.com', callId: 'a84b4c76e66710',
  method: 'INVITE', outcome: 'answered', status: 200, pddMs: 131, durationMs: 7470, messages: 14, legs: 1, issues: 0, noise: false, ...over,
});

function matches(filter: string, r: CallRow): boolean {
  const f = compileFilter(filter);
  if (!f.ok) throw new Error(f.error);
  return f.test(r);
}

describe('the call filter language', () => {
  it('matches everything when empty', () => {
    expect(matches('', row({}))).toBe(true);
    expect(matches('   ', row({}))).toBe(true);
  });

  it('finds bare words in any text column, case-insensitively', () => {
    expect(matches('ALICE', row({}))).toBe(true);
    expect(matches('a84b4c', row({}))).toBe(true);
    expect(matches('carol', row({}))).toBe(false);
  });

  it('matches a column by substring and exact fields by any listed value', () => {
    expect(matches('from:alice to:biloxi', row({}))).toBe(true);
    expect(matches('from:bob', row({}))).toBe(false);
    expect(matches('method:invite', row({}))).toBe(true);
    expect(matches('method:BYE,INVITE', row({}))).toBe(true);
    expect(matches('method:INV', row({}))).toBe(false);
    expect(matches('kind:usage', row({}))).toBe(false);
  });

  it('compares numbers with classes, operators and ranges; unmeasured values never match', () => {
    expect(matches('status:2xx', row({}))).toBe(true);
    expect(matches('status:4xx', row({}))).toBe(false);
    expect(matches('status:>=400', row({ status: 486 }))).toBe(true);
    expect(matches('pdd:>100', row({}))).toBe(true);
    expect(matches('pdd:<100', row({}))).toBe(false);
    expect(matches('duration:7000-8000', row({}))).toBe(true);
    expect(matches('pdd:>0', row({ pddMs: null }))).toBe(false);
    expect(matches('issues:0', row({}))).toBe(true);
  });

  it('negates terms with - or !', () => {
    expect(matches('-method:OPTIONS', row({}))).toBe(true);
    expect(matches('!method:INVITE', row({}))).toBe(false);
    expect(matches('-alice', row({}))).toBe(false);
  });

  it('keeps quoted values whole', () => {
    expect(matches('from:"alice@atlanta"', row({}))).toBe(true);
    expect(matches('"bob smith"', row({ to: 'Bob Smith <sip:b@x>' }))).toBe(true);
  });

  it('explains what it cannot read', () => {
    const unknown = compileFilter('colour:red');
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error).toMatch(/unknown field 'colour'/);
    const bad = compileFilter('status:lots');
    expect(bad.ok).toBe(false);
    expect(compileFilter('from:"open').ok).toBe(false);
    expect(compileFilter('from:').ok).toBe(false);
  });
});
