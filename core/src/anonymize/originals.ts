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
    if (bytes[0] !== 0 && bytes[0] !== 127 && bytes[0]! < 224) this.texts.set(key, 'host');
  }

  addIpv6(bytes: Uint8Array, text?: string): void {
    this.all.add(ipv6Key(bytes));
    if (text !== undefined && text.length >= MIN_HUNTED_LENGTH && text !== '::1') this.texts.set(text, 'host');
  }

  /** One regular expression finding any hunted value as a whole word (longest first). */
  huntPattern(): RegExp | undefined {
    const list = [...this.texts.keys()].sort((a, b) => b.length - a.length);
    if (list.length === 0) return undefined;
    const escaped = list.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    return new RegExp(`(?<![0-9A-Za-z])(?:${escaped.join('|')})(?![0-9A-Za-z])`, 'g');
  }
}

/** Where hunted originals still occur in bytes (as latin1 text): value → count. */
export function findLeftovers(bytes: Uint8Array, pattern: RegExp | undefined, into: Map<string, number>): void {
  if (pattern === undefined || bytes.length === 0) return;
  for (const m of bytesToLatin1(bytes).matchAll(pattern)) into.set(m[0], (into.get(m[0]) ?? 0) + 1);
}
