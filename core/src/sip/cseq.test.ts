import { describe, expect, it } from 'vitest';
import { parseCSeq } from './cseq.ts';
import { UINT32_MAX, parseDecimal } from './decimal.ts';

describe('parseCSeq', () => {
  it('reads number and method, leading zeros and LWS included', () => {
    expect(parseCSeq('0009 INVITE')).toEqual({ value: { number: 9, method: 'INVITE' }, problem: undefined });
    expect(parseCSeq('  4711\t  REGISTER ')).toEqual({ value: { number: 4711, method: 'REGISTER' }, problem: undefined });
  });

  it('accepts the whole 32-bit range and refuses more (RFC 4475 §3.1.2.4)', () => {
    expect(parseCSeq('4294967295 ACK').value.number).toBe(4294967295);
    const big = parseCSeq('36893488147419103232 REGISTER');
    expect(big.value).toEqual({ number: undefined, method: 'REGISTER' });
    expect(big.problem).toMatch(/32 bits/);
  });

  it('reports a missing or bad number or method', () => {
    expect(parseCSeq('INVITE').problem).toMatch(/not a number/);
    expect(parseCSeq('1').problem).toMatch(/no method/);
    expect(parseCSeq('1 INV ITE').problem).toMatch(/not a method/);
    expect(parseCSeq('').value).toEqual({ number: undefined, method: undefined });
  });
});

describe('parseDecimal', () => {
  it('reads digits exactly, says NaN for non-digits and Infinity above the maximum', () => {
    expect(parseDecimal('0068', 255)).toBe(68);
    expect(parseDecimal('256', 255)).toBe(Number.POSITIVE_INFINITY);
    expect(parseDecimal('1'.repeat(400), UINT32_MAX)).toBe(Number.POSITIVE_INFINITY);
    expect(parseDecimal('-1', 255)).toBeNaN();
    expect(parseDecimal('', 255)).toBeNaN();
    expect(parseDecimal('1 ', 255)).toBeNaN();
  });
});
