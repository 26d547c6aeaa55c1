/** Test helpers: SIP text as bytes, and a parse that fails loudly when the input is not SIP. */
import type { Issue } from '../shared/issue.ts';
import { extractSipFacts } from './extractSipFacts.ts';
import { parseSipMessage } from './parseSipMessage.ts';
import type { SipFacts } from './sipFacts.ts';
import type { SipMessage } from './sipMessage.ts';

const encoder = new TextEncoder();

/** UTF-8 bytes of `text`. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Lines joined and ended with CRLF, as UTF-8 bytes: crlf('INVITE … SIP/2.0', 'Via: …', '') */
export function crlf(...lines: string[]): Uint8Array {
  return encoder.encode(lines.join('\r\n'));
}

export interface ParsedForTest {
  readonly message: SipMessage;
  readonly facts: SipFacts;
  /** Parse issues followed by the issues of fact extraction. */
  readonly issues: Issue[];
  readonly codes: string[];
}

export function parseForTest(bytes: Uint8Array): ParsedForTest {
  const parsed = parseSipMessage(bytes);
  if (parsed.kind !== 'message') throw new Error('expected a SIP message, got not-sip');
  const issues = [...parsed.issues];
  const facts = extractSipFacts(parsed.message, issues);
  return { message: parsed.message, facts, issues, codes: issues.map((issue) => issue.code) };
}
