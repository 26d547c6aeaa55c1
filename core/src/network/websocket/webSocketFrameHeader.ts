/**
 * WebSocket base framing (RFC 6455 §5.2) and masking (§5.3).
 *
 *   0               1               2               3
 *   F R R R opcode  M len7          [len16 if 126 | len64 if 127 ...]
 *   I S S S (4)     A (7)
 *   N V V V         S
 *     1 2 3         K
 *   [masking key, 4 bytes, if MASK]  payload …
 */
import type { ByteQueue } from '../tcp/byteQueue.ts';

export const OPCODE_CONTINUATION = 0x0;
export const OPCODE_TEXT = 0x1;
export const OPCODE_BINARY = 0x2;
export const OPCODE_CLOSE = 0x8;
export const OPCODE_PING = 0x9;
export const OPCODE_PONG = 0xa;

export interface FrameHeader {
  readonly fin: boolean;
  readonly rsv1: boolean;
  /** RSV2/RSV3, which no extension used with SIP defines. */
  readonly rsv23: boolean;
  readonly opcode: number;
  readonly masked: boolean;
  /** The 4 masking-key bytes as a big-endian number (0 when unmasked). */
  readonly maskKey: number;
  readonly headerLength: number;
  readonly payloadLength: number;
}

/** A header that cannot be valid whatever follows. */
export interface FrameHeaderError {
  readonly error: string;
}

/**
 * Reads the frame header at the front of `queue` without consuming it.
 * undefined: not enough bytes yet. Checks the framing rules that make the rest of the stream unreadable.
 */
export function peekFrameHeader(queue: ByteQueue): FrameHeader | FrameHeaderError | undefined {
  if (queue.length < 2) return undefined;
  const b0 = queue.byteAt(0);
  const b1 = queue.byteAt(1);
  const opcode = b0 & 0x0f;
  const masked = (b1 & 0x80) !== 0;
  const len7 = b1 & 0x7f;
  const extendedBytes = len7 === 126 ? 2 : len7 === 127 ? 8 : 0;
  const headerLength = 2 + extendedBytes + (masked ? 4 : 0);
  if ((opcode > OPCODE_BINARY && opcode < OPCODE_CLOSE) || opcode > OPCODE_PONG) {
    return { error: `reserved opcode 0x${opcode.toString(16)}` };
  }
  const fin = (b0 & 0x80) !== 0;
  if (opcode >= OPCODE_CLOSE && (!fin || len7 > 125)) {
    return { error: `control frame opcode 0x${opcode.toString(16)} fragmented or longer than 125 bytes` };
  }
  if (queue.length < headerLength) return undefined;
  let payloadLength = len7;
  if (len7 === 126) {
    payloadLength = (queue.byteAt(2) << 8) | queue.byteAt(3);
  } else if (len7 === 127) {
    const high = readUint32(queue, 2);
    if (high >= 0x200000) return { error: `64-bit payload length with high word 0x${high.toString(16)}` };
    payloadLength = high * 0x1_0000_0000 + readUint32(queue, 6);
  }
  const maskKey = masked ? readUint32(queue, 2 + extendedBytes) : 0;
  return {
    fin,
    rsv1: (b0 & 0x40) !== 0,
    rsv23: (b0 & 0x30) !== 0,
    opcode,
    masked,
    maskKey,
    headerLength,
    payloadLength,
  };
}

/** XORs with the masking key (§5.3) into a new array; the input (a capture view) is left untouched. */
export function unmaskPayload(payload: Uint8Array, maskKey: number): Uint8Array {
  const out = new Uint8Array(payload.length);
  const k0 = maskKey >>> 24;
  const k1 = (maskKey >>> 16) & 0xff;
  const k2 = (maskKey >>> 8) & 0xff;
  const k3 = maskKey & 0xff;
  const whole = payload.length & ~3;
  let i = 0;
  for (; i < whole; i += 4) {
    out[i] = payload[i]! ^ k0;
    out[i + 1] = payload[i + 1]! ^ k1;
    out[i + 2] = payload[i + 2]! ^ k2;
    out[i + 3] = payload[i + 3]! ^ k3;
  }
  const key = [k0, k1, k2, k3];
  for (; i < payload.length; i++) out[i] = payload[i]! ^ key[i & 3]!;
  return out;
}

function readUint32(queue: ByteQueue, at: number): number {
  return ((queue.byteAt(at) << 24) | (queue.byteAt(at + 1) << 16) | (queue.byteAt(at + 2) << 8) | queue.byteAt(at + 3)) >>> 0;
}
