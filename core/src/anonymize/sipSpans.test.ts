import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findSipSpans } from './sipSpans.ts';

/** "kind:text" of every span, in order. */
const found = (text: string) => findSipSpans(text).map((s) => `${s.kind}:${text.slice(s.start, s.end)}`);

describe('findSipSpans', () => {
  it('finds the values of a request: URI user and host, display names, tags, branch, Call-ID', () => {
    const text = [
      'INVITE sip:bob@biloxi.example.com SIP/2.0',
      'Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds;received=192.0.2.1;rport=5060',
      'From: "Alice \\"A\\" Liddell" <sip:alice@atlanta.example.com>;tag=1928301774',
      't: Bob <sip:bob@biloxi.example.com>',
      'i: a84b4c76e66710@pc33.atlanta.example.com',
      'CSeq: 314159 INVITE',
      'Max-Forwards: 70',
      '',
    ].join('\r\n');
    expect(found(text)).toEqual([
      'token:bob', 'host:biloxi.example.com',
      'host:pc33.atlanta.example.com', 'branch:z9hG4bK776asdhds', 'host:192.0.2.1',
      'token:Alice \\"A\\" Liddell', 'token:alice', 'host:atlanta.example.com', 'token:1928301774',
      'token:Bob', 'token:bob', 'host:biloxi.example.com',
      'token:a84b4c76e66710@pc33.atlanta.example.com',
    ]);
  });

  it('finds digest parameters, Warning agents, Replaces, tel and IPv6 references', () => {
    const text = [
      'Authorization: Digest username="martins", realm="enst.fr", nonce="4399c6", uri="sip:enst.fr", response="87ab32", algorithm=MD5',
      'Warning: 392 137.194.192.139:5060 "Noisy feedback tells: pid=12818 req_src_ip=137.194.192.139"',
      'Replaces: 98asjd8@host.example;to-tag=abc123;from-tag=def456',
      'P-Asserted-Identity: <tel:+33123456789>',
      'Contact: <sip:[2001:db8::10]:5060;transport=tcp>',
    ].join('\r\n');
    expect(found(text)).toEqual([
      'token:martins', 'host:enst.fr', 'token:4399c6', 'host:enst.fr', 'token:87ab32',
      'host:137.194.192.139', 'host:137.194.192.139',
      'token:98asjd8@host.example', 'token:abc123', 'token:def456',
      'token:+33123456789',
      'host:[2001:db8::10]',
    ]);
  });

  it('finds the SDP origin, connection address and keys, and leaves the rest of the SDP alone', () => {
    const text = 'v=0\r\no=alice 2890844526 2890844526 IN IP4 198.51.100.7\r\ns=-\r\nc=IN IP4 198.51.100.7/127\r\n'
      + 'm=audio 49170 RTP/AVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32\r\n'
      + 'a=rtcp:49171 IN IP6 2001:db8::7\r\n';
    expect(found(text)).toEqual([
      'token:alice', 'host:198.51.100.7', 'host:198.51.100.7', 'token:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR', 'host:2001:db8::7',
    ]);
  });

  it('does not take times, versions of SIP or ports for addresses', () => {
    expect(found('Date: Sat, 13 Nov 2010 23:29:00 GMT\r\nSIP/2.0 200 OK\r\nContent-Length: 0\r\nExpires: 3600\r\n')).toEqual([]);
  });

  it('returns nothing for empty or truncated text, and sorted, disjoint, in-bounds spans for anything', () => {
    expect(findSipSpans('')).toEqual([]);
    expect(found('From: "unterminated <sip:al')).toEqual(['host:al']);
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => {
      const spans = findSipSpans(s);
      let end = 0;
      for (const span of spans) {
        expect(span.start).toBeGreaterThanOrEqual(end);
        expect(span.end).toBeGreaterThan(span.start);
        expect(span.end).toBeLessThanOrEqual(s.length);
        end = span.end;
      }
    }), { numRuns: 500 });
  });
});
