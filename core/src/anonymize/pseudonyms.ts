/**
 * The replacement for every identifying value, derived from HMAC-SHA-256(secret, kind + value) so that one
 * value always gets one replacement (in every header, the SDP and the IP header alike; in every file made
 * with the same secret), two values never share one, and no replacement is itself an original value.
 * Replacements keep the shape byte for byte: digits stay digits, letters letters, IPv4 octets keep their
 * number of digits, IPv6 groups their number of hex digits; so lengths never change.
 */
import { hmacSha256 } from './sha256.ts';
import { ipv4Key, ipv6Key, parseIpv4Text, parseIpv6Text, renderIpv4Like, renderIpv6Like } from './ipText.ts';

/** RFC 3261 §8.1.1.7: a branch starting with this cookie says the sender follows RFC 3261; it stays. */
export const BRANCH_COOKIE = 'z9hG4bK';
const KEEP_HOSTS = new Set(['localhost', 'invalid', 'anonymous.invalid']);
const ATTEMPTS = 64;
const encoder = new TextEncoder();

/** Bytes from HMAC(secret, label ‖ block) on demand: as many as a long token needs. */
class ByteStream {
  private block = 0;
  private bytes: Uint8Array = new Uint8Array(0);
  private at = 0;

  constructor(private readonly secret: Uint8Array, private readonly label: string) {}

  next(): number {
    if (this.at >= this.bytes.length) {
      this.bytes = hmacSha256(this.secret, encoder.encode(`${this.label}\u0000${this.block++}`));
      this.at = 0;
    }
    return this.bytes[this.at++]!;
  }

  /** Uniform in [low, high] (the bias of a modulo over 16 bits is negligible here). */
  between(low: number, high: number): number {
    return low + (((this.next() << 8) | this.next()) % (high - low + 1));
  }
}

const digitCount = (n: number, base: number): number => (n === 0 ? 1 : Math.floor(Math.log(n) / Math.log(base) + 1e-9) + 1);

export function isSpecialIpv4(b: Uint8Array): boolean {
  return b[0] === 0 || b[0] === 127 || b[0]! >= 224;
}

export function isSpecialIpv6(b: Uint8Array): boolean {
  return b[0] === 0xff || b.every((x, i) => x === 0 || (i === 15 && x === 1));
}

export interface PseudonymTables {
  readonly tokens: ReadonlyMap<string, string>;
  readonly ipv4: ReadonlyMap<string, string>;
  readonly ipv6: ReadonlyMap<string, string>;
  readonly macs: ReadonlyMap<string, string>;
}

export class Pseudonyms {
  private readonly tokens = new Map<string, string>();
  private readonly tokensUsed = new Set<string>();
  private readonly v4 = new Map<string, Uint8Array>();
  private readonly v4Used = new Set<string>();
  private readonly v6 = new Map<string, Uint8Array>();
  private readonly v6Used = new Set<string>();
  private readonly macs = new Map<string, Uint8Array>();
  private readonly macsUsed = new Set<string>();
  /** Replacements given up after ATTEMPTS tries (a tiny space such as one digit): collisions were allowed. */
  collisions = 0;

  /**
   * `originals`: every value that will be replaced (strings, and dotted/hex keys of addresses), so that no
   * replacement can be mistaken for one of them.
   */
  constructor(private readonly secret: Uint8Array, private readonly originals: ReadonlySet<string>) {}

  /** Any opaque value (user, display name, tag, Call-ID, nonce): same classes of characters, same length. */
  token(original: string): string {
    const known = this.tokens.get(original);
    if (known !== undefined) return known;
    if (!/[0-9A-Za-z\u0080-\u00ff]/.test(original)) return original;
    let out = original;
    for (let attempt = 0; attempt < ATTEMPTS * 2; attempt++) {
      const s = new ByteStream(this.secret, `token\u0000${original}\u0000${attempt}`);
      out = '';
      for (const ch of original) {
        const c = ch.charCodeAt(0);
        if (c >= 0x30 && c <= 0x39) out += String.fromCharCode(0x30 + s.between(0, 9));
        else if (c >= 0x41 && c <= 0x5a) out += String.fromCharCode(0x41 + s.between(0, 25));
        else if ((c >= 0x61 && c <= 0x7a) || c >= 0x80) out += String.fromCharCode(0x61 + s.between(0, 25));
        else out += ch;
      }
      const free = out !== original && !this.tokensUsed.has(out);
      if (free && (!this.originals.has(out) || attempt >= ATTEMPTS)) break;
      if (attempt === ATTEMPTS * 2 - 1) this.collisions++;
    }
    this.tokens.set(original, out);
    this.tokensUsed.add(out);
    return out;
  }

  /** A branch keeps the RFC 3261 magic cookie; the rest is a token. */
  branch(original: string): string {
    return original.startsWith(BRANCH_COOKIE) ? BRANCH_COOKIE + this.token(original.slice(BRANCH_COOKIE.length)) : this.token(original);
  }

