/**
 * The Internet checksum (RFC 1071) of the IPv4 header (RFC 791) and of UDP (RFC 768) and TCP (RFC 9293
 * §3.1) with their IPv4 or IPv6 (RFC 8200 §8.1) pseudo-header. The anonymiser changes addresses and
 * payload bytes, so every checksum is computed again (a stale one would let anyone test guesses of the
 * original addresses against it).
 */

/** One's-complement sum of 16-bit big-endian words, not yet folded or inverted. */
export function onesSum(bytes: Uint8Array, start: number, end: number, initial = 0): number {
  let sum = initial;
  let i = start;
  for (; i + 1 < end; i += 2) sum += (bytes[i]! << 8) | bytes[i + 1]!;
  if (i < end) sum += bytes[i]! << 8;
  return sum;
}

export function foldChecksum(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return ~sum & 0xffff;
}

export function writeIpv4HeaderChecksum(frame: Uint8Array, ipOffset: number, headerLength: number): void {
  frame[ipOffset + 10] = 0;
  frame[ipOffset + 11] = 0;
  const value = foldChecksum(onesSum(frame, ipOffset, ipOffset + headerLength));
  frame[ipOffset + 10] = value >> 8;
  frame[ipOffset + 11] = value & 0xff;
}

/**
 * UDP or TCP checksum over `segment` (transport header + payload, checksum field zeroed by the caller) with
 * the pseudo-header of `src`/`dst` (4 or 16 bytes each). UDP's computed 0 is sent as 0xffff (RFC 768).
 */
export function transportChecksum(src: Uint8Array, dst: Uint8Array, protocol: number, segment: Uint8Array): number {
  let sum = onesSum(src, 0, src.length) + onesSum(dst, 0, dst.length);
  sum += protocol + (segment.length & 0xffff) + Math.floor(segment.length / 0x10000);
  sum = onesSum(segment, 0, segment.length, sum);
  const value = foldChecksum(sum);
  return protocol === 17 && value === 0 ? 0xffff : value;
}
