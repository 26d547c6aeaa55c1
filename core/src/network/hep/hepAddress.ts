/**
 * Text forms of the raw addresses HEP carries: dotted IPv4, and IPv6 in the RFC 5952 §4 canonical form
 * (lower-case hex, no leading zeros, longest run of ≥ 2 zero groups as "::", leftmost on ties), the form
 * Endpoint.ip uses everywhere.
 */

export function formatIpv4(bytes: Uint8Array, at: number): string {
  return `${bytes[at]}.${bytes[at + 1]}.${bytes[at + 2]}.${bytes[at + 3]}`;
}

export function formatIpv6(bytes: Uint8Array, at: number): string {
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push((bytes[at + 2 * i]! << 8) | bytes[at + 2 * i + 1]!);
  // RFC 5952 §5: IPv4-mapped addresses keep the dotted quad.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return `::ffff:${formatIpv4(bytes, at + 12)}`;
  }
  let bestStart = -1;
  let bestLength = 1; // a single zero group is never compressed (§4.2.2)
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hexOf = (g: number): string => g.toString(16);
  if (bestStart < 0) return groups.map(hexOf).join(':');
  const head = groups.slice(0, bestStart).map(hexOf).join(':');
  const tail = groups.slice(bestStart + bestLength).map(hexOf).join(':');
  return `${head}::${tail}`;
}
