import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNameAddr } from './nameAddr.ts';

describe('parseNameAddr', () => {
  it('reads a quoted display name, the URI in < > and header parameters', () => {
    const parsed = parseNameAddr('"Alice \\"A\\"" <sip:alice@atlanta.example.com;transport=tcp>;tag=1928301774;Expires=60');
    expect(parsed.problem).toBeUndefined();
    expect(parsed.value).toMatchObject({ displayName: 'Alice "A"', uriText: 'sip:alice@atlanta.example.com;transport=tcp', bracketed: true });
    expect({ ...parsed.value?.parameters }).toEqual({ tag: '1928301774', expires: '60' });
    expect(parsed.value?.uri).toMatchObject({ kind: 'sip', user: 'alice', host: 'atlanta.example.com' });
  });

  it('reads token display names, with or without LWS before < (RFC 4475 §3.1.1.6)', () => {
    expect(parseNameAddr('caller<sip:caller@example.com>;tag=323').value).toMatchObject({ displayName: 'caller' });
    expect(parseNameAddr('A. Bell <sip:a.g.bell@example.com>').value?.displayName).toBe('A. Bell');
  });

  it('gives the ";…" after a bare addr-spec to the header, not the URI (RFC 3261 §20.10, RFC 4475 §3.3.12)', () => {
    const parsed = parseNameAddr('sip:+19725552222@gw1.example.net;unknownparam');
    expect(parsed.value?.uriText).toBe('sip:+19725552222@gw1.example.net');
    expect({ ...parsed.value?.parameters }).toEqual({ unknownparam: '' });
    const bracketed = parseNameAddr('<sip:+19725552222@gw1.example.net;unknownparam>');
    expect({ ...bracketed.value?.parameters }).toEqual({});
  });

  it('reads the wildcard Contact and non-SIP URIs', () => {
    expect(parseNameAddr('*').value).toMatchObject({ uriText: '*', uri: undefined });
    expect(parseNameAddr('<http://www.example.com>;tag=3234233').value?.uri).toMatchObject({ kind: 'absolute', scheme: 'http' });
    expect(parseNameAddr('isbn:2983792873').problem).toBeUndefined();
  });

  it('reports the RFC 4475 §3.1.2 defects and still finds URI and tag', () => {
    const unbalanced = parseNameAddr('"Mr. J. User <sip:j.user@example.com>');
    expect(unbalanced.problem).toMatch(/unterminated/);
    expect(unbalanced.value?.uriText).toBe('sip:j.user@example.com');
    const spaced = parseNameAddr('"Watson, Thomas" < sip:t.watson@example.org >');
    expect(spaced.problem).toMatch(/white space inside/);
    expect(spaced.value?.uriText).toBe('sip:t.watson@example.org');
    const unquoted = parseNameAddr('Bell, Alexander <sip:a.g.bell@example.com>;tag=43');
    expect(unquoted.problem).toMatch(/not quoted/);
    expect(unquoted.value?.parameters.tag).toBe('43');
    expect(parseNameAddr('sip:user@example.com?Route=%3Csip:sip.example.com%3E').problem).toMatch(/enclosed/);
    expect(parseNameAddr('"Joe" <sip:joe@example.org>;;;;').problem).toBe('empty parameter');
    expect(parseNameAddr('<sip:a@b').problem).toMatch(/">"/);
  });

  it('reports URI problems separately from name-addr problems', () => {
    const parsed = parseNameAddr('sip:user @example.com;tag=1');
    expect(parsed.problem).toBeUndefined();
    expect(parsed.uriProblem).toMatch(/white space/);
  });

  it('gives no value for an empty entry or an unterminated quote without < >', () => {
    expect(parseNameAddr('  ').value).toBeUndefined();
    expect(parseNameAddr('"never closed').value).toBeUndefined();
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (text) => {
      parseNameAddr(text);
      parseNameAddr(`"${text}" <sip:${text}>;tag=${text}`);
    }), { numRuns: 3000 });
  });
});
