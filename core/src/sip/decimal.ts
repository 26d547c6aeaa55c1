/** Decimal numbers of the SIP grammar (1*DIGIT, RFC 3261 §25.1), safe for any length of input. */

/**
 * The value of a 1*DIGIT string (leading zeros allowed). NaN when it is empty or not all digits;
 * Infinity when the value exceeds `max` (so "10000…000" never loses precision silently).
 */
export function parseDecimal(text: string, max: number): number {
  const length = text.length;
  if (length === 0) return Number.NaN;
  let value = 0;
  let overflow = false;
  for (let i = 0; i < length; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return Number.NaN;
    if (!overflow) {
      value = value * 10 + digit;
      if (value > max) overflow = true;
    }
  }
  return overflow ? Number.POSITIVE_INFINITY : value;
}

/** 2^32 − 1: the largest CSeq number, Expires value and Content-Length we accept. */
export const UINT32_MAX = 4294967295;
