/**
 * Textual IP addresses: IPv4 dotted quad, IPv6 in the RFC 5952 canonical form (lower case, no leading zeros,
 * the longest run of two or more zero groups — the first on a tie — as "::", and per §5 the mixed
 * "::ffff:192.0.2.1" form for IPv4-mapped addresses).
 */

export function formatIpv4(bytes: Uint8Array, at: number): string {
  return `${bytes[at]}.${bytes[at + 1]}.${bytes[at + 2]}.${bytes[at + 3]}`;
}

export function formatIpv6(bytes: Uint8Array, at: number): string {
  const groups = new Array<number>(8);
  for (let i = 0; i < 8; i++) groups[i] = (bytes[at + 2 * i]! << 8) | bytes[at + 2 * i + 1]!;

  // RFC 5952 §5: IPv4-mapped (::ffff:0:0/96) keeps the dotted quad.
  if (groups[0] === 0 && groups[1] === 0 && groups[2] === 0 && groups[3] === 0 && groups[4] === 0 && groups[5] === 0xffff) {
    return '::ffff:' + formatIpv4(bytes, at + 12);
  }

  // Longest run of zero groups; a run of one is never compressed (§4.2.2), the first wins a tie (§4.2.3).
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) { bestStart = i; bestLength = j - i; }
    i = j;
  }

  let text = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      text += '::';
      i += bestLength - 1;
      continue;
    }
    if (text.length > 0 && !text.endsWith(':')) text += ':';
    text += groups[i]!.toString(16);
  }
  return text;
}
