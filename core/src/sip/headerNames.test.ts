import { describe, expect, it } from 'vitest';
import { COMPACT_HEADER_FORMS, canonicalHeaderName } from './headerNames.ts';

describe('canonicalHeaderName', () => {
  it('expands every compact form of RFC 3261 and its extensions, in either case', () => {
    const table: Record<string, string> = {
      i: 'call-id', m: 'contact', e: 'content-encoding', l: 'content-length', c: 'content-type', f: 'from',
      s: 'subject', k: 'supported', t: 'to', v: 'via', o: 'event', r: 'refer-to', b: 'referred-by',
      x: 'session-expires', u: 'allow-events', a: 'accept-contact', j: 'reject-contact', d: 'request-disposition',
      y: 'identity', n: 'identity-info',
    };
    expect(COMPACT_HEADER_FORMS).toEqual(table);
    for (const [compact, full] of Object.entries(table)) {
      expect(canonicalHeaderName(compact)).toBe(full);
      expect(canonicalHeaderName(compact.toUpperCase())).toBe(full);
    }
  });

  it('lower-cases full names whatever their spelling', () => {
    for (const name of ['Via', 'VIA', 'vIa', 'Call-ID', 'CALL-id', 'Max-Forwards', 'MaX-fOrWaRdS', 'cseq', 'CSeq']) {
      expect(canonicalHeaderName(name)).toBe(name.toLowerCase());
    }
  });

  it('lower-cases unknown names and leaves unknown single letters alone', () => {
    expect(canonicalHeaderName('X-Custom-Header')).toBe('x-custom-header');
    expect(canonicalHeaderName('C%6Fntact')).toBe('c%6fntact');
    expect(canonicalHeaderName('g')).toBe('g');
    expect(canonicalHeaderName('Q')).toBe('q');
  });
});
