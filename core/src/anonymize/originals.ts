/**
 * The original values of a capture, gathered before anything is replaced: so no replacement can be one of
 * them, so the last pass can hunt down copies the structure did not show (a user name inside free text),
 * and so the output can be checked for anything left.
 */
import { bytesToLatin1 } from '../shared/bytes.ts';
import { ipv4Key, ipv6Key, parseIpv4Text, parseIpv6Text } from './ipText.ts';
import { BRANCH_COOKIE } from './pseudonyms.ts';
import type { TextSpan } from './sipSpans.ts';

/** Values shorter than this are not hunted in free text (too many false matches: "70", "ACK", "101"). */
export const MIN_HUNTED_LENGTH = 4;
/** Digit-only values are hunted only from this length: shorter ones could be ports, CSeq or lengths. */
export const MIN_HUNTED_DIGITS = 7;

export class Originals {
  /** Every value and address key (for the pseudonyms, which must never produce one). */
  readonly all = new Set<string>();
  /** IPv4 addresses as 32-bit numbers, to find them in binary too (an encapsulation left in a payload). */
  readonly ipv4Numbers = new Set<number>();
  /** Values as they appear in text, worth searching for in the output and in free text, with their kind. */
  readonly texts = new Map<string, 'token' | 'host'>();

  private readonly seen = new Set<string>();

  addSpan(text: string, span: TextSpan): void {
    const value = text.slice(span.start, span.end);
    if (value === '') return;
    const key = `${span.kind}\u0000${value}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    if (span.kind === 'host') this.addHost(value);
    else if (span.kind === 'branch') this.addToken(value.startsWith(BRANCH_COOKIE) ? value.slice(BRANCH_COOKIE.length) : value);
    else this.addToken(value);
  }

  addToken(value: string): void {
    this.all.add(value);
    if (value.length >= MIN_HUNTED_LENGTH && (!/^\d+$/.test(value) || value.length >= MIN_HUNTED_DIGITS) && /[0-9A-Za-z]/.test(value)) {
      if (!this.texts.has(value)) this.texts.set(value, 'token');
    }
  }

  addHost(value: string): void {
    const bare = value.startsWith('[') ? value.slice(1, -1) : value;
    const v4 = parseIpv4Text(bare);
    const v6 = v4 === undefined && bare.includes(':') ? parseIpv6Text(bare) : undefined;
    if (v4 !== undefined) this.addIpv4(v4);
    else if (v6 !== undefined) this.addIpv6(v6.bytes, bare);
    else {
      const labels = bare.split('.');
      labels.forEach((label, i) => {
        if (i < labels.length - 1 || labels.length === 1) this.addToken(label);
      });
      if (labels.length > 1) this.texts.set(bare, 'host');
    }
  }

  addIpv4(bytes: Uint8Array): void {
    const key = ipv4Key(bytes);
    this.all.add(key);
    if (bytes[0] !== 0 && bytes[0] !== 127 && bytes[0]! < 224) {
      this.texts.set(key, 'host');
      this.ipv4Numbers.add(((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0);
    }
  }

  addIpv6(bytes: Uint8Array, text?: string): void {
    this.all.add(ipv6Key(bytes));
    if (text !== undefined && text.length >= MIN_HUNTED_LENGTH && text !== '::1') this.texts.set(text, 'host');
  }

  /** Finds every hunted value as a whole word in a text. */
  hunter(): Hunter {
    return new Hunter([...this.texts.keys()]);
  }
}

const isWordChar = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/**
 * Whole-word search for many values at once: candidates are looked up by their first four characters at
 * each word start, then compared — linear in the text, where one regular expression with thousands of
 * alternatives is slow (and too large for the engine past some size).
 */
export class Hunter {
  private readonly byPrefix = new Map<string, string[]>();
  readonly size: number;

  constructor(values: readonly string[]) {
    const list = values.filter((v) => v.length >= MIN_HUNTED_LENGTH && v.length <= MAX_HUNTED_LENGTH).sort((a, b) => b.length - a.length);
    for (const v of list) {
      const key = v.slice(0, MIN_HUNTED_LENGTH);
      const bucket = this.byPrefix.get(key);
      if (bucket === undefined) this.byPrefix.set(key, [v]);
      else bucket.push(v);
    }
    this.size = list.length;
  }

  /** Matches left to right, longest first, never overlapping. */
  *find(text: string): Generator<{ index: number; value: string }> {
    if (this.size === 0) return;
    for (let i = 0; i + MIN_HUNTED_LENGTH <= text.length; i++) {
      if (i > 0 && isWordChar(text.charCodeAt(i - 1))) continue;
      const bucket = this.byPrefix.get(text.slice(i, i + MIN_HUNTED_LENGTH));
      if (bucket === undefined) continue;
      for (const v of bucket) {
        if (!text.startsWith(v, i)) continue;
        if (i + v.length < text.length && isWordChar(text.charCodeAt(i + v.length))) continue;
        yield { index: i, value: v };
        i += v.length - 1;
        break;
      }
    }
  }
}

const MAX_HUNTED_LENGTH = 256;

/** Original IPv4 addresses still present as 4 binary bytes in a payload: "a.b.c.d (binary)" → count. */
export function findBinaryAddresses(bytes: Uint8Array, numbers: ReadonlySet<number>, into: Map<string, number>): void {
  if (numbers.size === 0) return;
  for (let i = 0; i + 4 <= bytes.length; i++) {
    const n = ((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!) >>> 0;
    if (!numbers.has(n)) continue;
    const key = `${bytes[i]}.${bytes[i + 1]}.${bytes[i + 2]}.${bytes[i + 3]} (binary)`;
    into.set(key, (into.get(key) ?? 0) + 1);
  }
}

/**
 * SDP lines that carry protocol vocabulary only (media formats, codec names and parameters): a value found
 * there is not the person's, even when a display name happens to read "GSM/8000".
 */
const PROTOCOL_LINE = /^(?:m=|a=rtpmap:|a=fmtp:)/;

export function inProtocolLine(text: string, index: number): boolean {
  return PROTOCOL_LINE.test(text.slice(text.lastIndexOf('\n', index) + 1, index + 1));
}

/** Where hunted originals still occur in bytes (as latin1 text): value → count. */
export function findLeftovers(bytes: Uint8Array, hunter: Hunter, into: Map<string, number>): void {
  if (hunter.size === 0 || bytes.length === 0) return;
  const text = bytesToLatin1(bytes);
  for (const m of hunter.find(text)) if (!inProtocolLine(text, m.index)) into.set(m.value, (into.get(m.value) ?? 0) + 1);
}
