import { describe, expect, it } from 'vitest';
import { hex } from '../shared/bytes.ts';
import { detectCaptureFormat } from './detectCaptureFormat.ts';

const text = (s: string) => new TextEncoder().encode(s);

describe('detectCaptureFormat', () => {
  it('recognises the four pcap magics in both byte orders', () => {
    expect(detectCaptureFormat(hex('d4 c3 b2 a1 02 00'))).toBe('pcap'); // µs, little-endian
    expect(detectCaptureFormat(hex('a1 b2 c3 d4'))).toBe('pcap'); // µs, big-endian
    expect(detectCaptureFormat(hex('4d 3c b2 a1'))).toBe('pcap'); // ns, little-endian
    expect(detectCaptureFormat(hex('a1 b2 3c 4d'))).toBe('pcap'); // ns, big-endian
    expect(detectCaptureFormat(hex('34 cd b2 a1'))).toBe('pcap'); // Kuznetzov, little-endian
  });

  it('recognises a pcapng section header and the gzip magic', () => {
    expect(detectCaptureFormat(hex('0a 0d 0d 0a 1c 00 00 00 4d 3c 2b 1a'))).toBe('pcapng');
    expect(detectCaptureFormat(hex('1f 8b'))).toBe('gzip'); // two bytes are enough
  });

  it('recognises SIP request and status lines, after leading whitespace', () => {
    expect(detectCaptureFormat(text('INVITE sip:bob@biloxi.com SIP/2.0\r\nVia: x\r\n'))).toBe('sip-text');
    expect(detectCaptureFormat(text('\r\n  SIP/2.0 180 Ringing\r\n'))).toBe('sip-text');
    expect(detectCaptureFormat(text('SIP/2.0 200 OK\n'))).toBe('sip-text');
  });

  it('calls everything else unknown, including too few bytes and near-misses', () => {
    expect(detectCaptureFormat(new Uint8Array(0))).toBe('unknown');
    expect(detectCaptureFormat(hex('d4 c3 b2'))).toBe('unknown'); // a pcap magic cut short
    expect(detectCaptureFormat(text('GET / HTTP/1.1\r\n'))).toBe('unknown');
    expect(detectCaptureFormat(text('SIP/2.0 OK\r\n'))).toBe('unknown'); // no status code
    expect(detectCaptureFormat(text('INVITE sip:bob@biloxi.com'))).toBe('unknown'); // line not complete
    expect(detectCaptureFormat(hex('00 00 00 00 00 00 00 00'))).toBe('unknown');
  });
});
