import { describe, expect, it } from 'vitest';
import { hex } from '../../shared/bytes.ts';
import { headerBlockEnd, parseHandshake } from './webSocketHandshake.ts';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('WebSocket handshake', () => {
  it('parses the client request: upgrade, subprotocols and a permessage-deflate offer', () => {
    const block = text(
      'GET /sip HTTP/1.1\r\nHost: a\r\nUPGRADE: WebSocket\r\nSec-WebSocket-Protocol: chat, SIP\r\n' +
        'Sec-WebSocket-Extensions: x-webkit, permessage-deflate; client_no_context_takeover; client_max_window_bits\r\n\r\n',
    );
    expect(headerBlockEnd(block)).toBe(block.length);
    expect(parseHandshake(block)).toEqual({
      kind: 'request', startLine: 'GET /sip HTTP/1.1', upgradeWebsocket: true, subprotocols: ['chat', 'sip'],
      deflate: { serverNoContextTakeover: false, clientNoContextTakeover: true },
    });
  });

  it('parses the server answer and its status code', () => {
    const ok = parseHandshake(text('HTTP/1.1 101 Switching Protocols\nUpgrade: websocket\nSec-WebSocket-Protocol: sip\n\n'));
    expect(ok).toMatchObject({ kind: 'response', statusCode: 101, subprotocols: ['sip'] });
    expect(ok?.deflate).toBeUndefined();
  });

  it('finds no end in a truncated block and rejects garbage start-lines', () => {
    expect(headerBlockEnd(text('GET / HTTP/1.1\r\nHost: a\r\n'))).toBe(-1);
    expect(parseHandshake(hex('16 03 01 00 00 0d 0a 0d 0a # TLS bytes'))).toBeUndefined();
  });
});
