import { describe, expect, it } from 'vitest';
import { parseParameters } from './parameters.ts';

describe('parseParameters', () => {
  it('reads name=value and valueless parameters with lower-case names', () => {
    const parsed = parseParameters(';Tag=AbC;lr;Q=0.5', 0);
    expect({ ...parsed.parameters }).toEqual({ tag: 'AbC', lr: '', q: '0.5' });
    expect(parsed.problem).toBeUndefined();
  });

  it('allows white space around ";" and "=" (SEMI, EQUAL of RFC 3261 §25.1)', () => {
    expect({ ...parseParameters(' ;   tag    = 1918181833n ;  lr', 0).parameters }).toEqual({ tag: '1918181833n', lr: '' });
  });

  it('keeps quoted values as written, with ";" inside them', () => {
    expect({ ...parseParameters(';text="a;b \\" c";x=1', 0).parameters }).toEqual({ text: '"a;b \\" c"', x: '1' });
  });

  it('reads IPv6 references as values', () => {
    expect({ ...parseParameters(';received=[2001:db8::9:255];branch=z9hG4bK1', 0).parameters }).toEqual({ received: '[2001:db8::9:255]', branch: 'z9hG4bK1' });
  });

  it('reports empty parameters (RFC 4475 §3.1.2.1) and keeps the others', () => {
    const parsed = parseParameters(';;tag=1;;;', 0);
    expect(parsed.problem).toBe('empty parameter');
    expect({ ...parsed.parameters }).toEqual({ tag: '1' });
  });

  it('reports stray text and an unterminated quoted value', () => {
    expect(parseParameters(';tag=1 junk;lr', 0).problem).toMatch(/unexpected/);
    expect(parseParameters(';tag=1 junk;lr', 0).parameters.lr).toBe('');
    expect(parseParameters(';text="never closed', 0).problem).toMatch(/unterminated/);
    expect(parseParameters(';tag=', 0).problem).toMatch(/no value/);
  });

  it('keeps the first of repeated names and refuses __proto__', () => {
    const parsed = parseParameters(';branch=a;branch=b;__proto__=x;constructor=y', 0);
    expect(parsed.parameters.branch).toBe('a');
    expect(Object.getPrototypeOf(parsed.parameters)).toBe(Object.prototype);
    expect(Object.hasOwn(parsed.parameters, '__proto__')).toBe(false);
    expect(parsed.parameters.constructor).toBe('y');
  });
});
