import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractSipFacts } from './extractSipFacts.ts';
import { parseSipMessage } from './parseSipMessage.ts';
import { crlf, parseForTest } from './testMessages.ts';
import { TYPICAL_INVITE } from './typicalInvite.ts';

const HEADERS = [
  'Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1',
  'From: <sip:a@example.com>;tag=1',
  'To: <sip:b@example.com>',
  'Call-ID: abc@a.example.com',
  'CSeq: 1 OPTIONS',
  'Max-Forwards: 70',
];

describe('extractSipFacts', () => {
  it('summarises a typical INVITE', () => {
    const { facts, issues } = parseForTest(TYPICAL_INVITE);
    expect(issues).toEqual([]);
    expect(facts).toMatchObject({
      kind: 'request', method: 'INVITE', requestUri: 'sip:bob@biloxi.example.com', callId: '3848276298220188511@atlanta.example.com',
      cseqNumber: 1, cseqMethod: 'INVITE', maxForwards: 70, contentType: 'application/sdp',
      from: { displayName: 'Alice', uri: 'sip:alice@atlanta.example.com', user: 'alice', host: 'atlanta.example.com', tag: '9fxced76sl' },
      to: { displayName: 'Bob', user: 'bob', host: 'biloxi.example.com' },
      contacts: [{ uri: 'sip:alice@client.atlanta.example.com;transport=udp', uriParameters: { transport: 'udp' } }],
      recordRoutes: [{ host: 'proxy.atlanta.example.com', uriParameters: { lr: '' } }],
      routes: [],
      sdp: { connectionAddress: '192.0.2.101', media: [{ type: 'audio', port: 49172, codecs: ['PCMU/8000', 'PCMA/8000', 'telephone-event/8000'], direction: 'sendrecv' }] },
    });
    expect(facts.to?.tag).toBeUndefined();
    expect(facts.vias).toEqual([
      { transport: 'UDP', host: 'proxy.atlanta.example.com', port: 5060, branch: 'z9hG4bK2d4790.1', raw: 'SIP/2.0/UDP proxy.atlanta.example.com:5060;branch=z9hG4bK2d4790.1' },
      { transport: 'UDP', host: 'pc33.atlanta.example.com', port: 5060, branch: 'z9hG4bK74bf9', rport: 5060, raw: 'SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK74bf9;rport=5060' },
    ]);
    expect(facts.contentLength).toBe(facts.bodyLength);
  });

  it('summarises a response, flattening comma lists and repeated lines in order', () => {
    const { facts } = parseForTest(crlf(
      'SIP/2.0 486 Busy Here',
      'Via: SIP/2.0/TCP p1.example.com;branch=z9hG4bKa, SIP/2.0/UDP [2001:db8::1]:5070;branch=z9hG4bKb;received=192.0.2.1',
      'v: SIP/2.0/UDP p3.example.com;branch=z9hG4bKc;rport',
      ...HEADERS.slice(1, 5),
      'Contact: "A, B" <sip:a@h1>, <sip:b@h2>;expires=30',
      'Reason: SIP ;cause=600 ;text="Busy Everywhere", Q.850;cause=17',
      'Server: Example/1.0',
      'Expires: 300',
      'Min-Expires: 60',
      'Content-Length: 0',
      '', '',
    ));
    expect(facts).toMatchObject({ kind: 'response', statusCode: 486, reasonPhrase: 'Busy Here', server: 'Example/1.0', expires: 300, minExpires: 60, bodyLength: 0 });
    expect(facts.method).toBeUndefined();
    expect(facts.vias.map((via) => [via.host, via.port, via.rport])).toEqual([['p1.example.com', undefined, undefined], ['2001:db8::1', 5070, undefined], ['p3.example.com', undefined, null]]);
    expect(facts.contacts.map((contact) => [contact.displayName, contact.parameters.expires])).toEqual([['A, B', undefined], [undefined, '30']]);
    expect(facts.reasons).toEqual(['SIP ;cause=600 ;text="Busy Everywhere"', 'Q.850;cause=17']);
  });

  it('reads tel URIs in From and To', () => {
    const { facts } = parseForTest(crlf('OPTIONS tel:+15551234 SIP/2.0', 'From: <tel:+15550000;phone-context=x>;tag=9', '', ''));
    expect(facts.from).toMatchObject({ user: '+15550000', uriParameters: { 'phone-context': 'x' }, tag: '9' });
    expect(facts.from?.host).toBeUndefined();
  });

  it('finds SDP inside multipart/mixed and multipart/related bodies', () => {
    for (const subtype of ['mixed', 'related']) {
      const body = ['--xyz', 'Content-Type: application/pidf+xml', '', '<x/>', '--xyz', 'Content-Type: application/sdp', '', 'v=0', 'c=IN IP4 192.0.2.5', 'm=audio 7078 RTP/AVP 0', '--xyz--', ''].join('\r\n');
      const { facts, codes } = parseForTest(crlf('INVITE sip:b@example.com SIP/2.0', ...HEADERS, `Content-Type: multipart/${subtype};boundary=xyz`, `Content-Length: ${body.length}`, '', body));
      expect(codes).toEqual(['sip.cseq_method_mismatch']);
      expect(facts.sdp).toEqual({ connectionAddress: '192.0.2.5', media: [{ type: 'audio', port: 7078, protocol: 'RTP/AVP', codecs: ['PCMU/8000'], direction: 'sendrecv' }] });
    }
  });

  it('reports a multipart body without a usable boundary', () => {
    expect(parseForTest(crlf('OPTIONS sip:b@example.com SIP/2.0', ...HEADERS, 'Content-Type: multipart/mixed', '', 'x')).codes).toContain('multipart.bad_boundary');
    expect(parseForTest(crlf('OPTIONS sip:b@example.com SIP/2.0', ...HEADERS, 'Content-Type: multipart/mixed;boundary=q', '', 'x')).codes).toContain('multipart.bad_boundary');
  });

  it('reads an SDP body without Content-Type when it starts with v=0, and reports a malformed one', () => {
    expect(parseForTest(crlf('OPTIONS sip:b@example.com SIP/2.0', ...HEADERS, '', 'v=0', 'm=audio 9 RTP/AVP 8', '')).facts.sdp?.media[0]?.codecs).toEqual(['PCMA/8000']);
    const broken = parseForTest(crlf('OPTIONS sip:b@example.com SIP/2.0', ...HEADERS, 'Content-Type: application/sdp', '', 'v=0', 'm =video 1 RTP/AVP 0', ''));
    expect(broken.codes).toContain('sdp.malformed');
    expect(broken.facts.sdp?.media).toEqual([]);
  });

  it('leaves malformed values undefined, with an issue each', () => {
    const { facts, codes } = parseForTest(crlf(
      'OPTIONS sip:b@example.com SIP/2.0', 'Via: SIP/2.0/UDP', 'From: "open <sip:a@b>', 'To: <sip:b@example.com>', 'Call-ID: x',
      'CSeq: many OPTIONS', 'Max-Forwards: 256', 'Expires: soon', 'Content-Type: sdp', 'Date: yesterday', '', '',
    ));
    expect(facts.vias).toEqual([]);
    expect(facts.cseqNumber).toBeUndefined();
    expect(facts.cseqMethod).toBe('OPTIONS');
    expect(facts.maxForwards).toBeUndefined();
    expect(facts.expires).toBeUndefined();
    expect(facts.contentType).toBeUndefined();
    expect(facts.from).toMatchObject({ uri: 'sip:a@b' });
    expect(codes).toEqual(expect.arrayContaining(['sip.bad_via', 'sip.bad_name_addr', 'sip.bad_cseq', 'sip.bad_max_forwards', 'sip.bad_expires', 'sip.bad_content_type', 'sip.bad_date']));
  });

  it('flags a CSeq number from 2^31 up as info, and a method mismatch as an error', () => {
    const { facts, issues } = parseForTest(crlf('BYE sip:b@example.com SIP/2.0', ...HEADERS.filter((h) => !h.startsWith('CSeq')), 'CSeq: 3000000000 INVITE', '', ''));
    expect(facts.cseqNumber).toBe(3000000000);
    expect(issues.map((issue) => [issue.code, issue.severity])).toEqual([['sip.cseq_over_2_31', 'info'], ['sip.cseq_method_mismatch', 'error']]);
  });

  it('checks the Request-URI', () => {
    expect(parseForTest(crlf('OPTIONS <sip:b@example.com> SIP/2.0', ...HEADERS, '', '')).codes).toContain('sip.bad_uri');
    expect(parseForTest(crlf('OPTIONS sip:b@example.com?Subject=x SIP/2.0', ...HEADERS, '', '')).codes).toContain('sip.bad_uri');
    expect(parseForTest(crlf('OPTIONS sip:b@example.com SIP/2.0', ...HEADERS, '', '')).codes).toEqual([]);
  });

  it('reads the first of repeated single-valued headers', () => {
    const { facts } = parseForTest(crlf('OPTIONS sip:b@example.com SIP/2.0', ...HEADERS, 'Call-ID: second', 'From: <sip:z@z>;tag=2', '', ''));
    expect(facts.callId).toBe('abc@a.example.com');
    expect(facts.from?.tag).toBe('1');
  });

  it('stays correct on hostile sizes: a 1 MB Via of commas and a 1 MB Contact', () => {
    const { facts, codes } = parseForTest(crlf('OPTIONS sip:b@example.com SIP/2.0', `Via: SIP/2.0/UDP h;branch=z9hG4bK1${','.repeat(1 << 20)}`, `Contact: <sip:${'u'.repeat(1 << 20)}@h>`, '', ''));
    expect(facts.vias).toHaveLength(1);
    expect(codes.filter((code) => code === 'sip.bad_via')).toHaveLength(1);
    expect(facts.contacts[0]!.user!.length).toBe(1 << 20);
  });

  it('stays correct on hostile repetition: escapes, valueless URI parameters, empty parameters', () => {
    const { facts } = parseForTest(crlf(
      'OPTIONS sip:b@example.com SIP/2.0',
      `From: "${'\\a'.repeat(1 << 19)}" <sip:a@b>;tag=1`,
      `Contact: <sip:a@b${';x'.repeat(1 << 19)}>${';'.repeat(1 << 20)}`,
      '', '',
    ));
    expect(facts.from?.displayName?.length).toBe(1 << 19);
    expect(facts.from?.tag).toBe('1');
    expect(facts.contacts[0]?.uriParameters).toEqual({ x: '' });
  });

  it('never throws on mutated messages or random header values', () => {
    const names = fc.constantFrom('Via', 'v', 'From', 'To', 'Contact', 'm', 'Route', 'Record-Route', 'CSeq', 'Call-ID', 'Max-Forwards', 'Expires', 'Min-Expires', 'Content-Type', 'c', 'Content-Length', 'Date', 'Reason', 'X-Other');
    const value = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('<sip:a@[::1]:5060;lr>;tag=1', '"q\\"" <sip:x>', 'SIP/2.0/UDP [::1;branch', 'multipart/mixed;boundary=b', '1 INVITE', ',,,;;;'));
    const body = fc.oneof(fc.string({ maxLength: 60 }), fc.constant('--b\r\nContent-Type: application/sdp\r\n\r\nv=0\r\nm=audio 1 RTP/AVP 0\r\n--b--'));
    fc.assert(fc.property(fc.array(fc.tuple(names, value), { maxLength: 12 }), body, (headers, text) => {
      const bytes = crlf('INVITE sip:b@example.com SIP/2.0', ...headers.map(([name, v]) => `${name}: ${v}`), '', text);
      const parsed = parseSipMessage(bytes);
      if (parsed.kind === 'message') extractSipFacts(parsed.message, []);
    }), { numRuns: 2000 });
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(TYPICAL_INVITE.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 16 }), (mutations) => {
      const bytes = TYPICAL_INVITE.slice();
      for (const [at, byte] of mutations) bytes[at] = byte;
      const parsed = parseSipMessage(bytes);
      if (parsed.kind === 'message') extractSipFacts(parsed.message, []);
    }), { numRuns: 2000 });
  });
});

describe('extraHeaders', () => {
  it('keeps the correlation headers verbatim under their lower-case full names, compact forms expanded', () => {
    const text = 'INVITE sip:b@example.com SIP/2.0\r\nVia: SIP/2.0/UDP a.example.com;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n' +
      'From: <sip:a@example.com>;tag=1\r\nTo: <sip:b@example.com>\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\nX-Call-ID: leg-a@example.com\r\n' +
      'r: <sip:c@example.com>\r\nX-Unrelated: no\r\nContent-Length: 0\r\n\r\n';
    const parsed = parseSipMessage(new TextEncoder().encode(text));
    if (parsed.kind !== 'message') throw new Error('not parsed');
    expect(extractSipFacts(parsed.message).extraHeaders).toEqual({ 'x-call-id': 'leg-a@example.com', 'refer-to': '<sip:c@example.com>' });
  });
});
