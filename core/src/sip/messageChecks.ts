/**
 * Whole-message header checks done while parsing: mandatory headers (RFC 3261 §8.1.1), single-valued
 * headers repeated (§7.3.1, RFC 4475 §3.3.8–3.3.9) and the Content-Length that bounds the body (§20.14).
 * Headers that matter here get one bit each, so the checks cost a switch and two integer masks.
 */
import type { Issue } from '../shared/issue.ts';
import { makeIssue } from '../shared/issue.ts';
import { UINT32_MAX, parseDecimal } from './decimal.ts';
import { SIP_ISSUES } from './issues.ts';
import type { SipHeader, SipStartLine } from './sipMessage.ts';

const VIA = 1;
const FROM = 2;
const TO = 4;
const CALL_ID = 8;
const CSEQ = 16;
const MAX_FORWARDS = 32;

/** The bit of a canonical header name, 0 for headers without one. */
export function headerBit(canonicalName: string): number {
  switch (canonicalName) {
    case 'via': return VIA;
    case 'from': return FROM;
    case 'to': return TO;
    case 'call-id': return CALL_ID;
    case 'cseq': return CSEQ;
    case 'max-forwards': return MAX_FORWARDS;
    case 'content-length': return 64;
    case 'content-type': return 128;
    case 'expires': return 256;
    case 'min-expires': return 512;
    default: return 0;
  }
}

/** Headers that may appear only once (not comma-separated lists): everything with a bit but Via. */
export const SINGLE_VALUED_MASK = 1023 & ~VIA;

const MANDATORY: readonly (readonly [number, string])[] = [
  [VIA, 'Via'], [FROM, 'From'], [TO, 'To'], [CALL_ID, 'Call-ID'], [CSEQ, 'CSeq'], [MAX_FORWARDS, 'Max-Forwards'],
];

/** Reports each mandatory header whose bit is not in `seen` (Max-Forwards only for requests). */
export function reportMissingHeaders(startLine: SipStartLine, seen: number, issues: Issue[]): void {
  const required = startLine.kind === 'request' ? VIA | FROM | TO | CALL_ID | CSEQ | MAX_FORWARDS : VIA | FROM | TO | CALL_ID | CSEQ;
  if ((seen & required) === required) return;
  for (const [bit, name] of MANDATORY) {
    if ((required & bit) !== 0 && (seen & bit) === 0) issues.push(makeIssue(SIP_ISSUES, 'sip.missing_header', { value: name }));
  }
}

/** The first Content-Length (compact "l" included) when it is a valid number, else undefined. */
export function readContentLength(headers: readonly SipHeader[], issues: Issue[]): number | undefined {
  for (const header of headers) {
    if (header.canonicalName !== 'content-length') continue;
    const value = parseDecimal(header.value, UINT32_MAX);
    if (Number.isFinite(value)) return value;
    issues.push(makeIssue(SIP_ISSUES, 'sip.content_length_invalid', { value: header.value }));
    return undefined;
  }
  return undefined;
}
