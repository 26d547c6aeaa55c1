/**
 * name-addr / addr-spec values of From, To, Contact, Route, Record-Route, Refer-To… (RFC 3261 §20.10,
 * §25.1): [ display-name ] "<" URI ">" *( ";" param ), or a bare URI whose ";…" are header parameters.
 * Read tolerantly: every RFC 4475 defect (unquoted commas, spaces inside < >, unbalanced quotes) still
 * yields the URI and tag when they can be found, plus the first problem.
 */
import { NO_PARAMETERS } from './parameterRecord.ts';
import { parseParameters } from './parameters.ts';
import { readQuotedString } from './quotedString.ts';
import type { ParsedUri } from './uri.ts';
import { parseUri } from './uri.ts';
import { isTokenChar, isWsp, skipWsp, trimWsp } from './tokenChars.ts';

export interface SipNameAddr {
  /** Unquoted and unescaped; undefined when there is none. */
  readonly displayName?: string;
  /** The URI as written (inside < > when bracketed); "*" for a wildcard Contact. */
  readonly uriText: string;
  /** undefined for "*" or when the URI has no scheme. */
  readonly uri: ParsedUri | undefined;
  readonly bracketed: boolean;
  /** Header parameters (tag, expires, q, lr…), lower-case names, values as written. */
  readonly parameters: Readonly<Record<string, string>>;
  readonly raw: string;
}

export interface NameAddrParse {
  readonly value: SipNameAddr | undefined;
  /** A problem of the name-addr syntax (sip.bad_name_addr). */
  readonly problem: string | undefined;
  /** A problem of the URI inside it (sip.bad_uri). */
  readonly uriProblem: string | undefined;
}

/** display-name = *(token LWS) / quoted-string: unquoted names may only hold tokens and white space. */
function isTokenList(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isTokenChar(c) && !isWsp(c) && c < 0x80) return false;
  }
  return true;
}

/** Index of the first "<", ";" or '"' (the character that decides the form), or -1. */
function findFormMarker(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3c || c === 0x3b || c === 0x22) return i;
  }
  return -1;
}

export function parseNameAddr(entry: string): NameAddrParse {
  const raw = trimWsp(entry);
  if (raw === '') return { value: undefined, problem: 'empty value', uriProblem: undefined };
  if (raw === '*') {
    return { value: { uriText: '*', uri: undefined, bracketed: false, parameters: NO_PARAMETERS, raw }, problem: undefined, uriProblem: undefined };
  }
  let problem: string | undefined;
  let displayName: string | undefined;
  let searchFrom = 0;
  if (raw.charCodeAt(0) === 0x22) {
    const quoted = readQuotedString(raw, 0);
    if (quoted.end < 0) {
      problem = 'unterminated quoted display name';
      // Recover the way a person would: the URI is whatever sits in the last < >.
      const lt = raw.lastIndexOf('<');
      if (lt > 0) {
        const name = trimWsp(raw.slice(1, lt));
        if (name !== '') displayName = name;
        searchFrom = lt;
      } else {
        return { value: undefined, problem, uriProblem: undefined };
      }
    } else {
      displayName = quoted.content;
      searchFrom = skipWsp(raw, quoted.end);
      if (raw.charCodeAt(searchFrom) !== 0x3c) problem = 'a quoted display name must be followed by <URI>';
    }
  }
  const marker = findFormMarker(raw, searchFrom);
  let uriText: string;
  let bracketed = false;
  let parametersFrom: number;
  if (marker >= 0 && raw.charCodeAt(marker) === 0x3c) {
    bracketed = true;
    if (displayName === undefined && marker > 0) {
      const name = trimWsp(raw.slice(0, marker));
      if (!isTokenList(name)) problem ??= 'display name has characters outside a token but is not quoted';
      displayName = name;
    }
    const gt = raw.indexOf('>', marker + 1);
    const inner = gt < 0 ? raw.slice(marker + 1) : raw.slice(marker + 1, gt);
    if (gt < 0) problem ??= 'missing ">"';
    uriText = trimWsp(inner);
    if (uriText.length !== inner.length) problem ??= 'white space inside < > around the URI';
    parametersFrom = gt < 0 ? raw.length : gt + 1;
  } else {
    // addr-spec: the URI ends at the first ";" (RFC 3261 §20.10: its parameters belong to the header).
    const start = searchFrom;
    const end = marker >= 0 && raw.charCodeAt(marker) === 0x3b ? marker : raw.length;
    uriText = trimWsp(raw.slice(start, end));
    if (marker >= 0 && raw.charCodeAt(marker) === 0x22 && problem === undefined) problem = 'unexpected quote';
    if (uriText.includes('?') || uriText.includes(',')) {
      problem ??= 'a URI with "?" or "," must be enclosed in < > (RFC 3261 §20)';
    }
    parametersFrom = end;
  }
  const parameterParse = parseParameters(raw, parametersFrom);
  problem ??= parameterParse.problem;
  const uriParse = parseUri(uriText);
  const value: { -readonly [K in keyof SipNameAddr]: SipNameAddr[K] } = {
    uriText,
    uri: uriParse.uri,
    bracketed,
    parameters: parameterParse.parameters,
    raw,
  };
  if (displayName !== undefined && displayName !== '') value.displayName = displayName;
  return { value, problem, uriProblem: uriParse.problem };
}
