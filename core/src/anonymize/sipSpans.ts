/**
 * Where the identifying values are in SIP text (RFC 3261 §25 grammar, read leniently, line by line) and in
 * SDP (RFC 8866 §5): URI users and hosts (sip, sips, tel, pres, im, mailto), display names, tags and ftags,
 * Via sent-by, branch, received and maddr, Call-ID and its relatives, digest parameters, Warning agents,
 * SDP origin and connection addresses, keys; and every IPv4/IPv6 literal anywhere. Works on a latin1
 * string (one character per byte), so positions are byte offsets and replacements keep byte lengths.
 */
import { parseIpv4Text, parseIpv6Text } from './ipText.ts';

export type SpanKind = 'token' | 'host' | 'branch';

export interface TextSpan {
  readonly start: number;
  readonly end: number;
  readonly kind: SpanKind;
}

const NAME_ADDR_HEADERS = new Set([
  'from', 'f', 'to', 't', 'contact', 'm', 'route', 'record-route', 'reply-to', 'refer-to', 'r', 'referred-by', 'b',
  'p-asserted-identity', 'p-preferred-identity', 'remote-party-id', 'diversion', 'history-info', 'p-called-party-id',
  'path', 'service-route', 'privacy-user', 'x-original-to',
]);
const CALL_ID_HEADERS = new Set(['call-id', 'i', 'x-call-id', 'x-cid', 'x-orig-call-id', 'x-original-call-id', 'in-reply-to', 'session-id']);
const AUTH_HEADERS = new Set(['authorization', 'proxy-authorization', 'www-authenticate', 'proxy-authenticate', 'authentication-info']);
const FREE_TEXT_HEADERS = new Set(['organization', 'subject', 's', 'x-user', 'x-name']);

