import { describe, expect, it } from 'vitest';
import { readStreamContentLength } from './streamContentLength.ts';
import { crlf } from './testMessages.ts';

const read = (...lines: string[]): number => {
  const bytes = crlf(...lines);
  return readStreamContentLength(bytes, 0, bytes.length, 1000);
};

describe('readStreamContentLength', () => {
  it('reads the long and compact names in any case, with white space', () => {
    expect(read('INVITE sip:a@b SIP/2.0', 'Content-Length: 42', '', '')).toBe(42);
    expect(read('INVITE sip:a@b SIP/2.0', 'l:7', '', '')).toBe(7);
    expect(read('INVITE sip:a@b SIP/2.0', 'CONTENT-LENGTH   :   9  ', '', '')).toBe(9);
    expect(read('INVITE sip:a@b SIP/2.0', 'Content-Length:', '  150', '', '')).toBe(150);
  });

  it('takes the first of several values', () => {
    expect(read('X', 'Content-Length: 13', 'Content-Length: 5', '', '')).toBe(13);
  });

  it('says absent (-1), invalid (-2) or too large (max + 1)', () => {
    expect(read('X', 'Contact: <sip:a@b>', 'Content-Type: text/plain', '', '')).toBe(-1);
    expect(read('X', 'Content-Length: -999', '', '')).toBe(-2);
    expect(read('X', 'Content-Length: ', '', '')).toBe(-2);
    expect(read('X', 'Content-Length: 99999999999999999999', '', '')).toBe(1001);
  });
});
