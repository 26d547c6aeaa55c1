/**
 * IP addresses as SIP and SDP write them (RFC 3261 §25.1 IPv4address / IPv6reference, RFC 4291 §2.2 text
 * forms), parsed to bytes and written back in the very shape of the original text: the same number of
 * characters per group or octet, the same "::", the same letter case. That is what lets the anonymiser swap
 * an address for another one byte for byte, so no length (Content-Length, UDP, TCP sequence) changes.
 */

/** "192.0.2.1" → 4 bytes (each octet 0–255, 1–3 digits), else undefined. */
export function parseIpv4Text(text: string): Uint8Array | undefined {
  if (text.length < 7 || text.length > 15) return undefined;
  const out = new Uint8Array(4);
  let part = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0x2e;
    if (c >= 0x30 && c <= 0x39) {
      value = value * 10 + (c - 0x30);
      if (++digits > 3) return undefined;
    } else if (c === 0x2e) {
      if (digits === 0 || value > 255 || part > 3) return undefined;
      out[part++] = value;
      value = 0;
      digits = 0;
    } else return undefined;
  }
  return part === 4 ? out : undefined;
}

/** The mapped address in the original's shape: each octet padded with zeros to the original's width. */
export function renderIpv4Like(original: string, mapped: Uint8Array): string | undefined {
  const parts = original.split('.');
  const out = parts.map((p, i) => String(mapped[i]).padStart(p.length, '0'));
  return out.every((o, i) => o.length === parts[i]!.length) ? out.join('.') : undefined;
}

interface Ipv6Shape {
  readonly bytes: Uint8Array;
  /** The written pieces in order: hex groups (with their text) and an optional dotted-quad tail. */
  readonly pieces: readonly { readonly text: string; readonly group?: number; readonly tail?: boolean; readonly separator?: string }[];
}

/** RFC 4291 §2.2 text (any case, leading zeros, "::", a dotted-quad tail) → bytes and the shape it was written in. */
export function parseIpv6Text(text: string): Ipv6Shape | undefined {
  if (!/^[0-9A-Fa-f:.]+$/.test(text) || text.length < 2) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const split = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const head = split(halves[0]!);
  const tail = halves.length === 2 ? split(halves[1]!) : [];
  const last = (tail.length > 0 ? tail : head).at(-1);
  const dotted = last !== undefined && last.includes('.');
  const groupCount = head.length + tail.length + (dotted ? 1 : 0);
  if (halves.length === 1 ? groupCount !== 8 : groupCount > 7) return undefined;
  const bytes = new Uint8Array(16);
  const pieces: { text: string; group?: number; tail?: boolean; separator?: string }[] = [];
  const put = (words: string[], firstGroup: number): boolean => {
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      const group = firstGroup + i;
      if (w.includes('.')) {
        if (i !== words.length - 1 || group !== 6) return false;
        const v4 = parseIpv4Text(w);
        if (v4 === undefined) return false;
        bytes.set(v4, 12);
        pieces.push({ text: w, tail: true });
        continue;
      }
      if (!/^[0-9A-Fa-f]{1,4}$/.test(w)) return false;
      const value = parseInt(w, 16);
      bytes[2 * group] = value >> 8;
      bytes[2 * group + 1] = value & 0xff;
      pieces.push({ text: w, group });
    }
    return true;
  };
  if (!put(head, 0)) return undefined;
  if (halves.length === 2) pieces.push({ text: '', separator: '::' });
  const tailStart = 8 - (tail.length + (dotted && tail.length > 0 ? 1 : 0));
  if (!put(tail, halves.length === 2 ? tailStart : head.length)) return undefined;
  return { bytes, pieces };
}

/** The mapped address written like the original: same group widths, same "::", same case. */
export function renderIpv6Like(original: string, mapped: Uint8Array): string | undefined {
  const shape = parseIpv6Text(original);
  if (shape === undefined) return undefined;
  let out = '';
  let previousWasGroup = false;
  const upper = /[A-F]/.test(original);
  for (const piece of shape.pieces) {
    if (piece.separator !== undefined) {
      out += '::';
      previousWasGroup = false;
      continue;
    }
    if (previousWasGroup) out += ':';
    if (piece.tail) {
      const v4 = renderIpv4Like(piece.text, mapped.subarray(12, 16));
      if (v4 === undefined) return undefined;
      out += v4;
    } else {
      const value = (mapped[2 * piece.group!]! << 8) | mapped[2 * piece.group! + 1]!;
      let hex = value.toString(16).padStart(piece.text.length, '0');
      if (hex.length !== piece.text.length) return undefined;
      if (upper) hex = hex.toUpperCase();
      out += hex;
    }
    previousWasGroup = true;
  }
  return out.length === original.length ? out : undefined;
}

/** Dotted quad, RFC 5952-ish bytes → key strings for maps. */
export const ipv4Key = (b: Uint8Array): string => `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
export const ipv6Key = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
