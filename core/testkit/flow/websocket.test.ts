import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hex } from '../../src/shared/bytes.ts';
import { sha1 } from './sha1.ts';
import { encodeWebSocketFrame, maskKeyFor, webSocketAccept, webSocketMessage } from './websocket.ts';

describe('WebSocket pieces', () => {
  it('computes SHA-1 test vectors (RFC 3174)', () => {
    expect(sha1(new TextEncoder().encode('abc'))).toEqual(hex('a9993e36 4706816a ba3e2571 7850c26c 9cd0d89d'));
    expect(sha1(new TextEncoder().encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toEqual(
      hex('84983e44 1c3bd26e baae4aa1 f95129e5 e54670f1'),
    );
  });

  it('derives the RFC 6455 §1.3 example Sec-WebSocket-Accept', () => {
    expect(webSocketAccept('dGhlIHNhbXBsZSBub25jZQ==')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });

  it('encodes the RFC 6455 §5.7 examples', () => {
    const hello = new TextEncoder().encode('Hello');
    expect(encodeWebSocketFrame(1, true, hello, undefined)).toEqual(hex('81 05 48 65 6c 6c 6f'));
    expect(encodeWebSocketFrame(1, true, hello, hex('37 fa 21 3d'))).toEqual(hex('81 85 37 fa 21 3d 7f 9f 4d 51 58'));
    expect(encodeWebSocketFrame(1, false, hello.subarray(0, 3), undefined)).toEqual(hex('01 03 48 65 6c'));
  });

  it('switches to 16- and 64-bit lengths at 126 and 65536 bytes', () => {
    expect([...encodeWebSocketFrame(1, true, new Uint8Array(125), undefined).subarray(0, 2)]).toEqual([0x81, 125]);
    expect([...encodeWebSocketFrame(1, true, new Uint8Array(126), undefined).subarray(0, 4)]).toEqual([0x81, 126, 0, 126]);
    expect([...encodeWebSocketFrame(1, true, new Uint8Array(65536), undefined).subarray(0, 10)]).toEqual([0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0]);
  });

  it('masks so that unmasking with the same key gives the payload back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(1000), (payload, n) => {
        const key = maskKeyFor(n);
        const frame = encodeWebSocketFrame(1, true, payload, key);
        const body = frame.subarray(frame.length - payload.length);
        expect(body.map((b, i) => b ^ key[i & 3]!)).toEqual(payload);
      }),
    );
  });

  it('splits a message into a text frame and continuations, FIN only on the last', () => {
    const frames = webSocketMessage(new Uint8Array(10).fill(65), [4, 4], undefined);
    expect(frames.map((f) => f[0])).toEqual([0x01, 0x00, 0x80]);
    expect(frames.map((f) => f[1])).toEqual([4, 4, 2]);
  });
});
