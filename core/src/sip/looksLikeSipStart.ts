/**
 * Strict recognition of a SIP start line in raw bytes (RFC 3261 §7.1, §7.2), for capture-format
 * detection, SIP-on-any-port detection and stream resynchronisation — the shape Wireshark 4.0 itself
 * accepts (checked with tshark on probe packets):
 *   request:  token SP uri-with-":" SP "SIP/2.0" (CR / LF)      status:  "SIP/2.0" SP 3DIGIT SP
 * Byte-by-byte, bounded, no regex: hostile input cannot make it slow.
 */
import { isTokenChar } from './tokenChars.ts';

export type StartLineMatch = 'yes' | 'no' | 'more';

const SP = 0x20;
const CR = 0x0d;
const LF = 0x0a;
const MAX_METHOD_LENGTH = 64;
/** Longer request lines are not taken for SIP when resynchronising. */
const MAX_START_LINE_BYTES = 8192;
const VERSION = [0x53, 0x49, 0x50, 0x2f, 0x32, 0x2e, 0x30]; // "SIP/2.0", upper-case as every stack sends it

/** Matches "SIP/2.0" at i; 'more' when the bytes end inside it. */
function matchVersion(bytes: Uint8Array, i: number, end: number): StartLineMatch {
  for (let k = 0; k < VERSION.length; k++) {
    if (i + k >= end) return 'more';
    if (bytes[i + k] !== VERSION[k]) return 'no';
  }
  return 'yes';
}

function matchStatusLine(bytes: Uint8Array, offset: number, end: number): StartLineMatch {
  const version = matchVersion(bytes, offset, end);
  if (version !== 'yes') return version;
  let i = offset + 7;
  if (i >= end) return 'more';
  if (bytes[i] !== SP) return 'no';
  for (i++; i < offset + 11; i++) {
    if (i >= end) return 'more';
    const c = bytes[i]!;
    if (c < 0x30 || c > 0x39) return 'no';
  }
  if (i >= end) return 'more';
  return bytes[i] === SP ? 'yes' : 'no';
}

function matchRequestLine(bytes: Uint8Array, offset: number, end: number): StartLineMatch {
  let i = offset;
  while (i < end && i - offset <= MAX_METHOD_LENGTH && isTokenChar(bytes[i]!)) i++;
  if (i - offset > MAX_METHOD_LENGTH) return 'no';
  if (i >= end) return 'more';
  if (i === offset || bytes[i] !== SP) return 'no';
  const uriStart = ++i;
  let sawColon = false;
  const limit = offset + MAX_START_LINE_BYTES;
  while (i < end && i < limit) {
    const c = bytes[i]!;
    if (c === SP) break;
    if (c < 0x20 || c === 0x7f) return 'no';
    if (c === 0x3a) sawColon = true;
    i++;
  }
  if (i >= limit) return 'no';
  if (i >= end) return 'more';
  if (i === uriStart || !sawColon) return 'no';
  const version = matchVersion(bytes, i + 1, end);
  if (version !== 'yes') return version;
  i += 8;
  if (i >= end) return 'more';
  return bytes[i] === LF || bytes[i] === CR ? 'yes' : 'no';
}

/** Whether the bytes at `offset` begin a SIP start line; 'more' when they end before it can be decided. */
export function matchStartLine(bytes: Uint8Array, offset: number, end: number = bytes.length): StartLineMatch {
  if (offset >= end) return 'more';
  const status = matchStatusLine(bytes, offset, end);
  if (status !== 'no') return status;
  return matchRequestLine(bytes, offset, end);
}

/** True when a complete SIP start line begins at `offset`. */
export function looksLikeSipStart(bytes: Uint8Array, offset = 0): boolean {
  return matchStartLine(bytes, offset, bytes.length) === 'yes';
}

/**
 * The next strict start line in [from, end): `found` is its offset, or -1. When none is found, `keepFrom`
 * is where a start line might still begin once more bytes arrive (the last line, if short enough).
 * Candidates are anchored on "SIP/2.0", so the scan is linear in the bytes.
 */
export function findSipStart(bytes: Uint8Array, from: number, end: number): { found: number; keepFrom: number } {
  let at = bytes.indexOf(0x53, from); // 'S'
  while (at >= 0 && at + 7 <= end) {
    if (matchVersion(bytes, at, end) === 'yes') {
      if (matchStatusLine(bytes, at, end) === 'yes') return { found: at, keepFrom: at };
      const candidate = requestLineStartBefore(bytes, from, at);
      if (candidate >= 0 && matchRequestLine(bytes, candidate, end) === 'yes') return { found: candidate, keepFrom: candidate };
    }
    at = bytes.indexOf(0x53, at + 1);
  }
  if (end <= from) return { found: -1, keepFrom: from };
  const lastLf = bytes.lastIndexOf(LF, end - 1);
  const lastLineStart = lastLf < from ? from : lastLf + 1;
  const keepFrom = end - lastLineStart <= MAX_START_LINE_BYTES ? lastLineStart : end;
  return { found: -1, keepFrom: Math.max(keepFrom, from) };
}

/**
 * For "… METHOD SP uri SP SIP/2.0" with SIP/2.0 at `versionAt`: where METHOD starts, or -1.
 */
function requestLineStartBefore(bytes: Uint8Array, from: number, versionAt: number): number {
  if (versionAt - 1 <= from || bytes[versionAt - 1] !== SP) return -1;
  let i = versionAt - 2;
  const floor = Math.max(from, versionAt - MAX_START_LINE_BYTES);
  while (i >= floor && bytes[i] !== SP && bytes[i] !== LF) i--;
  if (i < floor || bytes[i] !== SP) return -1;
  let start = i;
  while (start > from && start > i - MAX_METHOD_LENGTH - 1 && isTokenChar(bytes[start - 1]!)) start--;
  if (start === i) return -1;
  // A body without a final CRLF glues the next start line to its last bytes ("helloINVITE …"), even at
  // the start of a line; a known method at the end of the token is taken as the real one.
  return trimToKnownMethod(bytes, start, i);
}

const KNOWN_METHODS = ['INVITE', 'ACK', 'BYE', 'CANCEL', 'OPTIONS', 'REGISTER', 'PRACK', 'SUBSCRIBE', 'NOTIFY', 'PUBLISH', 'INFO', 'REFER', 'MESSAGE', 'UPDATE'];

function trimToKnownMethod(bytes: Uint8Array, start: number, spaceAt: number): number {
  for (const method of KNOWN_METHODS) {
    const at = spaceAt - method.length;
    if (at < start) continue;
    let same = true;
    for (let k = 0; k < method.length && same; k++) same = bytes[at + k] === method.charCodeAt(k);
    if (same) return at;
  }
  return start;
}
