/**
 * Header names: case-insensitive (RFC 3261 §7.3.1) with single-letter compact forms (RFC 3261 §7.3.3
 * and the IANA "Header Fields" registry, e.g. RFC 3515 r, RFC 3892 b, RFC 4028 x, RFC 6665 o/u).
 */

/** Compact form → canonical lower-case full name. */
export const COMPACT_HEADER_FORMS: Readonly<Record<string, string>> = {
  a: 'accept-contact', // RFC 3841
  b: 'referred-by', // RFC 3892
  c: 'content-type',
  d: 'request-disposition', // RFC 3841
  e: 'content-encoding',
  f: 'from',
  i: 'call-id',
  j: 'reject-contact', // RFC 3841
  k: 'supported',
  l: 'content-length',
  m: 'contact',
  n: 'identity-info', // RFC 4474
  o: 'event', // RFC 6665
  r: 'refer-to', // RFC 3515
  s: 'subject',
  t: 'to',
  u: 'allow-events', // RFC 6665
  v: 'via',
  x: 'session-expires', // RFC 4028
  y: 'identity', // RFC 4474 / RFC 8224
};

/** Canonical names looked up without lower-casing: bucketed by length and first letter. */
const COMMON_NAMES = [
  'via', 'from', 'to', 'call-id', 'cseq', 'max-forwards', 'contact', 'content-type', 'content-length',
  'record-route', 'route', 'user-agent', 'server', 'allow', 'supported', 'require', 'proxy-require', 'expires',
  'min-expires', 'reason', 'date', 'accept', 'subject', 'event', 'refer-to', 'referred-by', 'session-expires',
  'min-se', 'allow-events', 'authorization', 'proxy-authorization', 'www-authenticate', 'proxy-authenticate',
  'content-encoding', 'content-disposition', 'privacy', 'p-asserted-identity', 'p-preferred-identity', 'rseq',
  'rack', 'timestamp', 'warning', 'retry-after', 'organization', 'accept-language', 'accept-encoding',
  'subscription-state', 'unsupported', 'diversion', 'replaces', 'path', 'service-route',
];
const BUCKETS = new Map<number, string[]>();
const bucketKey = (length: number, first: number): number => length * 32 + (first & 31);
for (const name of COMMON_NAMES) {
  const key = bucketKey(name.length, name.charCodeAt(0));
  const bucket = BUCKETS.get(key);
  if (bucket === undefined) BUCKETS.set(key, [name]);
  else bucket.push(name);
}

/** ASCII case-insensitive equality of `name` with the lower-case `lower` of the same length. */
function equalsIgnoringCase(name: string, lower: string): boolean {
  for (let i = 0; i < lower.length; i++) {
    const c = name.charCodeAt(i);
    const folded = c >= 0x41 && c <= 0x5a ? c | 0x20 : c;
    if (folded !== lower.charCodeAt(i)) return false;
  }
  return true;
}

/** "Via", "v", "VIA" → "via"; unknown names are lower-cased as they are. */
export function canonicalHeaderName(name: string): string {
  const length = name.length;
  if (length === 1) {
    const lower = name.toLowerCase();
    return COMPACT_HEADER_FORMS[lower] ?? lower;
  }
  const bucket = length > 0 ? BUCKETS.get(bucketKey(length, name.charCodeAt(0))) : undefined;
  if (bucket !== undefined) {
    for (const candidate of bucket) if (equalsIgnoringCase(name, candidate)) return candidate;
  }
  return name.toLowerCase();
}
