/**
 * SipFacts from a parsed message: one pass over the raw headers, typing only what correlation and
 * analysis use (RFC 3261 §20 headers, RFC 3326 Reason, SDP per RFC 4566). A malformed value becomes an
 * issue and stays undefined (or is kept best-effort when the parser could still read it).
 */
import type { Issue } from '../shared/issue.ts';
import { makeIssue } from '../shared/issue.ts';
import { CSEQ_WARN_FROM, parseCSeq } from './cseq.ts';
import { UINT32_MAX, parseDecimal } from './decimal.ts';
import { toNameAddrFacts, toViaFacts } from './factShapes.ts';
import { splitHeaderList } from './headerList.ts';
import type { SipIssueCode } from './issues.ts';
import { SIP_ISSUES } from './issues.ts';
import type { MediaType } from './mediaType.ts';
import { parseMediaType } from './mediaType.ts';
import { parseNameAddr } from './nameAddr.ts';
import { extractSdpFacts } from './sdpFacts.ts';
import { findSdpBody } from './sessionBody.ts';
import { isSipDate } from './sipDate.ts';
import type { NameAddrFacts, SdpFacts, SipFacts, ViaFacts } from './sipFacts.ts';
import type { SipHeader, SipMessage } from './sipMessage.ts';
import { decodeSipText } from './sipText.ts';
import { parseUri } from './uri.ts';
import { parseVia } from './via.ts';

type MutableFacts = { -readonly [K in keyof SipFacts]: SipFacts[K] };

function report(issues: Issue[], code: SipIssueCode, value: string | number, problem: string | undefined): void {
  const summary = SIP_ISSUES[code].summary;
  issues.push(makeIssue(SIP_ISSUES, code, { value, detail: problem === undefined ? summary : `${summary} ${problem[0]!.toUpperCase()}${problem.slice(1)}.` }));
}

function readNameAddr(header: SipHeader, entry: string, issues: Issue[]): NameAddrFacts | undefined {
  const parsed = parseNameAddr(entry);
  if (parsed.problem !== undefined) report(issues, 'sip.bad_name_addr', `${header.name}: ${entry}`, parsed.problem);
  else if (parsed.uriProblem !== undefined) report(issues, 'sip.bad_uri', parsed.value?.uriText ?? entry, parsed.uriProblem);
  return parsed.value === undefined ? undefined : toNameAddrFacts(parsed.value);
}

function readNameAddrList(header: SipHeader, target: NameAddrFacts[], issues: Issue[]): void {
  const entries = splitHeaderList(header.value);
  for (const entry of entries) {
    const facts = readNameAddr(header, entry, issues);
    if (facts !== undefined) {
      target.push(facts);
      const expires = facts.parameters.expires;
      if (expires !== undefined && !Number.isFinite(parseDecimal(expires, UINT32_MAX))) {
        report(issues, 'sip.bad_expires', `expires=${expires}`, 'the Contact expires parameter is out of range');
      }
    }
  }
}

function readVias(header: SipHeader, target: ViaFacts[], issues: Issue[]): void {
  let firstProblem: string | undefined;
  for (const entry of splitHeaderList(header.value)) {
    const parsed = parseVia(entry);
    firstProblem ??= parsed.problem;
    if (parsed.value !== undefined) target.push(toViaFacts(parsed.value));
  }
  if (firstProblem !== undefined) report(issues, 'sip.bad_via', header.value, firstProblem);
}

function readSeconds(header: SipHeader, issues: Issue[]): number | undefined {
  const value = parseDecimal(header.value, UINT32_MAX);
  if (Number.isFinite(value)) return value;
  report(issues, 'sip.bad_expires', `${header.name}: ${header.value}`, undefined);
  return undefined;
}

/** Checks the Request-URI: a URI, and without headers (RFC 3261 §19.1.1 table, RFC 4475 §3.1.2.11). */
function checkRequestUri(requestUri: string, issues: Issue[]): void {
  if (requestUri === '') return; // already reported as sip.bad_start_line
  const parsed = parseUri(requestUri);
  if (parsed.problem !== undefined) report(issues, 'sip.bad_uri', requestUri, `Request-URI: ${parsed.problem}`);
  else if (parsed.uri?.kind === 'sip' && parsed.uri.hasHeaders) report(issues, 'sip.bad_uri', requestUri, 'a Request-URI must not carry headers');
}

/** Headers kept verbatim in `extraHeaders` for correlation (B2BUA legs, transfers, PRACK, subscriptions). */
const EXTRA_HEADERS: ReadonlySet<string> = new Set([
  'x-call-id', 'x-cid', 'x-orig-call-id', 'replaces', 'refer-to', 'referred-by', 'rseq', 'rack', 'event',
  'subscription-state', 'p-asserted-identity', 'session-expires', 'require', 'supported',
]);

/**
 * Extracts the facts of a message. Problems found while typing header values are appended to `issues`
 * when given (parseSipMessage's issues cover the message structure; these cover the values).
 */
