/**
 * URIs in SIP: sip/sips (RFC 3261 §19.1, IPv6 references per RFC 5118), tel (RFC 3966) and any other
 * absoluteURI (RFC 3986 scheme ":" rest). Escapes (%xx) are kept as written. Never throws: a URI that
 * breaks the grammar gives the best reading it can plus the first problem found.
 *
 *   sip:user:password@host:port;uri-parameters?headers
 */
import { parseDecimal } from './decimal.ts';
import { isIpv6Address } from './ipv6.ts';
import { NO_PARAMETERS, addParameter } from './parameterRecord.ts';

export interface SipUri {
  readonly kind: 'sip';
  /** Lower-case: "sip" or "sips". */
  readonly scheme: 'sip' | 'sips';
  readonly user?: string;
  readonly password?: string;
  /** Host as written; an IPv6 reference without its brackets. */
  readonly host: string;
  readonly hostIsIpv6: boolean;
  readonly port?: number;
  /** uri-parameters, lower-case names, values as written ('' when there is no "="). */
  readonly parameters: Readonly<Record<string, string>>;
  /** headers after "?", names as written. */
  readonly headers: Readonly<Record<string, string>>;
  readonly hasHeaders: boolean;
  readonly raw: string;
}

export interface TelUri {
  readonly kind: 'tel';
  readonly scheme: 'tel';
  /** global-number ("+1-201-555-0123") or local-number as written. */
  readonly number: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly raw: string;
}

export interface AbsoluteUri {
  readonly kind: 'absolute';
  /** Lower-case scheme, e.g. "http", "urn", "soap.beep". */
  readonly scheme: string;
  /** Everything after the first ":". */
  readonly rest: string;
  readonly raw: string;
}

export type ParsedUri = SipUri | TelUri | AbsoluteUri;

export interface UriParse {
  /** undefined only when there is not even a scheme. */
  readonly uri: ParsedUri | undefined;
  readonly problem: string | undefined;
}