  /** A host: IP literals as addresses, names label by label (the top-level domain stays, e.g. ".com"). */
  host(original: string): string {
    const ip = this.ipText(original.startsWith('[') && original.endsWith(']') ? original.slice(1, -1) : original);
    if (ip !== undefined) return original.startsWith('[') ? `[${ip}]` : ip;
    if (KEEP_HOSTS.has(original.toLowerCase()) || original.toLowerCase().endsWith('.invalid')) return original;
    const labels = original.split('.');
    const keepLast = labels.length > 1 && /^[A-Za-z]{2,}$/.test(labels[labels.length - 1]!);
    return labels.map((label, i) => (keepLast && i === labels.length - 1 ? label : this.token(label))).join('.');
  }

  /** An IPv4 or IPv6 address in text, written back in the same shape; undefined when it is not one. */
  ipText(text: string): string | undefined {
    const v4 = parseIpv4Text(text);
    if (v4 !== undefined) return renderIpv4Like(text, this.ipv4(v4));
    const v6 = parseIpv6Text(text);
    if (v6 !== undefined && text.includes(':')) return renderIpv6Like(text, this.ipv6(v6.bytes));
    return undefined;
  }

  /** Same number of decimal digits per octet; 0/8, 127/8 and multicast/reserved stay as they are. */
  ipv4(address: Uint8Array): Uint8Array {
    const key = ipv4Key(address);
    const known = this.v4.get(key);
    if (known !== undefined) return known;
    if (isSpecialIpv4(address)) return address;
    let out = address;
    for (let attempt = 0; attempt < ATTEMPTS * 4; attempt++) {
      const s = new ByteStream(this.secret, `ipv4\u0000${key}\u0000${attempt}`);
      out = new Uint8Array(4);
      for (let i = 0; i < 4; i++) {
        const d = digitCount(address[i]!, 10);
        const low = d === 1 ? (i === 0 || i === 3 ? 1 : 0) : d === 2 ? 10 : 100;
        const high = d === 1 ? 9 : d === 2 ? 99 : i === 0 ? 223 : 255;
        out[i] = s.between(low, high);
      }
      const k = ipv4Key(out);
      if (!isSpecialIpv4(out) && !this.v4Used.has(k) && (!this.originals.has(k) || attempt >= ATTEMPTS * 3)) break;
    }
    this.v4.set(key, out);
    this.v4Used.add(ipv4Key(out));
    return out;
  }

  /** Zero groups stay zero (so "::" stays where it was), others keep their number of hex digits. */
  ipv6(address: Uint8Array): Uint8Array {
    const key = ipv6Key(address);
    const known = this.v6.get(key);
    if (known !== undefined) return known;
    if (isSpecialIpv6(address)) return address;
    let out = address;
    const mapped = address.subarray(0, 10).every((b) => b === 0) && address[10] === 0xff && address[11] === 0xff;
    for (let attempt = 0; attempt < ATTEMPTS * 4; attempt++) {
      out = new Uint8Array(16);
      if (mapped) {
        out.set(address.subarray(0, 12));
        out.set(this.ipv4(address.subarray(12, 16)), 12);
        break;
      }
      const s = new ByteStream(this.secret, `ipv6\u0000${key}\u0000${attempt}`);
      for (let g = 0; g < 8; g++) {
        const value = (address[2 * g]! << 8) | address[2 * g + 1]!;
        if (value === 0) continue;
        const d = digitCount(value, 16);
        const v = s.between(d === 1 ? 1 : 16 ** (d - 1), 16 ** d - 1);
        out[2 * g] = v >> 8;
        out[2 * g + 1] = v & 0xff;
      }
      const k = ipv6Key(out);
      if (!isSpecialIpv6(out) && !this.v6Used.has(k) && (!this.originals.has(k) || attempt >= ATTEMPTS * 3)) break;
    }
    this.v6.set(key, out);
    this.v6Used.add(ipv6Key(out));
    return out;
  }

  /** Unicast MACs become locally administered ones (02:…); group (multicast, broadcast) MACs stay. */
  mac(address: Uint8Array): Uint8Array {
    const key = ipv6Key(address);
    const known = this.macs.get(key);
    if (known !== undefined) return known;
    if ((address[0]! & 1) === 1) return address;
    let out = address;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const s = new ByteStream(this.secret, `mac\u0000${key}\u0000${attempt}`);
      out = Uint8Array.from({ length: 6 }, () => s.next());
      out[0] = (out[0]! & 0xfc) | 0x02;
      if (!this.macsUsed.has(ipv6Key(out)) && ipv6Key(out) !== key) break;
    }
    this.macs.set(key, out);
    this.macsUsed.add(ipv6Key(out));
    return out;
  }

  /** What was replaced by what (keep it private: it undoes the anonymisation). */
  tables(): PseudonymTables {
    const show = (m: Map<string, Uint8Array>, f: (b: Uint8Array) => string) => new Map([...m].map(([k, v]) => [k, f(v)]));
    return { tokens: this.tokens, ipv4: show(this.v4, ipv4Key), ipv6: show(this.v6, ipv6Key), macs: show(this.macs, ipv6Key) };
  }
}
