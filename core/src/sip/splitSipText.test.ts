import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes } from '../shared/bytes.ts';
import { parseSipMessage } from './parseSipMessage.ts';
import { splitSipText } from './splitSipText.ts';
import { crlf, utf8 } from './testMessages.ts';
import { TYPICAL_INVITE, TYPICAL_INVITE_TEXT } from './typicalInvite.ts';

const RFC4475 = new URL('../../../fixtures/messages/rfc4475/', import.meta.url);
const text = (bytes: Uint8Array): string => new TextDecoder('latin1').decode(bytes);
const REGISTER = crlf('REGISTER sip:example.com SIP/2.0', 'Call-ID: r1', 'CSeq: 1 REGISTER', 'Content-Length: 0', '', '');
const OK = crlf('SIP/2.0 200 OK', 'Call-ID: r1', 'CSeq: 1 REGISTER', '', '');

describe('splitSipText', () => {
  it('returns one CRLF message byte-exact, as a view', () => {
    const { messages, issues } = splitSipText(TYPICAL_INVITE);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toEqual(TYPICAL_INVITE);
    expect(messages[0]!.buffer).toBe(TYPICAL_INVITE.buffer);
    expect(issues).toEqual([]);
  });

  it('keeps RFC 4475 files byte-exact, binary multipart body included', () => {
    for (const name of ['3.1.1.11_mpart01.dat', '3.1.1.1_wsinv.dat', '3.1.1.7_longreq.dat']) {
      const bytes = new Uint8Array(readFileSync(new URL(name, RFC4475)));
      expect(splitSipText(bytes).messages, name).toEqual([bytes]);
    }
  });

  it('splits the RFC 4475 double-request datagram into its two requests', () => {
    const bytes = new Uint8Array(readFileSync(new URL('3.1.1.8_dblreq.dat', RFC4475)));
    const { messages } = splitSipText(bytes);
    expect(messages.map((message) => text(message).split('\r\n')[0])).toEqual(['REGISTER sip:example.com SIP/2.0', 'INVITE sip:joe@example.com SIP/2.0']);
  });

  it('splits messages by Content-Length and by blank lines, skipping blank lines between them', () => {
    const { messages, issues } = splitSipText(concatBytes([TYPICAL_INVITE, utf8('\r\n\r\n'), REGISTER, OK, utf8('\r\n')]));
    expect(messages.map(text)).toEqual([TYPICAL_INVITE_TEXT, text(REGISTER), text(OK)]);
    expect(issues).toEqual([]);
  });

  it('runs a body without Content-Length up to the next message, dropping trailing blank lines', () => {
    const first = crlf('MESSAGE sip:a@b SIP/2.0', 'Call-ID: m', '', 'line one', 'line two', '', '', '');
    const { messages } = splitSipText(concatBytes([first, OK]));
    expect(messages.map(text)).toEqual(['MESSAGE sip:a@b SIP/2.0\r\nCall-ID: m\r\n\r\nline one\r\nline two\r\n', text(OK)]);
  });

  it('turns LF line ends into CRLF, so Content-Length (counted with CRLF) fits again', () => {
    const lf = TYPICAL_INVITE_TEXT.replace(/\r\n/g, '\n');
    const { messages, issues } = splitSipText(utf8(`${lf}\n${lf}`));
    expect(messages.map(text)).toEqual([TYPICAL_INVITE_TEXT, TYPICAL_INVITE_TEXT]);
    expect(issues.map((issue) => issue.code)).toEqual(['sip.text_line_ends_normalised']);
    const parsed = parseSipMessage(messages[0]!);
    expect(parsed.kind === 'message' && parsed.issues).toEqual([]);
  });

  it('skips leading comment-ish text with an info issue', () => {
    const { messages, issues } = splitSipText(concatBytes([utf8('# captured at the proxy\nF1 INVITE Alice -> Bob\n\n'), REGISTER]));
    expect(messages.map(text)).toEqual([text(REGISTER)]);
    expect(issues.map((issue) => [issue.code, issue.value])).toEqual([['sip.text_junk', 48]]);
  });

  it('accepts lenient start lines but not prose that merely mentions SIP/2.0', () => {
    const loose = crlf('INVITE  sip:a@b  SIP/2.0', 'Content-Length: 0', '', '');
    expect(splitSipText(loose).messages).toHaveLength(1);
    expect(splitSipText(utf8('This text talks about SIP/2.0\r\nand nothing else\r\n')).messages).toEqual([]);
  });

  it('returns nothing (and says so) for text without SIP', () => {
    expect(splitSipText(utf8('hello world\n'))).toMatchObject({ messages: [], issues: [{ code: 'sip.text_junk' }] });
    expect(splitSipText(new Uint8Array(0))).toEqual({ messages: [], issues: [] });
  });

  it('never throws and only returns messages that parse as SIP', () => {
    const piece = fc.oneof(fc.constantFrom(REGISTER, OK, utf8('\n'), utf8('\r\n\r\n'), utf8('Content-Length: 5\n')), fc.uint8Array({ maxLength: 30 }));
    fc.assert(fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
      for (const message of splitSipText(concatBytes(pieces)).messages) expect(parseSipMessage(message).kind).toBe('message');
    }), { numRuns: 1500 });
  });
});
