/**
 * Tolerant parser for one SIP message (RFC 3261 §7): start line, header lines with folding undone
 * (§7.3.1), body bounded by Content-Length (§18.3, §20.14). Problems become issues; a message is
 * refused ("not-sip") only when its first line is neither a request line nor a status line.
 *
 *   start-line CRLF *( header-name HCOLON value CRLF *( 1*(SP/HTAB) continuation CRLF ) ) CRLF body
 *
 * Speed: the header section is decoded once (one character per byte, so string offsets are byte
 * offsets) and scanned with String.indexOf; only values holding non-ASCII bytes are decoded again as UTF-8.
 */
import type { Issue } from '../shared/issue.ts';
import { makeIssue } from '../shared/issue.ts';
import { canonicalHeaderName } from './headerNames.ts';
import { SIP_ISSUES } from './issues.ts';
import { SINGLE_VALUED_MASK, headerBit, readContentLength, reportMissingHeaders } from './messageChecks.ts';
import type { SipHeader, SipMessage, SipParseResult, SipStartLine } from './sipMessage.ts';
import { decodeSipText, decodeWindow } from './sipText.ts';
import { parseStartLine } from './startLine.ts';
import { isToken, isWsp, trimWsp } from './tokenChars.ts';

const CR = 0x0d;
const LF = 0x0a;
const NOT_SIP: SipParseResult = { kind: 'not-sip' };
const NON_ASCII = /[^\x00-\x7f]/;
/** Malformed header lines reported one by one; beyond this, one summary issue (hostile input stays small). */
const MAX_LINE_ISSUES = 20;
/** Bytes decoded at first; a header section longer than this is decoded again in full. */
const DECODE_WINDOW = 8192;

export function parseSipMessage(bytes: Uint8Array): SipParseResult {
  const length = bytes.length;
  let pos = 0;
  // RFC 3261 §7.5: CRLFs before the start line are ignored.
  while (pos < length && (bytes[pos] === CR || bytes[pos] === LF)) pos++;
  if (pos === length) return NOT_SIP;
  const first = parseWindow(bytes, pos, Math.min(length, pos + DECODE_WINDOW));
  return first ?? parseWindow(bytes, pos, length)!;
}

