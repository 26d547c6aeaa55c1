/**
 * Base64 (RFC 4648 §4, with padding): a lesson bundle's capture, binary exports sent to the page.
 * Table-driven over typed arrays: several megabytes are encoded without a string per byte, and decoding
 * refuses anything that is not canonical base64 (a bundle edited by hand) instead of guessing.
 */
import { bytesToLatin1 } from './bytes.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const PAD = 0x3d; // '='
const ENCODE = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const DECODE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

export function encodeBase64(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  const whole = bytes.length - (bytes.length % 3);
  let o = 0;
  for (let i = 0; i < whole; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = ENCODE[n >>> 18]!;
    out[o++] = ENCODE[(n >>> 12) & 63]!;
    out[o++] = ENCODE[(n >>> 6) & 63]!;
    out[o++] = ENCODE[n & 63]!;
  }
  const rest = bytes.length - whole;
  if (rest > 0) {
    const n = (bytes[whole]! << 16) | (rest === 2 ? bytes[whole + 1]! << 8 : 0);
    out[o++] = ENCODE[n >>> 18]!;
    out[o++] = ENCODE[(n >>> 12) & 63]!;
    out[o++] = rest === 2 ? ENCODE[(n >>> 6) & 63]! : PAD;
    out[o++] = PAD;
  }
  return bytesToLatin1(out);
}

/** The bytes of canonical padded base64, or undefined for anything else (wrong length, stray characters, bad padding). */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0) return undefined;
  const pads = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pads);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    const a = digit(text, i);
    const b = digit(text, i + 1);
    const c = last && pads === 2 ? 0 : digit(text, i + 2);
    const d = last && pads >= 1 ? 0 : digit(text, i + 3);
    if ((a | b | c | d) < 0) return undefined;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >>> 16;
    if (o < out.length) out[o++] = (n >>> 8) & 0xff;
    if (o < out.length) out[o++] = n & 0xff;
    // Canonical form: the bits under the padding are zero (RFC 4648 §3.5), so one text means one capture.
    if (last && ((pads === 2 && (n & 0xffff) !== 0) || (pads === 1 && (n & 0xff) !== 0))) return undefined;
  }
  return out;
}

function digit(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return code < 128 ? DECODE[code]! : -1;
}