const HEADER = /^([A-Za-z][A-Za-z0-9!%*_+`'~.-]*)[ \t]*:[ \t]*/;
const REQUEST_LINE = /^([A-Za-z]+) (\S+) SIP\/\d\.\d\s*$/;
const SDP_LINE = /^([a-z])=/;
const URI = /(?<![A-Za-z0-9+.-])(sips?|tel|pres|im|mailto):([^\s<>"',;?()]*)/gi;
const IPV4 = /(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w.])/g;
const IPV6 = /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f.]*(?![\w:])/g;
const PARAMS = /;[ \t]*(tag|ftag|to-tag|from-tag|branch|received|maddr)[ \t]*=[ \t]*("[^"]*"|[^;,>\s]+)/gi;
const VIA_SENT_BY = /SIP[ \t]*\/[ \t]*\d\.\d[ \t]*\/[ \t]*[A-Za-z]+[ \t]+(\[[^\]]*\]|[^\s;:,]+)/gi;
const DISPLAY_NAME = /(^|,)[ \t]*(?:"((?:[^"\\]|\\.)*)"|([^<>",;:=]*?[^<>",;:=\s]))[ \t]*</g;
const AUTH_PARAM = /(username|realm|nonce|cnonce|response|opaque|nextnonce|rspauth)[ \t]*=[ \t]*(?:"([^"]*)"|([^\s,"]+))/gi;
const WARNING_AGENT = /(?:^|,)[ \t]*\d{3}[ \t]+(\[[^\]]*\]|[^\s:"]+)/g;
const SDP_KEYS = /(?:inline:|ice-ufrag:|ice-pwd:)([^|\s]+)/g;

class SpanList {
  readonly spans: (TextSpan & { order: number })[] = [];

  add(start: number, end: number, kind: SpanKind): void {
    if (end > start) this.spans.push({ start, end, kind, order: this.spans.length });
  }

  /** A host that may carry a port ("host:5060") or brackets: the port stays, the brackets go with the host. */
  host(at: number, text: string): void {
    if (text.split(':').length > 2 && parseIpv6Text(text) !== undefined) return this.add(at, at + text.length, 'host');
    const m = /^(\[[^\]]*\]|[^:]+)/.exec(text);
    if (m !== null) this.add(at, at + m[1]!.length, 'host');
  }

  /** Sorted, first-found wins where two overlap (structure before the generic address scan). */
  result(): TextSpan[] {
    const sorted = [...this.spans].sort((a, b) => a.start - b.start || a.order - b.order);
    const out: TextSpan[] = [];
    let end = -1;
    for (const s of sorted) {
      if (s.start < end) continue;
      out.push({ start: s.start, end: s.end, kind: s.kind });
      end = s.end;
    }
    return out;
  }
}

function scanUris(line: string, at: number, spans: SpanList): void {
  for (const m of line.matchAll(URI)) {
    const scheme = m[1]!.toLowerCase();
    const rest = m[2]!;
    const restAt = at + m.index + m[1]!.length + 1;
    if (scheme === 'tel') {
      spans.add(restAt, restAt + rest.length, 'token');
      continue;
    }
    const atSign = rest.lastIndexOf('@');
    if (atSign >= 0) {
      const colon = rest.indexOf(':');
      const userEnd = colon >= 0 && colon < atSign ? colon : atSign;
      spans.add(restAt, restAt + userEnd, 'token');
      if (userEnd < atSign) spans.add(restAt + userEnd + 1, restAt + atSign, 'token');
    }
    spans.host(restAt + atSign + 1, rest.slice(atSign + 1));
  }
}

function scanAddresses(line: string, at: number, spans: SpanList): void {
  if (/\d\.\d/.test(line)) for (const m of line.matchAll(IPV4)) if (parseIpv4Text(m[0]) !== undefined) spans.add(at + m.index, at + m.index + m[0].length, 'host');
  // An IPv6 literal has "::" or seven colons: most lines have neither, and skip the costly pattern.
  if (!line.includes('::') && line.split(':').length < 8) return;
  for (const m of line.matchAll(IPV6)) {
    const text = m[0];
    if ((text.includes('::') || text.split(':').length === 8) && parseIpv6Text(text) !== undefined) spans.add(at + m.index, at + m.index + text.length, 'host');
  }
}

function scanHeader(name: string, value: string, at: number, spans: SpanList): void {
  if (CALL_ID_HEADERS.has(name) || FREE_TEXT_HEADERS.has(name)) spans.add(at, at + value.trimEnd().length, 'token');
  if (name === 'replaces') spans.add(at, at + (value.indexOf(';') >= 0 ? value.indexOf(';') : value.trimEnd().length), 'token');
  if (name === 'via' || name === 'v') for (const m of value.matchAll(VIA_SENT_BY)) spans.host(at + m.index + m[0].length - m[1]!.length, m[1]!);
  if (NAME_ADDR_HEADERS.has(name)) {
    for (const m of value.matchAll(DISPLAY_NAME)) {
      const text = m[2] ?? m[3]!;
      const start = at + m.index + m[0].indexOf(text, m[1]!.length);
      if (text.trim() !== '') spans.add(start, start + text.length, 'token');
    }
  }
  if (AUTH_HEADERS.has(name)) {
    for (const m of value.matchAll(AUTH_PARAM)) {
      const text = m[2] ?? m[3]!;
      const start = at + m.index + m[0].length - text.length - (m[2] !== undefined ? 1 : 0);
      const isRealmDomain = m[1]!.toLowerCase() === 'realm' && /\./.test(text) && !/\s/.test(text);
      spans.add(start, start + text.length, isRealmDomain ? 'host' : 'token');
    }
  }
  if (name === 'warning') for (const m of value.matchAll(WARNING_AGENT)) spans.host(at + m.index + m[0].length - m[1]!.length, m[1]!);
  for (const m of value.matchAll(PARAMS)) {
    const param = m[1]!.toLowerCase();
    const raw = m[2]!;
    const text = raw.startsWith('"') ? raw.slice(1, -1) : raw;
    const start = at + m.index + m[0].length - raw.length + (raw.startsWith('"') ? 1 : 0);
    spans.add(start, start + text.length, param === 'branch' ? 'branch' : param === 'received' || param === 'maddr' ? 'host' : 'token');
  }
}

function scanSdp(type: string, value: string, at: number, spans: SpanList): void {
  if (type === 'o') {
    const fields = value.split(' ');
    if (fields[0] !== '-') spans.add(at, at + fields[0]!.length, 'token');
    if (fields.length >= 6) spans.host(at + value.length - fields[5]!.length, fields[5]!);
  } else if (type === 'c') {
    const fields = value.split(' ');
    if (fields.length >= 3) spans.host(at + fields[0]!.length + fields[1]!.length + 2, fields[2]!.split('/')[0]!);
  } else if (type === 'e' || type === 'p' || type === 'k') {
    spans.add(at, at + value.trimEnd().length, 'token');
  } else if (type === 'a') {
    for (const m of value.matchAll(SDP_KEYS)) spans.add(at + m.index + m[0].length - m[1]!.length, at + m.index + m[0].length, 'token');
  }
}

export function findSipSpans(text: string): TextSpan[] {
  const spans = new SpanList();
  let at = 0;
  while (at <= text.length) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const line = text.slice(at, end).replace(/\r$/, '');
    const request = REQUEST_LINE.exec(line);
    const header = request === null ? HEADER.exec(line) : null;
    const sdp = request === null && header === null ? SDP_LINE.exec(line) : null;
    if (header !== null) scanHeader(header[1]!.toLowerCase(), line.slice(header[0].length), at + header[0].length, spans);
    else if (sdp !== null) scanSdp(sdp[1]!, line.slice(2), at + 2, spans);
    scanUris(line, at, spans);
    scanAddresses(line, at, spans);
    at = end + 1;
  }
  return spans.result();
}
