/**
 * Character classes of the SIP grammar (RFC 3261 §25.1): token characters and linear white space.
 * A 128-entry table keeps checks branch-free in hot loops.
 */

const TOKEN_TABLE = new Uint8Array(128);
for (let c = 0x30; c <= 0x39; c++) TOKEN_TABLE[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) TOKEN_TABLE[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) TOKEN_TABLE[c] = 1;
for (const ch of "-.!%*_+`'~") TOKEN_TABLE[ch.charCodeAt(0)] = 1;

/** token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~") */
export function isTokenChar(code: number): boolean {
  return code < 128 && TOKEN_TABLE[code] === 1;
}

/** True when `text` is a non-empty token. */
export function isToken(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) if (!isTokenChar(text.charCodeAt(i))) return false;
  return true;
}

/** SP or HTAB (WSP). */
export function isWsp(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** Index of the first non-WSP character at or after `from` (may be text.length). */
export function skipWsp(text: string, from: number): number {
  let i = from;
  while (i < text.length && isWsp(text.charCodeAt(i))) i++;
  return i;
}

/** `text` without leading and trailing SP/HTAB (String.trim would also eat CR, LF, NBSP…). */
export function trimWsp(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isWsp(text.charCodeAt(start))) start++;
  while (end > start && isWsp(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}
