/**
 * The header section of a stream message read straight from its bytes, without building the message:
 * where it ends, and its Content-Length (RFC 3261 §18.3: on a stream it is what separates messages). Long or compact name ("l"), any case,
 * white space before the colon. The first occurrence counts; repeats are the parser's to report.
 */

const CR = 0x0d;
const LF = 0x0a;
const NAME = 'content-length';

/** Header name at [start, colon) equals `content-length` or `l`, ignoring case and trailing white space. */
function isContentLengthName(bytes: Uint8Array, start: number, colon: number): boolean {
  let end = colon;
  while (end > start && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0x09)) end--;
  const length = end - start;
  if (length === 1) return (bytes[start]! | 0x20) === 0x6c;
  if (length !== NAME.length) return false;
  for (let k = 0; k < length; k++) if ((bytes[start + k]! | 0x20) !== NAME.charCodeAt(k)) return false;
  return true;
}

/**
 * The Content-Length in the header section [start, end): its value, -1 when absent, -2 when not a
 * decimal number. Values above `max` come back as `max + 1`.
 */
export function readStreamContentLength(bytes: Uint8Array, start: number, end: number, max: number): number {
  let lineStart = start;
  while (lineStart < end) {
    let lineEnd = bytes.indexOf(LF, lineStart);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    const first = bytes[lineStart]!;
    if (first === 0x6c || first === 0x4c || first === 0x63 || first === 0x43) {
      let colon = lineStart;
      while (colon < lineEnd && bytes[colon] !== 0x3a) colon++;
      if (colon < lineEnd && isContentLengthName(bytes, lineStart, colon)) {
        const value = readValue(bytes, colon + 1, lineEnd, max);
        const next = lineEnd + 1;
        // "Content-Length:" CRLF SP "150" — the value folded onto the next line (RFC 3261 §7.3.1).
        if (value === -2 && isBlank(bytes, colon + 1, lineEnd) && next < end && (bytes[next] === 0x20 || bytes[next] === 0x09)) {
          let nextEnd = bytes.indexOf(LF, next);
          if (nextEnd < 0 || nextEnd > end) nextEnd = end;
          return readValue(bytes, next, nextEnd, max);
        }
        return value;
      }
    }
    lineStart = lineEnd + 1;
  }
  return -1;
}

function isBlank(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (bytes[i] !== 0x20 && bytes[i] !== 0x09 && bytes[i] !== CR) return false;
  return true;
}

function readValue(bytes: Uint8Array, from: number, lineEnd: number, max: number): number {
  let i = from;
  let end = lineEnd;
  if (end > i && bytes[end - 1] === CR) end--;
  while (i < end && (bytes[i] === 0x20 || bytes[i] === 0x09)) i++;
  while (end > i && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0x09)) end--;
  if (i === end) return -2;
  let value = 0;
  for (; i < end; i++) {
    const digit = bytes[i]! - 0x30;
    if (digit < 0 || digit > 9) return -2;
    if (value <= max) value = value * 10 + digit;
  }
  return value > max ? max + 1 : value;
}

/** Index just after the empty line ending a header section (CRLFCRLF, or LF LF), or -1. */
export function findHeaderEnd(bytes: Uint8Array, from: number, end: number): number {
  let at = bytes.indexOf(LF, from);
  while (at >= 0 && at < end) {
    if (at + 1 < end && bytes[at + 1] === LF) return at + 2;
    if (at + 2 < end && bytes[at + 1] === CR && bytes[at + 2] === LF) return at + 3;
    at = bytes.indexOf(LF, at + 1);
  }
  return -1;
}
