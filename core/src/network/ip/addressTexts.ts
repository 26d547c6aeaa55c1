/**
 * The dotted-quad text of each IPv4 address (RFC 791 §3.1 source and destination), made once and then
 * handed out again: every packet of a flow names the same two addresses, and one shared string per address
 * is built, and later compared and hashed, once instead of per packet. Two generations bound the memory.
 */

const GENERATION = 65_536;

export class AddressTexts {
  private young = new Map<number, string>();
  private old = new Map<number, string>();

  /** The address at bytes[at..at+4), as formatIpv4 writes it. */
  ipv4(bytes: Uint8Array, at: number): string {
    const a = bytes[at]!;
    const b = bytes[at + 1]!;
    const c = bytes[at + 2]!;
    const d = bytes[at + 3]!;
    const key = ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
    const known = this.young.get(key);
    if (known !== undefined) return known;
    // Joined, not concatenated: one flat string rather than a tree of its parts.
    const text = this.old.get(key) ?? [a, b, c, d].join('.');
    if (this.young.size >= GENERATION) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, text);
    return text;
  }
}
