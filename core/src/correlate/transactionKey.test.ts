import { describe, expect, it } from 'vitest';
import { hasMagicCookie, transactionKeyAt, transactionKeyFor } from './transactionKey.ts';
import { parseTestFacts, parseVia } from './testRecords.ts';

const invite = parseTestFacts(`
  INVITE sip:bob@biloxi.com SIP/2.0
  Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds8
  From: Alice <sip:alice@atlanta.com>;tag=1928301774
  To: Bob <sip:bob@biloxi.com>
  Call-ID: a84b4c76e66710
  CSeq: 314159 INVITE
`);

describe('transactionKeyFor', () => {
  it('gives a request and its response the same RFC 3261 key (branch + sent-by + method)', () => {
    const response = parseTestFacts(`
      SIP/2.0 180 Ringing
      Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds8;received=192.0.2.1
      From: Alice <sip:alice@atlanta.com>;tag=1928301774
      To: Bob <sip:bob@biloxi.com>;tag=a6c85cf
      Call-ID: a84b4c76e66710
      CSeq: 314159 INVITE
    `);
    const a = transactionKeyFor(invite, 'INVITE')!;
    expect(a.matching).toBe('rfc3261');
    expect(transactionKeyFor(response, 'INVITE')!.key).toBe(a.key);
  });

  it('treats an absent sent-by port as the default 5060', () => {
    const explicit = parseTestFacts(`
      INVITE sip:bob@biloxi.com SIP/2.0
      Via: SIP/2.0/UDP PC33.atlanta.com:5060;branch=z9hG4bKnashds8
      From: Alice <sip:alice@atlanta.com>;tag=1928301774
      Call-ID: a84b4c76e66710
      CSeq: 314159 INVITE
    `);
    expect(transactionKeyFor(explicit, 'INVITE')!.key).toBe(transactionKeyFor(invite, 'INVITE')!.key);
  });

  it('gives CANCEL its own key although it carries the INVITE branch', () => {
    expect(transactionKeyFor(invite, 'CANCEL')!.key).not.toBe(transactionKeyFor(invite, 'INVITE')!.key);
  });

  it('falls back to RFC 2543 matching, with the From tag, when the branch lacks the magic cookie', () => {
    const old = parseTestFacts(`
      INVITE sip:bob@biloxi.com SIP/2.0
      Via: SIP/2.0/UDP 10.0.0.1;branch=0
      From: <sip:a@x>;tag=1
      Call-ID: c1
      CSeq: 1 INVITE
    `);
    const otherTag = parseTestFacts(`
      INVITE sip:bob@biloxi.com SIP/2.0
      Via: SIP/2.0/UDP 10.0.0.1;branch=0
      From: <sip:a@x>;tag=2
      Call-ID: c1
      CSeq: 1 INVITE
    `);
    const key = transactionKeyFor(old, 'INVITE')!;
    expect(key.matching).toBe('rfc2543');
    expect(transactionKeyFor(otherTag, 'INVITE')!.key).not.toBe(key.key);
  });

  it('returns undefined when Via, CSeq or Call-ID is missing', () => {
    const noVia = parseTestFacts(`
      OPTIONS sip:x SIP/2.0
      Call-ID: c
      CSeq: 1 OPTIONS
    `);
    expect(transactionKeyFor(noVia, 'OPTIONS')).toBeUndefined();
    expect(transactionKeyFor({ ...invite, cseqNumber: undefined }, 'INVITE')).toBeUndefined();
    expect(transactionKeyFor({ ...invite, callId: undefined }, 'INVITE')).toBeUndefined();
  });

  it('finds the previous hop key from the second Via', () => {
    const out = parseTestFacts(`
      INVITE sip:bob@biloxi.com SIP/2.0
      Via: SIP/2.0/UDP bigbox3.site3.atlanta.com;branch=z9hG4bK77ef4c2312983.1
      Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds8;received=192.0.2.1
      From: Alice <sip:alice@atlanta.com>;tag=1928301774
      Call-ID: a84b4c76e66710
      CSeq: 314159 INVITE
    `);
    expect(transactionKeyAt(out, 1, 'INVITE')!.key).toBe(transactionKeyFor(invite, 'INVITE')!.key);
    expect(transactionKeyAt(out, 2, 'INVITE')).toBeUndefined();
  });
});

describe('hasMagicCookie', () => {
  it('requires the exact z9hG4bK prefix followed by something', () => {
    expect(hasMagicCookie(parseVia('SIP/2.0/UDP h;branch=z9hG4bK1'))).toBe(true);
    expect(hasMagicCookie(parseVia('SIP/2.0/UDP h;branch=z9hG4bK'))).toBe(false);
    expect(hasMagicCookie(parseVia('SIP/2.0/UDP h;branch=Z9HG4BK1'))).toBe(false);
    expect(hasMagicCookie(parseVia('SIP/2.0/UDP h'))).toBe(false);
    expect(hasMagicCookie(undefined)).toBe(false);
  });
});
