/**
 * Lazy, typed access to the raw headers of a SipMessage (RFC 3261 §20). Lookups take any spelling
 * of a name ("Via", "v", "VIA"). Typed readers say whether a header is missing, fine, or malformed —
 * a malformed one still carries the best reading when there is one, and never spoils the others.
 */
import type { Issue } from '../shared/issue.ts';
import { makeIssue } from '../shared/issue.ts';
import type { SipCSeq } from './cseq.ts';
import { parseCSeq } from './cseq.ts';
import { UINT32_MAX, parseDecimal } from './decimal.ts';
import { splitHeaderList } from './headerList.ts';
import { canonicalHeaderName } from './headerNames.ts';
import type { SipIssueCode } from './issues.ts';
import { SIP_ISSUES } from './issues.ts';
import type { MediaType } from './mediaType.ts';
import { parseMediaType } from './mediaType.ts';
import type { SipNameAddr } from './nameAddr.ts';
import { parseNameAddr } from './nameAddr.ts';
import type { SipHeader, SipMessage } from './sipMessage.ts';
import type { SipVia } from './via.ts';
import { parseVia } from './via.ts';

export type HeaderRead<T> =
  | { readonly status: 'missing' }
  | { readonly status: 'ok'; readonly value: T; readonly header: SipHeader }
  | { readonly status: 'malformed'; readonly value: T | undefined; readonly header: SipHeader; readonly issue: Issue };

/** Entries of list headers (Via, Contact, Route…) over every line; a malformed entry adds an issue. */
export interface HeaderListRead<T> {
  readonly values: T[];
  readonly issues: Issue[];
}

/** The first header with this name (any form), or undefined. */
export function getHeader(message: SipMessage, name: string): SipHeader | undefined {
  const canonical = canonicalHeaderName(name);
  for (const header of message.headers) if (header.canonicalName === canonical) return header;
  return undefined;
}

/** Every header line with this name (any form), in message order. */
export function getHeaders(message: SipMessage, name: string): SipHeader[] {
  const canonical = canonicalHeaderName(name);
  return message.headers.filter((header) => header.canonicalName === canonical);
}

/** The values of a comma-list header, flattened over all its lines (quotes and < > respected). */
export function getHeaderValues(message: SipMessage, name: string): string[] {
  const values: string[] = [];
  for (const header of getHeaders(message, name)) values.push(...splitHeaderList(header.value));
  return values;
}

function readSingle<T>(
  message: SipMessage,
  name: string,
  code: SipIssueCode,
  parse: (value: string) => { value: T | undefined; problem: string | undefined },
): HeaderRead<T> {
  const header = getHeader(message, name);
  if (header === undefined) return { status: 'missing' };
  const parsed = parse(header.value);
  if (parsed.problem === undefined && parsed.value !== undefined) return { status: 'ok', value: parsed.value, header };
  const issue = makeIssue(SIP_ISSUES, code, { value: header.value, detail: `${SIP_ISSUES[code].summary} (${parsed.problem ?? 'unreadable'})` });
  return { status: 'malformed', value: parsed.value, header, issue };
}

function readList<T>(
  message: SipMessage,
  name: string,
  code: SipIssueCode,
  parse: (entry: string) => { value: T | undefined; problem: string | undefined },
): HeaderListRead<T> {
  const values: T[] = [];
  const issues: Issue[] = [];
  for (const header of getHeaders(message, name)) {
    for (const entry of splitHeaderList(header.value)) {
      const parsed = parse(entry);
      if (parsed.value !== undefined) values.push(parsed.value);
      if (parsed.problem !== undefined) issues.push(makeIssue(SIP_ISSUES, code, { value: entry, detail: `${SIP_ISSUES[code].summary} (${parsed.problem})` }));
    }
  }
  return { values, issues };
}

function decimalReader(max: number, what: string): (value: string) => { value: number | undefined; problem: string | undefined } {
  return (value) => {
    const number = parseDecimal(value, max);
    if (Number.isFinite(number)) return { value: number, problem: undefined };
    return { value: undefined, problem: Number.isNaN(number) ? `${what} is not a number` : `${what} is above ${max}` };
  };
}

function nameAddrReader(value: string): { value: SipNameAddr | undefined; problem: string | undefined } {
  const parsed = parseNameAddr(value);
  return { value: parsed.value, problem: parsed.problem ?? parsed.uriProblem };
}

export const readCallId = (message: SipMessage): HeaderRead<string> =>
  readSingle(message, 'call-id', 'sip.missing_header', (value) => ({ value, problem: value === '' ? 'empty Call-ID' : undefined }));
export const readCSeq = (message: SipMessage): HeaderRead<SipCSeq> => readSingle(message, 'cseq', 'sip.bad_cseq', parseCSeq);
export const readMaxForwards = (message: SipMessage): HeaderRead<number> =>
  readSingle(message, 'max-forwards', 'sip.bad_max_forwards', decimalReader(255, 'Max-Forwards'));
export const readExpires = (message: SipMessage): HeaderRead<number> =>
  readSingle(message, 'expires', 'sip.bad_expires', decimalReader(UINT32_MAX, 'Expires'));
export const readContentLength = (message: SipMessage): HeaderRead<number> =>
  readSingle(message, 'content-length', 'sip.content_length_invalid', decimalReader(UINT32_MAX, 'Content-Length'));
export const readContentType = (message: SipMessage): HeaderRead<MediaType> =>
  readSingle(message, 'content-type', 'sip.bad_content_type', parseMediaType);
export const readFrom = (message: SipMessage): HeaderRead<SipNameAddr> => readSingle(message, 'from', 'sip.bad_name_addr', nameAddrReader);
export const readTo = (message: SipMessage): HeaderRead<SipNameAddr> => readSingle(message, 'to', 'sip.bad_name_addr', nameAddrReader);
export const readVias = (message: SipMessage): HeaderListRead<SipVia> => readList(message, 'via', 'sip.bad_via', parseVia);
export const readContacts = (message: SipMessage): HeaderListRead<SipNameAddr> => readList(message, 'contact', 'sip.bad_name_addr', nameAddrReader);
export const readRoutes = (message: SipMessage): HeaderListRead<SipNameAddr> => readList(message, 'route', 'sip.bad_name_addr', nameAddrReader);
export const readRecordRoutes = (message: SipMessage): HeaderListRead<SipNameAddr> =>
  readList(message, 'record-route', 'sip.bad_name_addr', nameAddrReader);
