import { describe, expect, it } from 'vitest';
import { highlightSipText } from './rawHighlight.ts';

const text = 'INVITE sip:bob@b.example SIP/2.0\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK1;rport\r\nv: SIP/2.0/UDP b\r\nContent-Length: 10\r\n\r\nv=0\r\nm=audio 4000 RTP/AVP 0\r\n';

describe('raw message highlighting', () => {
  it('splits the start line, header names, values and notable parameters without losing a character', () => {
    const { lines } = highlightSipText(text, text.indexOf('v=0'));
    expect(lines[0]!.map((s) => s.cls)).toEqual(['method', '', 'ruri', 'ver']);
    expect(lines[1]!.map((s) => [s.cls, s.text])).toEqual([['hn', 'Via'], ['punct', ':'], ['hv', ' SIP/2.0/UDP a'], ['param', ';branch=z9hG4bK1'], ['param', ';rport']]);
    expect(lines[2]![0]).toEqual({ text: 'v', cls: 'hn' });
    const rejoined = lines.map((l) => l.map((s) => s.text).join('')).join('\r\n');
    expect(rejoined).toBe(text);
  });

  it('marks SDP line types in an SDP body and leaves other bodies plain', () => {
    const { lines } = highlightSipText(text, text.indexOf('v=0'));
    expect(lines[5]!.map((s) => s.cls)).toEqual(['sdp-type', 'punct', 'sdp-value']);
    expect(lines[6]![2]!.cls).toBe('sdp-key');
    const other = highlightSipText('MESSAGE sip:a SIP/2.0\r\n\r\nhello=world', 'MESSAGE sip:a SIP/2.0\r\n\r\n'.length);
    expect(other.lines[other.lines.length - 1]).toEqual([{ text: 'hello=world', cls: 'body' }]);
  });

  it('colours a response status by class and keeps hostile text as plain segments', () => {
    const { lines } = highlightSipText('SIP/2.0 486 <img src=x onerror=alert(1)>\r\nX: <script>\r\n', -1);
    expect(lines[0]!.map((s) => s.cls)).toEqual(['ver', '', 'status s4xx', 'reason']);
    expect(lines[0]![3]!.text).toBe(' <img src=x onerror=alert(1)>');
    expect(lines[1]!.map((s) => s.text).join('')).toBe('X: <script>');
  });

  it('stops after the line limit and says so', () => {
    const big = 'OPTIONS sip:a SIP/2.0\r\n' + 'X: y\r\n'.repeat(100);
    const out = highlightSipText(big, -1, 10);
    expect(out.lines).toHaveLength(10);
    expect(out.truncated).toBe(true);
  });
});
