/**
 * Plain-text SIP (messages copied from a log, a book, RFC 4475's files): finds each start line, takes
 * its header section up to the blank line and its body by Content-Length (counted after CRLF
 * normalisation) or up to the next start line. CRLF messages are returned byte-exact (views); messages
 * written with bare LF get CRLF line ends, since RFC 3261 §7 requires them and Content-Length counts them.
 */
import type { Issue } from '../shared/issue.ts';
import { makeIssue } from '../shared/issue.ts';
import { SIP_ISSUES } from './issues.ts';
import { matchStartLine } from './looksLikeSipStart.ts';
import { decodeLatin1 } from './sipText.ts';
import { parseStartLine } from './startLine.ts';
import { readStreamContentLength } from './streamContentLength.ts';
import { isTokenChar } from './tokenChars.ts';

const CR = 0x0d;
const LF = 0x0a;
const MAX_CONTENT_LENGTH = 16 * 1024 * 1024;
const MAX_LINE_FOR_START = 8192;

function lineEndOf(bytes: Uint8Array, from: number): number {
  const lf = bytes.indexOf(LF, from);
  return lf < 0 ? bytes.length : lf;
}

function isBlank(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = bytes[i];
    if (c !== 0x20 && c !== 0x09 && c !== CR && c !== LF) return false;
  }
  return true;
}

