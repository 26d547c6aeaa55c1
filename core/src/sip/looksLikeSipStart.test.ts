import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hex } from '../shared/bytes.ts';
import { findSipStart, looksLikeSipStart, matchStartLine } from './looksLikeSipStart.ts';
import { utf8 } from './testMessages.ts';

describe('looksLikeSipStart', () => {
  it('recognises request and status lines, CRLF or LF', () => {
    expect(looksLikeSipStart(utf8('INVITE sip:bob@biloxi.example.com SIP/2.0\r\nVia: x'))).toBe(true);
    expect(looksLikeSipStart(utf8('OPTIONS sip:a@b SIP/2.0\n'))).toBe(true);
    expect(looksLikeSipStart(utf8('SIP/2.0 180 Ringing\r\n'))).toBe(true);
    expect(looksLikeSipStart(utf8('CANCEL sip:a@b SIP/2.0\rVia: x'))).toBe(true);
    expect(looksLikeSipStart(utf8('xx\r\nBYE tel:+1555 SIP/2.0\r\n'), 4)).toBe(true);
  });

  it('refuses other protocols, loose lines and binary', () => {
    expect(looksLikeSipStart(utf8('GET / HTTP/1.1\r\n'))).toBe(false);
    expect(looksLikeSipStart(utf8('HTTP/1.1 200 OK\r\n'))).toBe(false);
    expect(looksLikeSipStart(utf8('INVITE  sip:a@b  SIP/2.0\r\n'))).toBe(false);
    expect(looksLikeSipStart(utf8('INVITE nocolon SIP/2.0\r\n'))).toBe(false);
    expect(looksLikeSipStart(utf8('SIP/2.0 20 OK\r\n'))).toBe(false);
    // Like Wireshark: no reason-phrase SP, or a lower-case version, is not taken as a start line here.
    expect(looksLikeSipStart(utf8('SIP/2.0 200\r\n'))).toBe(false);
    expect(looksLikeSipStart(utf8('sip/2.0 200 OK\r\n'))).toBe(false);
    expect(looksLikeSipStart(utf8('Via: SIP/2.0/UDP h\r\n'))).toBe(false);
    // TLS ClientHello record header
    expect(looksLikeSipStart(hex('16 03 01 02 00 01 00 01 fc'))).toBe(false);
    expect(looksLikeSipStart(new Uint8Array(0))).toBe(false);
  });

  it('says "more" while the bytes end inside a plausible start line', () => {
    expect(matchStartLine(utf8('INV'), 0)).toBe('more');
    expect(matchStartLine(utf8('INVITE sip:a@b SIP/2.'), 0)).toBe('more');
    expect(matchStartLine(utf8('INVITE sip:a@b SIP/2.0'), 0)).toBe('more');
    expect(matchStartLine(utf8('SIP/2.0 1'), 0)).toBe('more');
    expect(matchStartLine(utf8('SIP/2.0 1x'), 0)).toBe('no');
  });
});

describe('findSipStart', () => {
  it('finds the next start line after garbage, even mid-line', () => {
    const bytes = utf8('garbage\r\nmore junk SIP/2.0 nope\r\nbody=1;abcINVITE sip:a@b SIP/2.0\r\n');
    // Glued to body bytes mid-line, the method is cut at a known method name.
    expect(findSipStart(bytes, 0, bytes.length).found).toBe(bytes.length - 'INVITE sip:a@b SIP/2.0\r\n'.length);
    // Glued at the start of a line too (a body without a final CRLF); an unknown method is taken whole.
    const glued = utf8('junk\r\nhelloINVITE sip:a@b SIP/2.0\r\n');
    expect(findSipStart(glued, 0, glued.length).found).toBe(11);
    const extension = utf8('junk\r\nFOOBAR sip:a@b SIP/2.0\r\n');
    expect(findSipStart(extension, 0, extension.length).found).toBe(6);
    const status = utf8('tail of a body without CRLFSIP/2.0 200 OK\r\n');
    expect(findSipStart(status, 0, status.length).found).toBe(status.length - 'SIP/2.0 200 OK\r\n'.length);
  });

  it('keeps the last, unfinished line when nothing is found yet', () => {
    const bytes = utf8('junk\r\nmore junk\r\nINVITE sip:a@b SIP/');
    expect(findSipStart(bytes, 0, bytes.length)).toEqual({ found: -1, keepFrom: 'junk\r\nmore junk\r\n'.length });
  });

  it('is linear on hostile input', () => {
    const bytes = utf8('S'.repeat(200_000) + 'SIP/2.0'.repeat(20_000));
    expect(findSipStart(bytes, 0, bytes.length).found).toBe(-1);
  });

  it('never finds a start line that looksLikeSipStart refuses', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), fc.constantFrom('', 'SIP/2.0 200 OK\r\n', 'ACK sip:x@y SIP/2.0\r\n'), (prefix, tail) => {
      const bytes = new Uint8Array([...prefix, ...utf8(tail)]);
      const hit = findSipStart(bytes, 0, bytes.length);
      if (hit.found >= 0) expect(looksLikeSipStart(bytes, hit.found)).toBe(true);
      else expect(tail).toBe('');
    }), { numRuns: 2000 });
  });
});
