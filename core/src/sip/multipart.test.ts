import { describe, expect, it } from 'vitest';
import { parseMediaType, unquoteParameter } from './mediaType.ts';
import { splitMultipart } from './multipart.ts';
import { crlf } from './testMessages.ts';

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe('parseMediaType', () => {
  it('lower-cases type and subtype and reads the parameters', () => {
    const parsed = parseMediaType('Multipart/Mixed ; boundary="unique-boundary-1";charset=utf-8');
    expect(parsed.problem).toBeUndefined();
    expect(parsed.value).toMatchObject({ type: 'multipart', subtype: 'mixed', mediaType: 'multipart/mixed' });
    expect(unquoteParameter(parsed.value!.parameters.boundary!)).toBe('unique-boundary-1');
  });

  it('reports a value that is not type/subtype', () => {
    expect(parseMediaType('sdp').value).toBeUndefined();
    expect(parseMediaType('text/ plain junk').problem).toBeDefined();
  });
});

describe('splitMultipart', () => {
  it('splits parts at boundary lines, taking the CRLF before a delimiter with it (RFC 2046 §5.1.1)', () => {
    const body = crlf('preamble', '--b1', 'Content-Type: text/plain', '', 'Hello', '--b1', 'Content-Type: application/sdp', '', 'v=0', 'o=- 1 1 IN IP4 h', '', '--b1--', 'epilogue');
    const parts = splitMultipart(body, 'b1')!;
    expect(parts.map((part) => part.contentType)).toEqual(['text/plain', 'application/sdp']);
    expect(text(parts[0]!.body)).toBe('Hello');
    expect(text(parts[1]!.body)).toBe('v=0\r\no=- 1 1 IN IP4 h\r\n');
  });

  it('ignores the boundary text when it is not at the start of a line', () => {
    const parts = splitMultipart(crlf('--b1', 'Content-Type: text/plain', '', 'not --b1 here', '--b1--'), 'b1')!;
    expect(parts).toHaveLength(1);
    expect(text(parts[0]!.body)).toBe('not --b1 here');
  });

  it('gives undefined when the boundary never occurs or is unusable', () => {
    expect(splitMultipart(crlf('no parts here'), 'b1')).toBeUndefined();
    expect(splitMultipart(crlf('--'), '')).toBeUndefined();
    expect(splitMultipart(crlf('x'), 'b'.repeat(71))).toBeUndefined();
  });
});
