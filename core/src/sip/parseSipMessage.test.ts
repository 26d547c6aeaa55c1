import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hex } from '../shared/bytes.ts';
import { getHeader } from './headerAccessors.ts';
import { parseSipMessage } from './parseSipMessage.ts';
import type { SipMessage } from './sipMessage.ts';
import { crlf, utf8 } from './testMessages.ts';
import { TYPICAL_INVITE } from './typicalInvite.ts';

function parse(bytes: Uint8Array): { message: SipMessage; codes: string[] } {
  const result = parseSipMessage(bytes);
  if (result.kind !== 'message') throw new Error('not SIP');
  return { message: result.message, codes: result.issues.map((issue) => issue.code) };
}

const OPTIONS_HEADERS = [
  'Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1',
  'From: <sip:a@example.com>;tag=1',
  'To: <sip:b@example.com>',
  'Call-ID: abc@a.example.com',
  'CSeq: 1 OPTIONS',
  'Max-Forwards: 70',
];

describe('parseSipMessage', () => {
  it('reads a typical INVITE: start line, headers in order, body bounded by Content-Length', () => {
    const { message, codes } = parse(TYPICAL_INVITE);
    expect(codes).toEqual([]);
    expect(message.startLine).toEqual({ kind: 'request', method: 'INVITE', requestUri: 'sip:bob@biloxi.example.com', version: 'SIP/2.0' });
    expect(message.headers.map((header) => header.canonicalName)).toEqual([
      'via', 'via', 'max-forwards', 'from', 'to', 'call-id', 'cseq', 'contact', 'record-route', 'allow', 'content-type', 'content-length',
    ]);
    expect(message.body.length).toBe(message.contentLength);
    expect(new TextDecoder().decode(message.body).startsWith('v=0\r\n')).toBe(true);
    // Offsets point at the header name in the bytes.
    const via = message.headers[0]!;
    expect(new TextDecoder().decode(TYPICAL_INVITE.subarray(via.offset, via.offset + 4))).toBe('Via:');
  });

  it('reads a status line with an empty reason phrase and one with a UTF-8 phrase', () => {
    expect(parse(crlf('SIP/2.0 100 ', ...OPTIONS_HEADERS.slice(0, 5), '', '')).message.startLine).toEqual({
      kind: 'response', version: 'SIP/2.0', statusCode: 100, statusCodeText: '100', reasonPhrase: '',
    });
    const ok = parse(utf8('SIP/2.0 200 Très bien\r\n\r\n')).message.startLine;
    expect(ok.kind === 'response' && ok.reasonPhrase).toBe('Très bien');
  });

  it('undoes folding: each fold reads as one space, and says so with an info issue', () => {
    const { message, codes } = parse(crlf('OPTIONS sip:b@example.com SIP/2.0', 'Subject: first', '  second', '\tthird', 'To:', ' <sip:b@example.com>', '', ''));
    expect(getHeader(message, 'subject')?.value).toBe('first second third');
    expect(getHeader(message, 'to')?.value).toBe('<sip:b@example.com>');
    expect(codes).toContain('sip.folded_line');
  });

  it('keeps header names as written and gives the canonical full name of compact forms', () => {
    const { message } = parse(crlf('OPTIONS sip:b@example.com SIP/2.0', 'v: SIP/2.0/UDP h', 'MaX-fOrWaRdS: 5', 'i: x', 'l: 0', '', ''));
    expect(message.headers.map((header) => [header.name, header.canonicalName])).toEqual([
      ['v', 'via'], ['MaX-fOrWaRdS', 'max-forwards'], ['i', 'call-id'], ['l', 'content-length'],
    ]);
  });

  it('takes white space before the colon and around the value', () => {
    const { message } = parse(crlf('OPTIONS sip:b@example.com SIP/2.0', 'Call-ID   :   abc  ', '', ''));
    expect(message.headers[0]).toMatchObject({ name: 'Call-ID', value: 'abc' });
  });

  it('accepts bare LF line ends with an info issue', () => {
    const { message, codes } = parse(utf8(`OPTIONS sip:b@example.com SIP/2.0\n${OPTIONS_HEADERS.join('\n')}\nContent-Length: 2\n\nok`));
    expect(message.headers).toHaveLength(7);
    expect(new TextDecoder().decode(message.body)).toBe('ok');
    expect(codes).toEqual(['sip.bare_lf']);
  });

  it('ignores CRLFs before the start line (RFC 3261 §7.5)', () => {
    const { message } = parse(crlf('', '', 'OPTIONS sip:b@example.com SIP/2.0', ...OPTIONS_HEADERS, '', ''));
    expect(message.startLine.kind).toBe('request');
    expect(message.headers[0]!.offset).toBe(4 + 'OPTIONS sip:b@example.com SIP/2.0\r\n'.length);
  });

  it('reports a header line without a colon and keeps the others', () => {
    const { message, codes } = parse(crlf('OPTIONS sip:b@example.com SIP/2.0', 'Foobar roobar', 'Call-ID: x', '', ''));
    expect(codes).toContain('sip.header_no_colon');
    expect(message.headers.map((header) => header.name)).toEqual(['Call-ID']);
  });

  it('reports a continuation line that follows no header', () => {
    expect(parse(crlf('OPTIONS sip:b@example.com SIP/2.0', ' stray', 'Call-ID: x', '', '')).codes).toContain('sip.orphan_continuation');
  });

  it('reports a header name that is not a token', () => {
    expect(parse(crlf('OPTIONS sip:b@example.com SIP/2.0', 'Bad Name: x', '', '')).codes).toContain('sip.bad_header_name');
  });

  it('reports missing mandatory headers: Max-Forwards only for requests', () => {
    const missing = (bytes: Uint8Array): unknown[] => {
      const result = parseSipMessage(bytes);
      return result.kind === 'message' ? result.issues.filter((issue) => issue.code === 'sip.missing_header').map((issue) => issue.value) : [];
    };
    expect(missing(crlf('OPTIONS sip:b@example.com SIP/2.0', 'Call-ID: x', '', ''))).toEqual(['Via', 'From', 'To', 'CSeq', 'Max-Forwards']);
    expect(missing(crlf('SIP/2.0 200 OK', 'Call-ID: x', '', ''))).toEqual(['Via', 'From', 'To', 'CSeq']);
    expect(missing(crlf('OPTIONS sip:b@example.com SIP/2.0', ...OPTIONS_HEADERS, '', ''))).toEqual([]);
  });

  it('reports a single-valued header given twice, once per name; Via may repeat', () => {
    const { codes } = parse(crlf('OPTIONS sip:b@example.com SIP/2.0', ...OPTIONS_HEADERS, 'Via: SIP/2.0/UDP b', 'CSeq: 2 OPTIONS', 'cseq: 3 OPTIONS', '', ''));
    expect(codes.filter((code) => code === 'sip.duplicate_header')).toHaveLength(1);
  });

  it('limits a datagram body to Content-Length and reports the trailing bytes', () => {
    const { message, codes } = parse(crlf('OPTIONS sip:b@example.com SIP/2.0', ...OPTIONS_HEADERS, 'Content-Length: 3', '', 'abcdef'));
    expect(new TextDecoder().decode(message.body)).toBe('abc');
    expect(codes).toEqual(['sip.trailing_bytes']);
  });

  it('reports a body shorter than Content-Length and keeps what is there', () => {
    const { message, codes } = parse(crlf('OPTIONS sip:b@example.com SIP/2.0', ...OPTIONS_HEADERS, 'Content-Length: 30', '', 'abc'));
    expect(message.body.length).toBe(3);
    expect(message.contentLength).toBe(30);
    expect(codes).toEqual(['sip.content_length_mismatch']);
  });

  it('treats a Content-Length that is not a number as absent, with an issue', () => {
    const { message, codes } = parse(crlf('OPTIONS sip:b@example.com SIP/2.0', ...OPTIONS_HEADERS, 'Content-Length: 1e3', '', 'abc'));
    expect(message.contentLength).toBeUndefined();
    expect(message.body.length).toBe(3);
    expect(codes).toEqual(['sip.content_length_invalid']);
  });

  it('takes the whole remainder as body when Content-Length is absent (datagram rule)', () => {
    expect(parse(crlf('OPTIONS sip:b@example.com SIP/2.0', ...OPTIONS_HEADERS, '', 'abc')).message.body.length).toBe(3);
  });

  it('parses a truncated message (no empty line) with an issue', () => {
    const { message, codes } = parse(utf8('OPTIONS sip:b@example.com SIP/2.0\r\nCall-ID: abc\r\nCSeq: 1 OPT'));
    expect(message.headers.map((header) => header.value)).toEqual(['abc', '1 OPT']);
    expect(message.body.length).toBe(0);
    expect(codes).toContain('sip.header_not_terminated');
  });

  it('parses a message that is only a start line', () => {
    const { message, codes } = parse(utf8('SIP/2.0 200 OK'));
    expect(message.headers).toEqual([]);
    expect(codes).toContain('sip.header_not_terminated');
  });

  it('reports a NUL outside a quoted-pair but not one escaped in a quoted string', () => {
    // "Subject: a" NUL "b" CRLF CRLF after a start line
    const bad = new Uint8Array([...crlf('OPTIONS sip:b@example.com SIP/2.0', ''), ...hex('53 75 62 6a 65 63 74 3a 20 61 00 62 0d 0a 0d 0a')]);
    expect(parse(bad).codes).toContain('sip.nul_byte');
    // To: "a\" NUL "" <sip:b@example.com>  — the NUL is escaped by the backslash
    const escaped = new Uint8Array([...crlf('OPTIONS sip:b@example.com SIP/2.0', ''), ...utf8('To: "a\\'), 0x00, ...utf8('" <sip:b@example.com>\r\n\r\n')]);
    expect(parse(escaped).codes).not.toContain('sip.nul_byte');
  });

  it('decodes non-ASCII header values as UTF-8, falling back to Latin-1 for invalid UTF-8', () => {
    // From: "José" <sip:j@example.com> with é as UTF-8 (c3 a9), then as Latin-1 (e9)
    const asUtf8 = new Uint8Array([...utf8('OPTIONS sip:b@example.com SIP/2.0\r\nFrom: "Jos'), ...hex('c3 a9'), ...utf8('"\r\n\r\n')]);
    const asLatin1 = new Uint8Array([...utf8('OPTIONS sip:b@example.com SIP/2.0\r\nFrom: "Jos'), ...hex('e9'), ...utf8('"\r\n\r\n')]);
    expect(parse(asUtf8).message.headers[0]!.value).toBe('"José"');
    expect(parse(asLatin1).message.headers[0]!.value).toBe('"José"');
  });

  it('still reads SIP-like start lines that break the grammar, with issues', () => {
    expect(parse(utf8('OPTIONS sip:b@example.com SIP/7.0\r\n\r\n')).codes).toContain('sip.bad_version');
    const big = parse(utf8('SIP/2.0 4294967301 better not break the receiver\r\n\r\n'));
    expect(big.codes).toContain('sip.bad_status_code');
    expect(big.message.startLine).toMatchObject({ statusCode: undefined, statusCodeText: '4294967301' });
    expect(parse(utf8('SIP/2.0 200\r\n\r\n')).codes).toContain('sip.bad_start_line');
    expect(parse(utf8('INVITE  sip:b@example.com  SIP/2.0\r\n\r\n')).message.startLine).toMatchObject({ requestUri: 'sip:b@example.com' });
    expect(parse(utf8('INVITE SIP/2.0\r\n\r\n')).codes).toContain('sip.bad_start_line');
  });

  it('takes a bare CR as the end of the start line, reading the rest of that line as a header', () => {
    const { message, codes } = parse(utf8('CANCEL sip:b@example.com SIP/2.0\rVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCall-ID: x\r\n\r\n'));
    expect(message.startLine).toMatchObject({ method: 'CANCEL', requestUri: 'sip:b@example.com' });
    expect(message.headers.map((header) => header.canonicalName)).toEqual(['via', 'call-id']);
    expect(codes).toContain('sip.bad_start_line');
    expect(codes).not.toContain('sip.bare_lf');
  });

  it('says not-sip when the first line is neither a request line nor a status line', () => {
    expect(parseSipMessage(utf8('GET / HTTP/1.1\r\nHost: x\r\n\r\n'))).toEqual({ kind: 'not-sip' });
    expect(parseSipMessage(utf8('INVITE sip:alan@jasomi.com\r\nTO : alan@jasomi.com\r\n\r\n'))).toEqual({ kind: 'not-sip' });
    // garbage: random binary
    expect(parseSipMessage(hex('16 03 01 02 00 01 00 01 fc 03 03'))).toEqual({ kind: 'not-sip' });
    expect(parseSipMessage(new Uint8Array(0))).toEqual({ kind: 'not-sip' });
    expect(parseSipMessage(utf8('\r\n\r\n'))).toEqual({ kind: 'not-sip' });
    // Start lines Wireshark 4.0 declines too (all from the corpus fuzz capture): NUL, odd versions, short codes.
    for (const line of ['SIP/2.0 401 Unauthori%s\u0000', 'REGISTER sip:sip.cyb%s\u0000ity.dk SIP/2.0', 'INVITE sip:a@b SIP/a.0',
      'SIP/x.0 100 trying', 'SIP/2.0 40  Request Timeout', 'sIP/2.0 4v1 nonce has changed', 'SIP/2.0', 'SIP/2.0 \u008500 Trying']) {
      expect(parseSipMessage(utf8(`${line}\r\nCall-ID: x\r\n\r\n`)), line).toEqual({ kind: 'not-sip' });
    }
  });

  it('parses a header section longer than the first decode window', () => {
    const many = Array.from({ length: 400 }, (_, i) => `X-Filler-${i}: ${'v'.repeat(30)}`);
    const { message, codes } = parse(crlf('OPTIONS sip:b@example.com SIP/2.0', ...OPTIONS_HEADERS, ...many, 'Content-Length: 2', '', 'ok'));
    expect(message.headers).toHaveLength(407);
    expect(new TextDecoder().decode(message.body)).toBe('ok');
    expect(codes).toEqual([]);
  });

  it('handles a 1 MB header line (and one of a million commas) correctly', () => {
    const long = 'a'.repeat(1 << 20);
    const { message } = parse(crlf('OPTIONS sip:b@example.com SIP/2.0', `Subject: ${long}`, `Allow: ${','.repeat(1 << 20)}`, '', ''));
    expect(message.headers[0]!.value.length).toBe(1 << 20);
    expect(message.headers[1]!.value.length).toBe(1 << 20);
  });

  it('stays linear over many lines without a colon followed by a header', () => {
    const { message, codes } = parse(utf8(`OPTIONS sip:b@example.com SIP/2.0\r\n${'x\r\n'.repeat(200_000)}Call-ID: last\r\n\r\n`));
    expect(message.headers.map((header) => header.value)).toEqual(['last']);
    // 20 reported one by one, then one summary for the other 199 980.
    expect(codes.filter((code) => code === 'sip.header_no_colon')).toHaveLength(21);
  });

  it('never throws on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
      parseSipMessage(bytes);
    }), { numRuns: 2000 });
  });

  it('never throws on mutated SIP messages and keeps the start line when it survives', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.nat(TYPICAL_INVITE.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 12 }),
      fc.nat(TYPICAL_INVITE.length),
      (mutations, cut) => {
        const bytes = TYPICAL_INVITE.slice(0, cut);
        for (const [at, value] of mutations) if (at < bytes.length) bytes[at] = value;
        const result = parseSipMessage(bytes);
        if (result.kind === 'message') expect(result.message.body.length).toBeLessThanOrEqual(bytes.length);
      },
    ), { numRuns: 2000 });
  });
});
