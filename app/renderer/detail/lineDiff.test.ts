import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLines, splitLines } from './lineDiff.ts';

describe('line diff of two messages', () => {
  it('shows what a proxy changed between two hops', () => {
    const a = splitLines('INVITE sip:b SIP/2.0\r\nVia: one\r\nMax-Forwards: 70\r\n');
    const b = splitLines('INVITE sip:b SIP/2.0\r\nVia: two\r\nVia: one\r\nMax-Forwards: 69\r\n');
    expect(diffLines(a, b).map((o) => `${o.kind[0]} ${o.text}`)).toEqual([
      's INVITE sip:b SIP/2.0', 'a Via: two', 's Via: one', 'r Max-Forwards: 70', 'a Max-Forwards: 69', 's ',
    ]);
  });

  it('rebuilds both sides from its output (property)', () => {
    const line = fc.constantFrom('a', 'b', 'c', 'Via: x', '');
    fc.assert(fc.property(fc.array(line, { maxLength: 30 }), fc.array(line, { maxLength: 30 }), (a, b) => {
      const ops = diffLines(a, b);
      expect(ops.filter((o) => o.kind !== 'added').map((o) => o.text)).toEqual(a);
      expect(ops.filter((o) => o.kind !== 'removed').map((o) => o.text)).toEqual(b);
    }));
  });

  it('keeps the common lines as long as possible (LCS) for small inputs', () => {
    const ops = diffLines(['a', 'b', 'c', 'd'], ['b', 'c', 'd', 'e']);
    expect(ops.filter((o) => o.kind === 'same').length).toBe(3);
  });

  it('falls back to a line-by-line comparison for huge inputs', () => {
    const a = Array.from({ length: 50 }, (_, i) => `l${i}`);
    const b = [...a];
    b[10] = 'changed';
    const ops = diffLines(a, b, 20);
    expect(ops.filter((o) => o.kind !== 'same')).toEqual([{ kind: 'removed', text: 'l10' }, { kind: 'added', text: 'changed' }]);
  });
});