function isSchemeChar(c: number, first: boolean): boolean {
  const lower = c | 0x20;
  if (lower >= 0x61 && lower <= 0x7a) return true;
  if (first) return false;
  return (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e; // digit + - .
}

/** Characters that may not appear raw in a URI written in a SIP message (CTL, SP, DQUOTE, < >). */
const FORBIDDEN = /[\x00-\x20"<>\x7f]/;
/** The first character that cannot continue a hostname (RFC 3261 §25.1 hostname; "_" tolerated). */
const HOST_END = /[^A-Za-z0-9._-]/;

/** ";name=value;flag" → { name: 'value', flag: '' }; reports empty parameters. */
function splitUriParameters(text: string, problems: string[]): Record<string, string> {
  const parameters: Record<string, string> = {};
  if (text === '') return parameters;
  // indexOf walks instead of split(): no array, half the time on every Contact and Route.
  let start = 0;
  let eq = text.indexOf('=');
  while (start <= text.length) {
    let end = text.indexOf(';', start);
    if (end < 0) end = text.length;
    // The next "=" is searched again only once passed, so parameters without values stay linear.
    if (eq >= 0 && eq < start) eq = text.indexOf('=', start);
    const nameEnd = eq < 0 || eq > end ? end : eq;
    if (end === start) problems.push('empty URI parameter');
    else if (nameEnd === start) problems.push('URI parameter without a name');
    else addParameter(parameters, text.slice(start, nameEnd).toLowerCase(), nameEnd === end ? '' : text.slice(nameEnd + 1, end));
    start = end + 1;
  }
  return parameters;
}

function splitUriHeaders(text: string, problems: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const part of text.split('&')) {
    const eq = part.indexOf('=');
    if (eq <= 0) {
      problems.push('URI header without "name="');
      continue;
    }
    const name = part.slice(0, eq);
    addParameter(headers, name, part.slice(eq + 1));
  }
  return headers;
}

/** ":" (port), ";" (parameters) or "?" (headers): what may follow a host. */
function endsHost(c: number): boolean {
  return c === 0x3a || c === 0x3b || c === 0x3f;
}

function parseSipUri(raw: string, scheme: 'sip' | 'sips', rest: string, problems: string[]): SipUri {
  let user: string | undefined;
  let password: string | undefined;
  let hostStart = 0;
  // The user part may hold ";", "?", "/" and "," (user-unreserved) but never "@".
  const at = rest.indexOf('@');
  if (at >= 0) {
    const userinfo = rest.slice(0, at);
    const colon = userinfo.indexOf(':');
    user = colon < 0 ? userinfo : userinfo.slice(0, colon);
    if (colon >= 0) password = userinfo.slice(colon + 1);
    if (user === '') problems.push('empty user part before "@"');
    hostStart = at + 1;
  }
  let host: string;
  let hostIsIpv6 = false;
  let p: number;
  if (rest.charCodeAt(hostStart) === 0x5b) {
    const close = rest.indexOf(']', hostStart);
    if (close < 0) {
      problems.push('unterminated IPv6 reference');
      host = rest.slice(hostStart + 1);
      p = rest.length;
    } else {
      host = rest.slice(hostStart + 1, close);
      p = close + 1;
    }
    hostIsIpv6 = true;
    if (!isIpv6Address(host)) problems.push(`"${host}" is not a valid IPv6 address`);
  } else {
    const hostLength = hostStart === 0 ? rest.search(HOST_END) : rest.slice(hostStart).search(HOST_END);
    p = hostLength < 0 ? rest.length : hostStart + hostLength;
    host = rest.slice(hostStart, p);
    if (p < rest.length && !endsHost(rest.charCodeAt(p))) {
      problems.push(`unexpected "${rest[p]}" in host`);
      while (p < rest.length && !endsHost(rest.charCodeAt(p))) p++;
      host = rest.slice(hostStart, p);
    }
  }
  if (host === '') problems.push('empty host');
  let port: number | undefined;
  if (rest.charCodeAt(p) === 0x3a) {
    const portStart = p + 1;
    p = portStart;
    while (p < rest.length && rest.charCodeAt(p) !== 0x3b && rest.charCodeAt(p) !== 0x3f) p++;
    const value = parseDecimal(rest.slice(portStart, p), 65535);
    if (Number.isFinite(value)) port = value;
    else problems.push(`bad port "${rest.slice(portStart, p)}"`);
  } else if (p < rest.length && !endsHost(rest.charCodeAt(p))) {
    problems.push(`unexpected "${rest[p]}" after the host`);
  }
  const question = rest.indexOf('?', p);
  const parameterText = rest.slice(p + (rest.charCodeAt(p) === 0x3b ? 1 : 0), question < 0 ? rest.length : question);
  const parameters = rest.charCodeAt(p) === 0x3b ? splitUriParameters(parameterText, problems) : NO_PARAMETERS;
  const headers = question < 0 ? NO_PARAMETERS : splitUriHeaders(rest.slice(question + 1), problems);
  const uri: { -readonly [K in keyof SipUri]: SipUri[K] } = {
    kind: 'sip', scheme, host, hostIsIpv6, parameters, headers, hasHeaders: question >= 0, raw,
  };
  if (user !== undefined) uri.user = user;
  if (password !== undefined) uri.password = password;
  if (port !== undefined) uri.port = port;
  return uri;
}

function parseTelUri(raw: string, rest: string, problems: string[]): TelUri {
  const semi = rest.indexOf(';');
  const number = semi < 0 ? rest : rest.slice(0, semi);
  if (number === '' || number === '+') problems.push('empty telephone number');
  for (let i = 0; i < number.length; i++) {
    const c = number.charCodeAt(i);
    const ok = (c === 0x2b && i === 0) || (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66) ||
      c === 0x2a || c === 0x23 || c === 0x2d || c === 0x2e || c === 0x28 || c === 0x29;
    if (!ok) {
      problems.push(`unexpected "${number[i]}" in telephone number`);
      break;
    }
  }
  const parameters = semi < 0 ? NO_PARAMETERS : splitUriParameters(rest.slice(semi + 1), problems);
  return { kind: 'tel', scheme: 'tel', number, parameters, raw };
}

/** Parses one URI as written (no surrounding < > or white space). */
export function parseUri(raw: string): UriParse {
  const colon = raw.indexOf(':');
  if (colon <= 0) return { uri: undefined, problem: `"${raw.slice(0, 40)}" has no scheme` };
  for (let i = 0; i < colon; i++) {
    if (!isSchemeChar(raw.charCodeAt(i), i === 0)) return { uri: undefined, problem: `"${raw.slice(0, colon).slice(0, 40)}" is not a URI scheme` };
  }
  const problems: string[] = [];
  // Regex scans: compiled loops beat charCodeAt loops on the sliced strings headers are made of.
  const forbidden = raw.search(FORBIDDEN);
  if (forbidden >= 0) {
    const c = raw.charCodeAt(forbidden);
    problems.push(c === 0x20 || c === 0x09 ? 'white space inside the URI' : `"${raw[forbidden]}" is not allowed in a URI`);
  }
  const scheme = raw.slice(0, colon).toLowerCase();
  const rest = raw.slice(colon + 1);
  let uri: ParsedUri;
  if (scheme === 'sip' || scheme === 'sips') uri = parseSipUri(raw, scheme, rest, problems);
  else if (scheme === 'tel') uri = parseTelUri(raw, rest, problems);
  else {
    if (rest === '') problems.push('nothing after the scheme');
    uri = { kind: 'absolute', scheme, rest, raw };
  }
  return { uri, problem: problems[0] };
}
