/**
 * Checksums the builder must get right: the Internet checksum (RFC 1071) with the IPv4/IPv6 pseudo
 * headers (RFC 768, RFC 9293 §3.1, RFC 8200 §8.1), and CRC32c for SCTP (RFC 9260 appendix A).
 */

/** One's-complement sum of 16-bit big-endian words over all parts, folded and complemented. */
export function internetChecksum(...parts: readonly Uint8Array[]): number {
  let sum = 0;
  let odd = -1; // a byte left over from a part with odd length, joined to the next part's first byte
  for (const p of parts) {
    let i = 0;
    if (odd >= 0 && p.length > 0) {
      sum += (odd << 8) | p[0]!;
      odd = -1;
      i = 1;
    }
    for (; i + 1 < p.length; i += 2) sum += (p[i]! << 8) | p[i + 1]!;
    if (i < p.length) odd = p[i]!;
    if (sum > 0xffffff) sum = (sum & 0xffff) + (sum >>> 16);
  }
  if (odd >= 0) sum += odd << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/**
 * Pseudo header for TCP/UDP checksums:
 * IPv4: src(4) dst(4) zero(1) protocol(1) length(2).  IPv6: src(16) dst(16) length(4) zero(3) next header(1).
 */
export function pseudoHeader(src: Uint8Array, dst: Uint8Array, protocol: number, length: number): Uint8Array {
  if (src.length === 4) {
    const out = new Uint8Array(12);
    out.set(src, 0);
    out.set(dst, 4);
    out[9] = protocol;
    out[10] = length >> 8;
    out[11] = length & 0xff;
    return out;
  }
  const out = new Uint8Array(40);
  out.set(src, 0);
  out.set(dst, 16);
  new DataView(out.buffer).setUint32(32, length);
  out[39] = protocol;
  return out;
}

/** Checksum of a transport segment; 0 is sent as 0xffff (UDP: 0 would mean "no checksum"). */
export function transportChecksum(src: Uint8Array, dst: Uint8Array, protocol: number, segment: Uint8Array): number {
  const c = internetChecksum(pseudoHeader(src, dst, protocol, segment.length), segment);
  return c === 0 ? 0xffff : c;
}

let crc32cTable: Uint32Array | undefined;

/** CRC32c (Castagnoli, reflected polynomial 0x82f63b78). "123456789" → 0xe3069283. */
export function crc32c(bytes: Uint8Array): number {
  if (!crc32cTable) {
    crc32cTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
      crc32cTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = crc32cTable[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
