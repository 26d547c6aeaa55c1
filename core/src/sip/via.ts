/**
 * One Via entry (RFC 3261 §20.42, §25.1; rport RFC 3581; IPv6 sent-by RFC 5118 §4.5):
 *   sent-protocol LWS sent-by *( SEMI via-params )
 *   sent-protocol = protocol-name SLASH protocol-version SLASH transport   (SLASH = SWS "/" SWS)
 *   sent-by       = host [ COLON port ]
 */
import { parseDecimal } from './decimal.ts';
import { isIpv6Address } from './ipv6.ts';
import { parseParameters } from './parameters.ts';
import { isTokenChar, isWsp, skipWsp, trimWsp } from './tokenChars.ts';

export interface SipVia {
  /** e.g. "SIP" */
  readonly protocolName: string;
  /** e.g. "2.0" */
  readonly protocolVersion: string;
  /** As written, e.g. "UDP", "TLS", "WSS", "UNKNOWN". */
  readonly transport: string;
  /** sent-by host; an IPv6 reference without its brackets. */
  readonly host: string;
  readonly port?: number;
  readonly parameters: Readonly<Record<string, string>>;
  readonly branch?: string;
  readonly received?: string;
  /** undefined = absent; null = present without a value; number = filled in. */
  readonly rport?: number | null;
  readonly maddr?: string;
  readonly ttl?: number;
  readonly raw: string;
}

export interface ViaParse {
  /** undefined when not even protocol and host can be read. */
  readonly value: SipVia | undefined;
  readonly problem: string | undefined;
}

/** Where a sent-by host ends: white space, ":" before the port, ";" before the parameters. */
const SENT_BY_HOST_END = /[ \t:;]/;

function readToken(text: string, from: number): number {
  let i = from;
  while (i < text.length && isTokenChar(text.charCodeAt(i))) i++;
  return i;
}

/** Skips SWS "/" SWS; returns the index after it, or -1 when there is no slash. */
function skipSlash(text: string, from: number): number {
  const i = skipWsp(text, from);
  return text.charCodeAt(i) === 0x2f ? skipWsp(text, i + 1) : -1;
}

export function parseVia(entry: string): ViaParse {
  const raw = trimWsp(entry);
  if (raw === '') return { value: undefined, problem: 'empty Via entry' };
  const nameEnd = readToken(raw, 0);
  const slash1 = skipSlash(raw, nameEnd);
  const versionEnd = slash1 < 0 ? -1 : readToken(raw, slash1);
  const slash2 = versionEnd < 0 ? -1 : skipSlash(raw, versionEnd);
  const transportEnd = slash2 < 0 ? -1 : readToken(raw, slash2);
  if (nameEnd === 0 || slash1 < 0 || versionEnd === slash1 || slash2 < 0 || transportEnd === slash2) {
    return { value: undefined, problem: `"${raw.slice(0, 40)}" does not start with protocol/version/transport` };
  }
  const protocolName = raw.slice(0, nameEnd);
  const protocolVersion = raw.slice(slash1, versionEnd);
  const transport = raw.slice(slash2, transportEnd);
  let problem: string | undefined;
  if ((protocolName !== 'SIP' && protocolName.toUpperCase() !== 'SIP') || protocolVersion !== '2.0') problem = `sent-protocol is ${protocolName}/${protocolVersion}, not SIP/2.0`;
  if (!isWsp(raw.charCodeAt(transportEnd))) {
    return { value: undefined, problem: 'no sent-by after the transport' };
  }
  let i = skipWsp(raw, transportEnd);
  let host: string;
  if (raw.charCodeAt(i) === 0x5b) {
    const close = raw.indexOf(']', i);
    host = close < 0 ? raw.slice(i + 1) : raw.slice(i + 1, close);
    if (close < 0 || !isIpv6Address(host)) problem ??= `sent-by "${host}" is not a valid IPv6 reference`;
    i = close < 0 ? raw.length : close + 1;
  } else {
    const start = i;
    const hostLength = raw.slice(start).search(SENT_BY_HOST_END);
    i = hostLength < 0 ? raw.length : start + hostLength;
    host = raw.slice(start, i);
  }
  if (host === '') return { value: undefined, problem: 'empty sent-by host' };
  let port: number | undefined;
  i = skipWsp(raw, i);
  if (raw.charCodeAt(i) === 0x3a) {
    const start = skipWsp(raw, i + 1);
    i = start;
    while (i < raw.length && raw.charCodeAt(i) >= 0x30 && raw.charCodeAt(i) <= 0x39) i++;
    const value = parseDecimal(raw.slice(start, i), 65535);
    if (Number.isFinite(value)) port = value;
    else problem ??= `bad sent-by port "${raw.slice(start, Math.max(i, start + 1))}"`;
  }
  const parameterParse = parseParameters(raw, i);
  problem ??= parameterParse.problem;
  const parameters = parameterParse.parameters;
  const via: { -readonly [K in keyof SipVia]: SipVia[K] } = {
    protocolName, protocolVersion, transport, host, parameters, raw,
  };
  if (port !== undefined) via.port = port;
  if (parameters.branch !== undefined) via.branch = parameters.branch;
  if (parameters.received !== undefined) via.received = parameters.received;
  if (parameters.maddr !== undefined) via.maddr = parameters.maddr;
  const rport = parameters.rport;
  if (rport !== undefined) {
    if (rport === '') via.rport = null;
    else {
      const value = parseDecimal(rport, 65535);
      if (Number.isFinite(value)) via.rport = value;
      else problem ??= `bad rport "${rport}"`;
    }
  }
  const ttl = parameters.ttl;
  if (ttl !== undefined) {
    const value = parseDecimal(ttl, 255);
    if (Number.isFinite(value)) via.ttl = value;
    else problem ??= `bad ttl "${ttl}"`;
  }
  if (via.branch === '') problem ??= 'empty branch';
  return { value: via, problem };
}
