import { describe, expect, it } from 'vitest';
import { hex } from '../../shared/bytes.ts';
import { classifyStreamStart, StreamClassifier } from './streamClassifier.ts';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('classifyStreamStart', () => {
  it('recognises SIP requests with any method token, and SIP responses', () => {
    expect(classifyStreamStart(text('INVITE sip:bob@example.com SIP/2.0\r\nVia: x\r\n'))).toBe('sip');
    expect(classifyStreamStart(text('FOO.BAR sips:x SIP/2.0\r\n'))).toBe('sip');
    expect(classifyStreamStart(text('SIP/2.0 200 OK\r\n'))).toBe('sip');
    expect(classifyStreamStart(text('\r\n\r\nOPTIONS sip:x SIP/2.0\n'))).toBe('sip'); // keep-alive CRLFs first
  });

  it('recognises a WebSocket upgrade request and the 101 answer', () => {
    const request = 'GET /ws HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Protocol: sip\r\n\r\n';
    expect(classifyStreamStart(text(request))).toBe('websocket-handshake');
    expect(classifyStreamStart(text('HTTP/1.1 101 Switching Protocols\r\n'))).toBe('websocket-handshake');
  });

  it('tells plain HTTP apart', () => {
    expect(classifyStreamStart(text('GET / HTTP/1.1\r\nHost: a\r\n\r\n'))).toBe('http');
    expect(classifyStreamStart(text('POST /api HTTP/1.1\r\n'))).toBe('http');
    expect(classifyStreamStart(text('HTTP/1.1 200 OK\r\n'))).toBe('http');
  });

  it('recognises TLS records and HEP3', () => {
    expect(classifyStreamStart(hex('16 03 01 02 00 # TLS handshake record, version 3.1'))).toBe('tls');
    expect(classifyStreamStart(hex('17 03 03 00 10 # application data mid-stream'))).toBe('unknown');
    expect(classifyStreamStart(hex('48 45 50 33 00 20 # "HEP3", length 32'))).toBe('hep');
  });

  it('says unknown for truncated starts and for garbage', () => {
    expect(classifyStreamStart(text('INVITE sip:bob'))).toBe('unknown');
    expect(classifyStreamStart(hex('16 03'))).toBe('unknown');
    expect(classifyStreamStart(hex('00 ff 13 37 de ad be ef'))).toBe('unknown');
    expect(classifyStreamStart(text('Via: SIP/2.0/TCP x\r\n'))).toBe('unknown'); // mid-message: may resync later
    expect(classifyStreamStart(new Uint8Array(0))).toBe('unknown');
  });
});

describe('StreamClassifier', () => {
  it('waits for a start-line split across chunks', () => {
    const c = new StreamClassifier();
    expect(c.push(text('REGIS'))).toBeUndefined();
    expect(c.push(text('TER sip:registrar.example.com SIP/'))).toBeUndefined();
    expect(c.push(text('2.0\r\nVia: SIP/2.0/TCP h\r\n'))).toBe('sip');
    expect(c.kind).toBe('sip');
  });

  it('decides unknown as soon as the bytes cannot start anything known', () => {
    const c = new StreamClassifier();
    expect(c.push(hex('80 60 00 01'))).toBe('unknown');
  });

  it('gives up after a bounded prefix', () => {
    const c = new StreamClassifier();
    let kind;
    for (let i = 0; i < 10 && kind === undefined; i++) kind = c.push(text('GET /' + 'a'.repeat(1000)));
    expect(kind).toBe('unknown');
  });
});
