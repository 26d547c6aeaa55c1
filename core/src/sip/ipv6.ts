/**
 * Textual IPv6 addresses as SIP writes them inside [ ] (RFC 3261 §25.1 IPv6reference, corrected by
 * RFC 5118 §4.10): eight 16-bit hex groups, one "::" for a run of zeros, optionally ending in a
 * dotted IPv4 address that stands for the last two groups.
 */

function isHexGroup(text: string, start: number, end: number): boolean {
  const length = end - start;
  if (length < 1 || length > 4) return false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i) | 0x20;
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}

export function isIpv4Address(text: string): boolean {
  const parts = text.split('.');
  if (parts.length !== 4) return false;
  for (const part of parts) {
    if (part.length < 1 || part.length > 3) return false;
    for (let i = 0; i < part.length; i++) {
      const c = part.charCodeAt(i);
      if (c < 0x30 || c > 0x39) return false;
    }
    if (Number(part) > 255) return false;
  }
  return true;
}

/** Counts the 16-bit groups of one side of "::"; -1 when a group is malformed. */
function countGroups(text: string, allowIpv4Tail: boolean): number {
  if (text === '') return 0;
  const groups = text.split(':');
  let count = 0;
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g]!;
    if (allowIpv4Tail && g === groups.length - 1 && group.includes('.')) {
      if (!isIpv4Address(group)) return -1;
      count += 2;
    } else if (isHexGroup(group, 0, group.length)) {
      count += 1;
    } else {
      return -1;
    }
  }
  return count;
}

/** True for a valid IPv6 address without brackets, e.g. "2001:db8::9:1" or "::ffff:192.0.2.2". */
export function isIpv6Address(text: string): boolean {
  if (text.length < 2 || text.length > 45) return false;
  const double = text.indexOf('::');
  if (double < 0) return countGroups(text, true) === 8;
  if (text.indexOf('::', double + 1) >= 0) return false;
  const head = text.slice(0, double);
  const tail = text.slice(double + 2);
  // "2001:db8:::1" leaves a stray colon next to "::" (RFC 5118 §4.10); the split catches it as an empty group.
  const headCount = countGroups(head, false);
  const tailCount = countGroups(tail, true);
  return headCount >= 0 && tailCount >= 0 && headCount + tailCount <= 7;
}
