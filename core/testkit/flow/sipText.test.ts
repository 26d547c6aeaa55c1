import { describe, expect, it } from 'vitest';
import { normaliseSipText } from './sipText.ts';

const text = (b: Uint8Array): string => new TextDecoder().decode(b);

describe('normaliseSipText', () => {
  it('turns LF into CRLF, appends Content-Length and ends headers with an empty line', () => {
    expect(text(normaliseSipText('OPTIONS sip:b@example.com SIP/2.0\nCSeq: 1 OPTIONS\n'))).toBe(
      'OPTIONS sip:b@example.com SIP/2.0\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n',
    );
  });

  it('sets Content-Length to the body length in UTF-8 bytes, fixing a wrong value in place', () => {
    const out = text(normaliseSipText('MESSAGE sip:b@x SIP/2.0\nContent-Length: 999\nContent-Type: text/plain\n\nhé'));
    expect(out).toBe('MESSAGE sip:b@x SIP/2.0\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhé\r\n');
  });

  it('fixes the compact form l: too', () => {
    expect(text(normaliseSipText('ACK sip:b@x SIP/2.0\nl: 7\n'))).toBe('ACK sip:b@x SIP/2.0\r\nl: 0\r\n\r\n');
  });

  it('removes a leading line break and the start line indentation, keeping folded lines deeper', () => {
    const out = text(normaliseSipText(`
      BYE sip:b@x SIP/2.0
      Subject: a
        folded
      `));
    expect(out).toBe('BYE sip:b@x SIP/2.0\r\nSubject: a\r\n  folded\r\nContent-Length: 0\r\n\r\n');
  });

  it('keeps existing CRLF and counts an SDP body exactly', () => {
    const sdp = 'v=0\r\ns=-\r\n';
    const out = text(normaliseSipText(`INVITE sip:b@x SIP/2.0\r\nContent-Type: application/sdp\r\n\r\n${sdp}`));
    expect(out.endsWith(`Content-Length: ${sdp.length}\r\n\r\n${sdp}`)).toBe(true);
  });

  it('leaves Content-Length alone when asked to (malformed cases)', () => {
    expect(text(normaliseSipText('ACK sip:b@x SIP/2.0\nContent-Length: 42\n\nabc', { keepContentLength: true }))).toBe(
      'ACK sip:b@x SIP/2.0\r\nContent-Length: 42\r\n\r\nabc\r\n',
    );
    expect(text(normaliseSipText('ACK sip:b@x SIP/2.0\n', { keepContentLength: true }))).toBe('ACK sip:b@x SIP/2.0\r\n\r\n');
  });

  it('treats a truncated text (start line only) and garbage as headers without body', () => {
    expect(text(normaliseSipText('INVITE'))).toBe('INVITE\r\nContent-Length: 0\r\n\r\n');
    expect(text(normaliseSipText('\u0000\u0001 junk'))).toBe('\u0000\u0001 junk\r\nContent-Length: 0\r\n\r\n');
  });
});
