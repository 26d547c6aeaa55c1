/**
 * The start line (RFC 3261 §7.1 Request-Line, §7.2 Status-Line), read tolerantly: a line that is
 * recognisably SIP but breaks the grammar (extra spaces, SIP/7.0, a 10-digit status code) still gives
 * a start line plus issues. "Not SIP": neither shape, a NUL in the line, a version that is not
 * SIP/<digits>.<digits>, or a status code of fewer than three digits or with non-digits — where
 * Wireshark 4.0 also declines (checked against the corpus' fuzz capture).
 */
import type { Issue } from '../shared/issue.ts';
import { makeIssue } from '../shared/issue.ts';
import { SIP_ISSUES } from './issues.ts';
import type { SipStartLine } from './sipMessage.ts';
import { isToken, isWsp } from './tokenChars.ts';

/** "SIP/" in any case at `at`. */
function startsWithSipSlash(line: string, at: number): boolean {
  return (
    line.length >= at + 4 &&
    (line.charCodeAt(at) | 0x20) === 0x73 && // s
    (line.charCodeAt(at + 1) | 0x20) === 0x69 && // i
    (line.charCodeAt(at + 2) | 0x20) === 0x70 && // p
    line.charCodeAt(at + 3) === 0x2f // /
  );
}

const SIP_VERSION = /^SIP\/\d{1,9}\.\d{1,9}$/i;

/**
 * SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT. False when the text is not of that shape (not SIP at
 * all); a version of that shape other than 2.0 is SIP with an issue (RFC 4475 §3.1.2.16).
 */
function checkVersion(version: string, issues: Issue[]): boolean {
  if (version === 'SIP/2.0') return true;
  if (!SIP_VERSION.test(version)) return false;
  if (version.length !== 7 || !version.endsWith('2.0')) issues.push(makeIssue(SIP_ISSUES, 'sip.bad_version', { value: version }));
  return true;
}

/** At least three digits: a status code, maybe out of range (RFC 4475 §3.1.2.19); fewer or non-digits are not SIP. */
function isStatusCodeShape(text: string): boolean {
  if (text.length < 3) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

function isStatusCode(text: string): boolean {
  if (text.length !== 3) return false;
  for (let i = 0; i < 3; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return text.charCodeAt(0) >= 0x31 && text.charCodeAt(0) <= 0x36; // 1xx–6xx
}

function badStartLine(issues: Issue[], line: string, detail: string): void {
  issues.push(makeIssue(SIP_ISSUES, 'sip.bad_start_line', { value: line, detail }));
}

function parseStatusLine(line: string, issues: Issue[]): SipStartLine | undefined {
  let sp = line.indexOf(' ');
  if (sp < 0) return undefined;
  const version = line.slice(0, sp);
  const versionIssues: Issue[] = [];
  if (!checkVersion(version, versionIssues)) return undefined;
  let codeStart = sp + 1;
  while (line.charCodeAt(codeStart) === 0x20) codeStart++;
  sp = line.indexOf(' ', codeStart);
  const statusCodeText = sp < 0 ? line.slice(codeStart) : line.slice(codeStart, sp);
  if (!isStatusCodeShape(statusCodeText)) return undefined;
  issues.push(...versionIssues);
  if (codeStart !== version.length + 1) badStartLine(issues, line, 'Several spaces separate the version from the status code.');
  const valid = isStatusCode(statusCodeText);
  if (!valid) issues.push(makeIssue(SIP_ISSUES, 'sip.bad_status_code', { value: statusCodeText }));
  if (sp < 0) badStartLine(issues, line, 'No space follows the status code.');
  return {
    kind: 'response',
    version,
    statusCode: valid ? Number(statusCodeText) : undefined,
    statusCodeText,
    reasonPhrase: sp < 0 ? '' : line.slice(sp + 1),
  };
}

function parseRequestLine(line: string, issues: Issue[]): SipStartLine | undefined {
  const firstSp = line.indexOf(' ');
  if (firstSp <= 0) return undefined;
  const method = line.slice(0, firstSp);
  if (!isToken(method)) return undefined;
  let end = line.length;
  while (end > firstSp && isWsp(line.charCodeAt(end - 1))) end--;
  const lastSp = line.lastIndexOf(' ', end - 1);
  if (!startsWithSipSlash(line, lastSp + 1)) return undefined;
  const version = line.slice(lastSp + 1, end);
  if (!checkVersion(version, issues)) return undefined;
  if (end < line.length) badStartLine(issues, line, 'White space follows the SIP version.');
  let uriStart = firstSp + 1;
  let uriEnd = lastSp;
  while (uriStart < uriEnd && isWsp(line.charCodeAt(uriStart))) uriStart++;
  while (uriEnd > uriStart && isWsp(line.charCodeAt(uriEnd - 1))) uriEnd--;
  if (uriStart !== firstSp + 1 || uriEnd !== lastSp) {
    badStartLine(issues, line, 'Several spaces separate the request line elements.');
  }
  const requestUri = uriStart < uriEnd ? line.slice(uriStart, uriEnd) : '';
  if (requestUri === '') {
    badStartLine(issues, line, 'The request line has no Request-URI.');
  } else if (requestUri.includes(' ') || requestUri.includes('\t')) {
    badStartLine(issues, line, 'The Request-URI contains white space.');
  }
  return { kind: 'request', method, requestUri, version };
}

/**
 * Reads a start line (without its line end). Returns undefined when the line is neither a
 * request line (token SP … SP SIP/x) nor a status line (SIP/x …): the bytes are not SIP.
 */
export function parseStartLine(line: string, issues: Issue[]): SipStartLine | undefined {
  // A NUL has no place in a start line: binary data, not SIP (Wireshark refuses these too).
  if (line.indexOf('\0') >= 0) return undefined;
  if (startsWithSipSlash(line, 0)) return parseStatusLine(line, issues);
  return parseRequestLine(line, issues);
}