/** Parses assuming the header section ends before `windowEnd`; undefined asks for a larger window. */
function parseWindow(bytes: Uint8Array, pos: number, windowEnd: number): SipParseResult | undefined {
  const more = windowEnd < bytes.length;
  const { text, ascii } = decodeWindow(bytes, pos, windowEnd);
  const textLength = text.length;
  const firstLf = text.indexOf('\n');
  if (firstLf < 0 && more) return undefined;
  let startLineEnd = firstLf < 0 ? textLength : firstLf;
  let startLineTextEnd = startLineEnd > 0 && text.charCodeAt(startLineEnd - 1) === CR ? startLineEnd - 1 : startLineEnd;
  const issues: Issue[] = [];
  let startLine: SipStartLine | undefined = parseStartLine(text.slice(0, startLineTextEnd), issues);
  if (startLine === undefined) {
    // A bare CR ending the start line (Wireshark, too, takes CR alone as a line end); the rest of
    // that physical line is then read as the first header line.
    const bareCr = text.indexOf('\r');
    if (bareCr <= 0 || bareCr >= startLineTextEnd) return NOT_SIP;
    startLine = parseStartLine(text.slice(0, bareCr), issues);
    if (startLine === undefined) return NOT_SIP;
    issues.push(makeIssue(SIP_ISSUES, 'sip.bad_start_line', { value: text.slice(0, bareCr), detail: 'The start line ends with a bare CR.' }));
    startLineEnd = bareCr;
    startLineTextEnd = bareCr;
  }
  if (!ascii && startLine.kind === 'response' && NON_ASCII.test(startLine.reasonPhrase)) {
    // The reason phrase is UTF-8 text (RFC 3261 §25.1 Reason-Phrase allows UTF8-NONASCII).
    const phraseStart = pos + startLineTextEnd - startLine.reasonPhrase.length;
    startLine = { ...startLine, reasonPhrase: decodeSipText(bytes, phraseStart, pos + startLineTextEnd) };
  }

  const headers: SipHeader[] = [];
  let bareLf = firstLf >= 0 && startLineEnd === firstLf && startLineTextEnd === startLineEnd;
  let folded = false;
  let seen = 0;
  let reported = 0;
  let bodyStart = -1;
  let badLines = 0;
  let lineStart = startLineEnd + 1;
  let nextColon = text.indexOf(':', lineStart);
  while (lineStart < textLength) {
    let lf = text.indexOf('\n', lineStart);
    if (lf < 0) {
      if (more) return undefined;
      lf = textLength;
    }
    let end = lf;
    if (end > lineStart && text.charCodeAt(end - 1) === CR) end--;
    else if (lf < textLength) bareLf = true;
    if (end === lineStart) {
      if (lf < textLength) bodyStart = lf + 1;
      break; // the empty line (or a lone CR at the very end)
    }
    if (isWsp(text.charCodeAt(lineStart))) {
      // Continuation lines are consumed with their header below; one here follows no header.
      if (badLines++ < MAX_LINE_ISSUES) issues.push(makeIssue(SIP_ISSUES, 'sip.orphan_continuation', { value: text.slice(lineStart, end) }));
      lineStart = lf + 1;
      continue;
    }
    // The next ":" is searched again only once passed, so a run of lines without one stays linear.
    if (nextColon >= 0 && nextColon < lineStart) nextColon = text.indexOf(':', lineStart);
    const colon = nextColon;
    const name = colon < 0 || colon > end ? '' : trimWsp(text.slice(lineStart, colon));
    if (name === '') {
      if (badLines++ < MAX_LINE_ISSUES) issues.push(makeIssue(SIP_ISSUES, 'sip.header_no_colon', { value: text.slice(lineStart, end) }));
      lineStart = lf + 1;
      continue;
    }
    if (!isToken(name) && badLines++ < MAX_LINE_ISSUES) issues.push(makeIssue(SIP_ISSUES, 'sip.bad_header_name', { value: name }));
    let value = piece(text, ascii, bytes, pos, colon + 1, end);
    let next = lf + 1;
    // RFC 3261 §7.3.1: a line starting with white space continues the value; each fold reads as one SP.
    while (next < textLength && isWsp(text.charCodeAt(next))) {
      let foldLf = text.indexOf('\n', next);
      if (foldLf < 0) {
        if (more) return undefined;
        foldLf = textLength;
      }
      let foldEnd = foldLf;
      if (foldEnd > next && text.charCodeAt(foldEnd - 1) === CR) foldEnd--;
      else if (foldLf < textLength) bareLf = true;
      const part = piece(text, ascii, bytes, pos, next, foldEnd);
      if (part !== '') value = value === '' ? part : `${value} ${part}`;
      folded = true;
      next = foldLf + 1;
    }
    const canonicalName = canonicalHeaderName(name);
    headers.push({ name, canonicalName, value, offset: pos + lineStart });
    const bit = headerBit(canonicalName);
    if ((seen & bit & SINGLE_VALUED_MASK) !== 0 && (reported & bit) === 0) {
      reported |= bit;
      issues.push(makeIssue(SIP_ISSUES, 'sip.duplicate_header', { value: name }));
    }
    seen |= bit;
    lineStart = next;
  }
  if (bodyStart < 0 && more) return undefined;
  if (badLines > MAX_LINE_ISSUES) {
    issues.push(makeIssue(SIP_ISSUES, 'sip.header_no_colon', { value: badLines, detail: `${badLines - MAX_LINE_ISSUES} more malformed header lines were ignored without a report each.` }));
  }

  const sectionEnd = bodyStart < 0 ? textLength : bodyStart;
  const nul = text.indexOf('\0', startLineEnd);
  if (nul >= 0 && nul < sectionEnd) checkNulBytes(text, nul, sectionEnd, pos, issues);
  if (bodyStart < 0) {
    issues.push(makeIssue(SIP_ISSUES, 'sip.header_not_terminated', firstLf < 0 ? { detail: 'The message is only a start line.' } : {}));
  }
  if (bareLf) issues.push(makeIssue(SIP_ISSUES, 'sip.bare_lf'));
  if (folded) issues.push(makeIssue(SIP_ISSUES, 'sip.folded_line'));
  reportMissingHeaders(startLine, seen, issues);

  const length = bytes.length;
  const bodyOffset = bodyStart < 0 ? length : pos + bodyStart;
  const contentLength = readContentLength(headers, issues);
  let bodyEnd = length;
  if (contentLength !== undefined) {
    const available = length - bodyOffset;
    if (available < contentLength) {
      issues.push(makeIssue(SIP_ISSUES, 'sip.content_length_mismatch', {
        value: contentLength,
        detail: `Content-Length is ${contentLength} but only ${available} body bytes are present.`,
      }));
    } else if (available > contentLength) {
      bodyEnd = bodyOffset + contentLength;
      issues.push(makeIssue(SIP_ISSUES, 'sip.trailing_bytes', { value: available - contentLength }));
    }
  }
  const message: SipMessage = {
    bytes,
    startLine,
    headers,
    bodyOffset,
    body: bytes.subarray(bodyOffset, bodyEnd),
    contentLength,
  };
  return { kind: 'message', message, issues };
}

/** text[start, end) trimmed; re-decoded from the bytes as UTF-8 when it holds non-ASCII bytes. */
function piece(text: string, ascii: boolean, bytes: Uint8Array, pos: number, start: number, end: number): string {
  const raw = text.slice(start, end);
  if (!ascii && NON_ASCII.test(raw)) return trimWsp(decodeSipText(bytes, pos + start, pos + end));
  return trimWsp(raw);
}

/** NUL is legal only as the escaped character of a quoted-pair ("\" %x00, RFC 3261 §25.1). */
function checkNulBytes(text: string, firstNul: number, sectionEnd: number, pos: number, issues: Issue[]): void {
  let at = firstNul;
  while (at >= 0 && at < sectionEnd) {
    if (text.charCodeAt(at - 1) !== 0x5c) {
      issues.push(makeIssue(SIP_ISSUES, 'sip.nul_byte', { value: pos + at }));
      return;
    }
    at = text.indexOf('\0', at + 1);
  }
}
