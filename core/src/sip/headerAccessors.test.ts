import { describe, expect, it } from 'vitest';
import {
  getHeader, getHeaderValues, getHeaders, readCSeq, readCallId, readContacts, readContentLength, readContentType,
  readExpires, readFrom, readMaxForwards, readRecordRoutes, readRoutes, readTo, readVias,
} from './headerAccessors.ts';
import { crlf, parseForTest } from './testMessages.ts';

const message = parseForTest(crlf(
  'INVITE sip:b@example.com SIP/2.0',
  'v: SIP/2.0/UDP a.example.com;branch=z9hG4bK1, SIP/2.0/TCP b.example.com;branch=z9hG4bK2',
  'Via: ;;',
  'f: "A" <sip:a@example.com>;tag=1',
  'To: Bell, Alexander <sip:b@example.com>',
  'Call-ID: abc',
  'CSeq: 99999999999 INVITE',
  'Max-Forwards: 70',
  'm: <sip:a@h1>, <sip:a@h2>',
  'Route: <sip:p1;lr>',
  'Route: <sip:p2;lr>',
  'Allow: INVITE, "quoted, one", ACK',
  'c: text/plain',
  'Expires: x',
  'l: 0',
  '', '',
)).message;

describe('header accessors', () => {
  it('find headers by any spelling of their name', () => {
    expect(getHeader(message, 'VIA')?.name).toBe('v');
    expect(getHeader(message, 'from')?.name).toBe('f');
    expect(getHeaders(message, 'v')).toHaveLength(2);
    expect(getHeader(message, 'Subject')).toBeUndefined();
  });

  it('flatten comma lists over all lines, respecting quotes', () => {
    expect(getHeaderValues(message, 'Allow')).toEqual(['INVITE', '"quoted, one"', 'ACK']);
    expect(getHeaderValues(message, 'Route')).toEqual(['<sip:p1;lr>', '<sip:p2;lr>']);
  });

  it('say missing, ok or malformed — a malformed value keeping its best reading', () => {
    expect(readCallId(message)).toMatchObject({ status: 'ok', value: 'abc' });
    expect(readMaxForwards(message)).toMatchObject({ status: 'ok', value: 70 });
    expect(readContentLength(message)).toMatchObject({ status: 'ok', value: 0 });
    expect(readContentType(message)).toMatchObject({ status: 'ok', value: { mediaType: 'text/plain' } });
    expect(readFrom(message)).toMatchObject({ status: 'ok', value: { displayName: 'A', parameters: { tag: '1' } } });
    const to = readTo(message);
    expect(to).toMatchObject({ status: 'malformed', value: { displayName: 'Bell, Alexander' }, issue: { code: 'sip.bad_name_addr' } });
    const cseq = readCSeq(message);
    expect(cseq).toMatchObject({ status: 'malformed', value: { number: undefined, method: 'INVITE' }, issue: { code: 'sip.bad_cseq' } });
    expect(readExpires(message)).toMatchObject({ status: 'malformed', value: undefined, issue: { code: 'sip.bad_expires' } });
    const empty = parseForTest(crlf('SIP/2.0 200 OK', '', '')).message;
    expect(readCallId(empty)).toEqual({ status: 'missing' });
    expect(readVias(empty)).toEqual({ values: [], issues: [] });
  });

  it('read list headers entry by entry; one bad entry does not spoil the others', () => {
    const vias = readVias(message);
    expect(vias.values.map((via) => via.host)).toEqual(['a.example.com', 'b.example.com']);
    expect(vias.issues.map((issue) => issue.code)).toEqual(['sip.bad_via']);
    expect(readContacts(message).values.map((contact) => contact.uriText)).toEqual(['sip:a@h1', 'sip:a@h2']);
    expect(readRoutes(message).values).toHaveLength(2);
    expect(readRecordRoutes(message)).toEqual({ values: [], issues: [] });
  });
});