export function extractSipFacts(message: SipMessage, issues: Issue[] = []): SipFacts {
  const startLine = message.startLine;
  const vias: ViaFacts[] = [];
  const contacts: NameAddrFacts[] = [];
  const recordRoutes: NameAddrFacts[] = [];
  const routes: NameAddrFacts[] = [];
  const reasons: string[] = [];
  const facts: MutableFacts = {
    kind: startLine.kind, vias, contacts, recordRoutes, routes, reasons, bodyLength: message.body.length,
  };
  if (startLine.kind === 'request') {
    facts.method = startLine.method;
    facts.requestUri = startLine.requestUri;
    checkRequestUri(startLine.requestUri, issues);
  } else {
    if (startLine.statusCode !== undefined) facts.statusCode = startLine.statusCode;
    facts.reasonPhrase = startLine.reasonPhrase;
  }
  if (message.contentLength !== undefined) facts.contentLength = message.contentLength;
  let contentType: MediaType | undefined;
  let seenCSeq = false;
  let seenFrom = false;
  let seenTo = false;
  let seenExpires = false;
  let seenMinExpires = false;
  for (const header of message.headers) {
    switch (header.canonicalName) {
      case 'via': readVias(header, vias, issues); break;
      case 'call-id': if (facts.callId === undefined && header.value !== '') facts.callId = header.value; break;
      case 'cseq': {
        if (seenCSeq) break;
        seenCSeq = true;
        const parsed = parseCSeq(header.value);
        if (parsed.problem !== undefined) report(issues, 'sip.bad_cseq', header.value, parsed.problem);
        if (parsed.value.number !== undefined) {
          facts.cseqNumber = parsed.value.number;
          if (parsed.value.number >= CSEQ_WARN_FROM) issues.push(makeIssue(SIP_ISSUES, 'sip.cseq_over_2_31', { value: parsed.value.number }));
        }
        if (parsed.value.method !== undefined) facts.cseqMethod = parsed.value.method;
        break;
      }
      case 'from': {
        if (seenFrom) break;
        seenFrom = true;
        const from = readNameAddr(header, header.value, issues);
        if (from !== undefined) facts.from = from;
        break;
      }
      case 'to': {
        if (seenTo) break;
        seenTo = true;
        const to = readNameAddr(header, header.value, issues);
        if (to !== undefined) facts.to = to;
        break;
      }
      case 'contact': readNameAddrList(header, contacts, issues); break;
      case 'record-route': readNameAddrList(header, recordRoutes, issues); break;
      case 'route': readNameAddrList(header, routes, issues); break;
      case 'max-forwards': {
        if (facts.maxForwards !== undefined) break; // a repeat is sip.duplicate_header
        const value = parseDecimal(header.value, 255);
        if (Number.isFinite(value)) facts.maxForwards = value;
        else report(issues, 'sip.bad_max_forwards', header.value, undefined);
        break;
      }
      case 'expires': {
        if (seenExpires) break;
        seenExpires = true;
        const expires = readSeconds(header, issues);
        if (expires !== undefined) facts.expires = expires;
        break;
      }
      case 'min-expires': {
        if (seenMinExpires) break;
        seenMinExpires = true;
        const minExpires = readSeconds(header, issues);
        if (minExpires !== undefined) facts.minExpires = minExpires;
        break;
      }
      case 'reason': for (const entry of splitHeaderList(header.value)) if (entry !== '') reasons.push(entry); break;
      case 'content-type': {
        if (contentType !== undefined) break;
        const parsed = parseMediaType(header.value);
        if (parsed.problem !== undefined) report(issues, 'sip.bad_content_type', header.value, parsed.problem);
        contentType = parsed.value;
        if (contentType !== undefined) facts.contentType = contentType.mediaType;
        break;
      }
      case 'user-agent': facts.userAgent ??= header.value; break;
      case 'server': facts.server ??= header.value; break;
      case 'date': if (!isSipDate(header.value)) report(issues, 'sip.bad_date', header.value, undefined); break;
      default:
        if (EXTRA_HEADERS.has(header.canonicalName)) {
          const extra = (facts.extraHeaders ??= {}) as Record<string, string>;
          extra[header.canonicalName] ??= header.value;
        }
        break;
    }
  }
  if (startLine.kind === 'request' && facts.cseqMethod !== undefined && facts.cseqMethod !== startLine.method) {
    issues.push(makeIssue(SIP_ISSUES, 'sip.cseq_method_mismatch', {
      value: facts.cseqMethod,
      detail: `CSeq says ${facts.cseqMethod} but the request is ${startLine.method}.`,
    }));
  }
  for (const via of vias) {
    if (via.branch === 'z9hG4bK') {
      issues.push(makeIssue(SIP_ISSUES, 'sip.branch_cookie_only', { value: via.raw }));
      break;
    }
  }
  const sdp = readSdp(message.body, contentType, issues);
  if (sdp !== undefined) facts.sdp = sdp;
  // Most messages have no Route, Reason and often no Contact or Record-Route: share one empty list (a record
  // is kept for every message of a capture, so per-message empty arrays add up).
  if (contacts.length === 0) facts.contacts = NONE;
  if (recordRoutes.length === 0) facts.recordRoutes = NONE;
  if (routes.length === 0) facts.routes = NONE;
  if (reasons.length === 0) facts.reasons = NONE;
  return facts;
}

const NONE: readonly never[] = Object.freeze([]);

function readSdp(body: Uint8Array, contentType: MediaType | undefined, issues: Issue[]): SdpFacts | undefined {
  const sdpBytes = findSdpBody(body, contentType, issues);
  if (sdpBytes === undefined) return undefined;
  const parsed = extractSdpFacts(decodeSipText(sdpBytes, 0, sdpBytes.length));
  if (parsed.problem !== undefined) {
    issues.push(makeIssue(SIP_ISSUES, 'sdp.malformed', { value: parsed.problem, detail: `${SIP_ISSUES['sdp.malformed'].summary} (${parsed.problem})` }));
  }
  return parsed.facts;
}
