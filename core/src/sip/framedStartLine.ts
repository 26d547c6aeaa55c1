/**
 * Whether a stream message may start at an offset, judged as leniently as parseSipMessage judges its
 * first line (RFC 3261 §7.1–7.2): strict lines pass at once; "INVITE  sip:x  SIP/2.0" or "SIP/7.0 200"
 * pass once their whole line is there; anything else is garbage. 'more' means wait for bytes.
 */
import type { Issue } from '../shared/issue.ts';
import { matchStartLine } from './looksLikeSipStart.ts';
import { decodeLatin1 } from './sipText.ts';
import { parseStartLine } from './startLine.ts';
import { isTokenChar } from './tokenChars.ts';

export type StartVerdict = 'sip' | 'more' | 'garbage';

const LF = 0x0a;
const CR = 0x0d;
const MAX_METHOD_LENGTH = 64;

/** "SIP/" (any case) or a method token then SP: the prefix every start line parseSipMessage accepts has. */
function plausiblePrefix(bytes: Uint8Array, offset: number, end: number): StartVerdict {
  let i = offset;
  while (i < end && i - offset <= MAX_METHOD_LENGTH && isTokenChar(bytes[i]!)) i++;
  if (i === offset) return 'garbage';
  if (i >= end) return i - offset > MAX_METHOD_LENGTH ? 'garbage' : 'more';
  if (bytes[i] === 0x20) return 'sip';
  if (bytes[i] === 0x2f && i - offset === 3 && (bytes[offset]! & 0xdf) === 0x53 && (bytes[offset + 1]! & 0xdf) === 0x49 && (bytes[offset + 2]! & 0xdf) === 0x50) return 'sip';
  return 'garbage';
}

export function framedStartLine(bytes: Uint8Array, offset: number, end: number, maxLineBytes: number): StartVerdict {
  const strict = matchStartLine(bytes, offset, end);
  if (strict === 'yes') return 'sip';
  const prefix = plausiblePrefix(bytes, offset, end);
  if (prefix !== 'sip') return prefix;
  const limit = Math.min(end, offset + maxLineBytes);
  const lf = bytes.subarray(offset, limit).indexOf(LF);
  if (lf < 0) return end - offset >= maxLineBytes ? 'garbage' : 'more';
  let lineEnd = offset + lf;
  if (lineEnd > offset && bytes[lineEnd - 1] === CR) lineEnd--;
  const scratch: Issue[] = [];
  return parseStartLine(decodeLatin1(bytes, offset, lineEnd), scratch) === undefined ? 'garbage' : 'sip';
}
