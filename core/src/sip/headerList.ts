/**
 * Comma-separated header lists (RFC 3261 §7.3.1: "Header-Name: value1, value2" ≡ repeated lines).
 * Commas inside a quoted-string or between < and > do not separate values. One linear pass, no regex.
 */
import { trimWsp } from './tokenChars.ts';

const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LT = 0x3c;
const GT = 0x3e;

/** The entries of a list value, each trimmed; empty entries are kept (callers report them). */
export function splitHeaderList(value: string): string[] {
  if (value.indexOf(',') < 0) return [trimWsp(value)];
  const entries: string[] = [];
  let start = 0;
  let inQuotes = false;
  let inAngle = false;
  const length = value.length;
  for (let i = 0; i < length; i++) {
    const c = value.charCodeAt(i);
    if (inAngle) {
      if (c === GT) inAngle = false;
    } else if (inQuotes) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inQuotes = false;
    } else if (c === QUOTE) {
      inQuotes = true;
    } else if (c === LT) {
      inAngle = true;
    } else if (c === COMMA) {
      entries.push(trimWsp(value.slice(start, i)));
      start = i + 1;
    }
  }
  entries.push(trimWsp(value.slice(start)));
  return entries;
}
