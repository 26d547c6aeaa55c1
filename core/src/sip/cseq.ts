/**
 * CSeq = 1*DIGIT LWS Method (RFC 3261 §20.16). The number must fit 32 bits unsigned (§8.1.1.5,
 * RFC 4475 §3.1.2.4); values from 2^31 on are legal to receive but flagged, since senders must stay below.
 */
import { UINT32_MAX, parseDecimal } from './decimal.ts';
import { isToken, isWsp, trimWsp } from './tokenChars.ts';

export interface SipCSeq {
  /** undefined when not a 32-bit unsigned number. */
  readonly number: number | undefined;
  /** undefined when missing or not a token. */
  readonly method: string | undefined;
}

export interface CSeqParse {
  readonly value: SipCSeq;
  readonly problem: string | undefined;
}

export function parseCSeq(text: string): CSeqParse {
  const value = trimWsp(text);
  let split = 0;
  while (split < value.length && !isWsp(value.charCodeAt(split))) split++;
  const digits = value.slice(0, split);
  let methodStart = split;
  while (methodStart < value.length && isWsp(value.charCodeAt(methodStart))) methodStart++;
  const methodText = value.slice(methodStart);
  const number = parseDecimal(digits, UINT32_MAX);
  let problem: string | undefined;
  if (Number.isNaN(number)) problem = `sequence number "${digits.slice(0, 40)}" is not a number`;
  else if (!Number.isFinite(number)) problem = `sequence number ${digits.slice(0, 40)} does not fit 32 bits`;
  const method = isToken(methodText) ? methodText : undefined;
  if (method === undefined) problem ??= methodText === '' ? 'no method after the sequence number' : `"${methodText.slice(0, 40)}" is not a method`;
  return { value: { number: Number.isFinite(number) ? number : undefined, method }, problem };
}

export const CSEQ_WARN_FROM = 2 ** 31;
