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

  addSpan(text: string, span: TextSpan): void {
    const value = text.slice(span.start, span.end);
    if (value === '') return;
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

  /**
   * Regular expressions finding any hunted value as a whole word, longest first; several when there are
   * many values (an engine refuses one pattern that is too large). Values longer than MAX_HUNTED_LENGTH
   * are left to the structural pass.
   */
  huntPatterns(): RegExp[] {
    const list = [...this.texts.keys()].filter((t) => t.length <= MAX_HUNTED_LENGTH).sort((a, b) => b.length - a.length);
    const out: RegExp[] = [];
    let group: string[] = [];
    let size = 0;
    const flush = (): void => {
      if (group.length > 0) out.push(new RegExp(`(?<![0-9A-Za-z])(?:${group.join('|')})(?![0-9A-Za-z])`, 'g'));
      group = [];
      size = 0;
    };
    for (const t of list) {
      const escaped = t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      if (size + escaped.length > PATTERN_CHARS) flush();
      group.push(escaped);
      size += escaped.length + 1;
    }
    flush();
    return out;
  }
}

const MAX_HUNTED_LENGTH = 256;
const PATTERN_CHARS = 32 * 1024;

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
export function findLeftovers(bytes: Uint8Array, patterns: readonly RegExp[], into: Map<string, number>): void {
  if (patterns.length === 0 || bytes.length === 0) return;
  const text = bytesToLatin1(bytes);
  for (const pattern of patterns) {
    for (const m of text.matchAll(pattern)) if (!inProtocolLine(text, m.index)) into.set(m[0], (into.get(m[0]) ?? 0) + 1);
  }
}