/** A start line in text: strict, or lenient with a URI-looking Request-URI / a numeric status code. */
function isTextStartLine(bytes: Uint8Array, from: number, lineEnd: number): boolean {
  const first = bytes[from];
  if (first === undefined || !isTokenChar(first) || lineEnd - from > MAX_LINE_FOR_START) return false;
  const strict = matchStartLine(bytes, from, Math.min(bytes.length, lineEnd + 1));
  if (strict === 'yes') return true;
  const end = lineEnd > from && bytes[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd;
  const line = parseStartLine(decodeLatin1(bytes, from, end), []);
  if (line === undefined) return false;
  if (line.kind === 'response') return /^\d{3,}$/.test(line.statusCodeText);
  return line.requestUri.includes(':') && /^SIP\/\d+\.\d+$/i.test(line.version);
}

/** Offset of the next line (at or after the line starting at `from`) that is a start line, or -1. */
function findNextStart(bytes: Uint8Array, from: number): number {
  let lineStart = from;
  while (lineStart < bytes.length) {
    const lineEnd = lineEndOf(bytes, lineStart);
    if (isTextStartLine(bytes, lineStart, lineEnd)) return lineStart;
    lineStart = lineEnd + 1;
  }
  return -1;
}

/** After the start line at `start`: where the body begins (after the blank line) and whether lines need rewriting. */
function scanHeaderSection(bytes: Uint8Array, start: number): { bodyStart: number; rewrite: boolean } {
  let rewrite = false;
  let lineStart = start;
  while (lineStart < bytes.length) {
    const lineEnd = lineEndOf(bytes, lineStart);
    if (lineEnd < bytes.length && (lineEnd === lineStart || bytes[lineEnd - 1] !== CR)) rewrite = true;
    if (isBlank(bytes, lineStart, lineEnd)) {
      // A blank line holding spaces would read as a folded line: rewrite it as empty.
      if (lineEnd - lineStart > 1 || (lineEnd - lineStart === 1 && bytes[lineStart] !== CR)) rewrite = true;
      return { bodyStart: Math.min(bytes.length, lineEnd + 1), rewrite };
    }
    lineStart = lineEnd + 1;
  }
  return { bodyStart: bytes.length, rewrite };
}

/** Bytes of [from, to) with every bare LF turned into CRLF and white-space-only lines emptied. */
function normalise(bytes: Uint8Array, from: number, to: number, headerEnd: number): Uint8Array {
  const out = new Uint8Array((to - from) * 2); // worst case: every byte a bare LF
  let length = 0;
  let lineStart = from;
  while (lineStart < to) {
    const lf = bytes.indexOf(LF, lineStart);
    const lineEnd = lf < 0 || lf >= to ? to : lf;
    let contentEnd = lineEnd > lineStart && bytes[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd;
    if (lineStart < headerEnd && isBlank(bytes, lineStart, contentEnd)) contentEnd = lineStart;
    out.set(bytes.subarray(lineStart, contentEnd), length);
    length += contentEnd - lineStart;
    if (lineEnd < to) {
      out[length++] = CR;
      out[length++] = LF;
    }
    lineStart = lineEnd + 1;
  }
  return out.slice(0, length);
}

/** Where a body of `length` bytes (counting each bare LF as CRLF when `rewrite`) ends, or -1 when the text is shorter. */
function bodyEndFor(bytes: Uint8Array, bodyStart: number, length: number, rewrite: boolean): number {
  if (!rewrite) return bodyStart + length <= bytes.length ? bodyStart + length : -1;
  let count = 0;
  let i = bodyStart;
  while (count < length && i < bytes.length) {
    count += bytes[i] === LF && (i === bodyStart || bytes[i - 1] !== CR) ? 2 : 1;
    i++;
  }
  return count >= length ? i : -1;
}

/** Drops trailing blank lines of a body that ran up to the next message, keeping one line end. */
function trimTrailingBlankLines(bytes: Uint8Array, bodyStart: number, end: number): number {
  let cut = end;
  while (cut > bodyStart) {
    const previousLf = bytes.lastIndexOf(LF, cut - 2);
    const lineStart = previousLf < bodyStart ? bodyStart : previousLf + 1;
    if (!isBlank(bytes, lineStart, cut)) break;
    cut = lineStart;
  }
  return cut;
}

export function splitSipText(bytes: Uint8Array): { messages: Uint8Array[]; issues: Issue[] } {
  const messages: Uint8Array[] = [];
  const issues: Issue[] = [];
  let normalisedCount = 0;
  let pos = 0;
  while (pos < bytes.length) {
    const start = findNextStart(bytes, pos);
    const junkEnd = start < 0 ? bytes.length : start;
    if (!isBlank(bytes, pos, junkEnd)) {
      issues.push(makeIssue(SIP_ISSUES, 'sip.text_junk', { value: junkEnd - pos, detail: `${junkEnd - pos} bytes of text that are not a SIP message were skipped.` }));
    }
    if (start < 0) break;
    const firstLineEnd = lineEndOf(bytes, start);
    const header = scanHeaderSection(bytes, Math.min(bytes.length, firstLineEnd + 1));
    const rewrite = header.rewrite || (firstLineEnd < bytes.length && bytes[firstLineEnd - 1] !== CR);
    const contentLength = readStreamContentLength(bytes, start, header.bodyStart, MAX_CONTENT_LENGTH);
    let end = contentLength >= 0 ? bodyEndFor(bytes, header.bodyStart, contentLength, rewrite) : -1;
    if (end < 0) {
      // No usable Content-Length, or one larger than the text: the body runs to the next message.
      const next = header.bodyStart < bytes.length ? findNextStart(bytes, header.bodyStart) : -1;
      end = trimTrailingBlankLines(bytes, header.bodyStart, next < 0 ? bytes.length : next);
      end = Math.max(end, header.bodyStart);
    }
    // Text after the body that starts no message belongs to this message's datagram, as in RFC 4475 §3.1.1.8
    // and RFC 5118 §4.8: the parser then reports it as trailing bytes beyond Content-Length.
    if (contentLength >= 0 && end > 0) {
      const next = findNextStart(bytes, end);
      const junkEnd = next < 0 ? bytes.length : next;
      if (!isBlank(bytes, end, junkEnd)) end = junkEnd;
    }
    if (rewrite) {
      const normalised = normalise(bytes, start, end, header.bodyStart);
      normalisedCount++;
      const headerLength = normalise(bytes, start, header.bodyStart, header.bodyStart).length;
      messages.push(contentLength >= 0 && normalised.length > headerLength + contentLength ? normalised.subarray(0, headerLength + contentLength) : normalised);
    } else {
      messages.push(bytes.subarray(start, end));
    }
    pos = end > start ? end : firstLineEnd + 1;
  }
  if (normalisedCount > 0) {
    issues.push(makeIssue(SIP_ISSUES, 'sip.text_line_ends_normalised', { value: normalisedCount, detail: `LF line ends were turned into CRLF in ${normalisedCount} message(s).` }));
  }
  return { messages, issues };
}
