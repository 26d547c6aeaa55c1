/**
 * WebSocket pieces for SIP over WebSocket (RFC 7118): the HTTP Upgrade handshake (RFC 6455 §4.1–4.2)
 * and data frames (§5.2), client frames masked (§5.3) with deterministic keys.
 */
import { sha1 } from './sha1.ts';

const encoder = new TextEncoder();
const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

function base64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/** A Sec-WebSocket-Key that depends only on the connection number. */
export function webSocketKey(connection: number): string {
  const nonce = new Uint8Array(16);
  for (let i = 0; i < 16; i++) nonce[i] = (i * 37 + connection * 101 + 7) & 0xff;
  return base64(nonce);
}

/** base64(SHA-1(key + GUID)), RFC 6455 §4.2.2 item 5. */
export function webSocketAccept(key: string): string {
  return base64(sha1(encoder.encode(key + WS_GUID)));
}

export function upgradeRequest(host: string, key: string): Uint8Array {
  return encoder.encode(
    'GET / HTTP/1.1\r\n' +
      `Host: ${host}\r\n` +
      'Upgrade: websocket\r\n' +
      'Connection: Upgrade\r\n' +
      `Sec-WebSocket-Key: ${key}\r\n` +
      'Sec-WebSocket-Protocol: sip\r\n' +
      'Sec-WebSocket-Version: 13\r\n\r\n',
  );
}

export function upgradeResponse(key: string): Uint8Array {
  return encoder.encode(
    'HTTP/1.1 101 Switching Protocols\r\n' +
      'Upgrade: websocket\r\n' +
      'Connection: Upgrade\r\n' +
      `Sec-WebSocket-Accept: ${webSocketAccept(key)}\r\n` +
      'Sec-WebSocket-Protocol: sip\r\n\r\n',
  );
}

export const WS_CONTINUATION = 0x0;
export const WS_TEXT = 0x1;

/**
 * FIN|RSV|opcode(1) MASK|len7(1) [len16(2) | len64(8)] [masking key(4)] payload (XOR key[i % 4] when masked).
 */
export function encodeWebSocketFrame(opcode: number, fin: boolean, payload: Uint8Array, maskKey: Uint8Array | undefined): Uint8Array {
  const n = payload.length;
  const lengthBytes = n < 126 ? 0 : n < 65536 ? 2 : 8;
  const header = 2 + lengthBytes + (maskKey ? 4 : 0);
  const out = new Uint8Array(header + n);
  const view = new DataView(out.buffer);
  out[0] = (fin ? 0x80 : 0) | opcode;
  out[1] = (maskKey ? 0x80 : 0) | (n < 126 ? n : n < 65536 ? 126 : 127);
  if (lengthBytes === 2) view.setUint16(2, n);
  if (lengthBytes === 8) view.setUint32(6, n); // high 32 bits stay zero
  if (maskKey) {
    out.set(maskKey, 2 + lengthBytes);
    for (let i = 0; i < n; i++) out[header + i] = payload[i]! ^ maskKey[i & 3]!;
  } else {
    out.set(payload, header);
  }
  return out;
}

/** A deterministic, non-zero-looking masking key for the n-th masked frame of a flow. */
export function maskKeyFor(n: number): Uint8Array {
  const x = Math.imul(n + 1, 0x9e3779b1) >>> 0;
  return Uint8Array.of(x >>> 24, (x >>> 16) & 0xff, (x >>> 8) & 0xff, x & 0xff);
}

/** The SIP message as a text frame followed by continuation frames at `sizes` (the rest in the last). */
export function webSocketMessage(payload: Uint8Array, sizes: readonly number[] | undefined, mask: (() => Uint8Array) | undefined): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  let at = 0;
  for (const size of sizes ?? []) {
    if (at >= payload.length) break;
    pieces.push(payload.subarray(at, Math.min(payload.length, at + size)));
    at += size;
  }
  if (at < payload.length || pieces.length === 0) pieces.push(payload.subarray(Math.min(at, payload.length)));
  return pieces.map((p, i) => encodeWebSocketFrame(i === 0 ? WS_TEXT : WS_CONTINUATION, i === pieces.length - 1, p, mask?.()));
}
