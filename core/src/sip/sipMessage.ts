/**
 * One parsed SIP message (RFC 3261 §7): start line, raw headers in wire order, and the body.
 * Headers are kept untyped; typed views come from the header accessors, on demand.
 */
import type { Issue } from '../shared/issue.ts';

export interface SipHeader {
  /** The name exactly as written (trimmed), e.g. "v", "MaX-fOrWaRdS". */
  readonly name: string;
  /** Lower-case full name, compact forms expanded: "v" → "via". */
  readonly canonicalName: string;
  /** The value with folding undone (each CRLF + white space becomes one SP) and outer white space trimmed. */
  readonly value: string;
  /** Byte offset of the header name within the message bytes. */
  readonly offset: number;
}

export interface SipRequestLine {
  readonly kind: 'request';
  readonly method: string;
  readonly requestUri: string;
  /** As written, e.g. "SIP/2.0". */
  readonly version: string;
}

export interface SipStatusLine {
  readonly kind: 'response';
  readonly version: string;
  /** undefined when the code is not three digits (the text is in statusCodeText). */
  readonly statusCode: number | undefined;
  readonly statusCodeText: string;
  /** May be empty (RFC 4475 §3.1.1.13). */
  readonly reasonPhrase: string;
}

export type SipStartLine = SipRequestLine | SipStatusLine;

export interface SipMessage {
  /** Exactly the bytes that were parsed (a datagram, or one framed stream message). */
  readonly bytes: Uint8Array;
  readonly startLine: SipStartLine;
  readonly headers: readonly SipHeader[];
  /** Offset of the body within `bytes` (= bytes.length when there is none). */
  readonly bodyOffset: number;
  /** The body: a view into `bytes`, limited by Content-Length when it is valid. */
  readonly body: Uint8Array;
  /** The first valid Content-Length value, undefined when absent or invalid. */
  readonly contentLength: number | undefined;
}

export type SipParseResult =
  | { readonly kind: 'message'; readonly message: SipMessage; readonly issues: Issue[] }
  | { readonly kind: 'not-sip' };
