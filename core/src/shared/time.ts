/**
 * Capture time. pcapng can carry nanoseconds and a JS number cannot hold epoch nanoseconds exactly
 * (2^53 ns is ~104 days), so a timestamp is whole seconds since the epoch plus a nanosecond part.
 * `precisionDigits` says how many fractional digits the capture really has (6 for µs pcap, 9 for ns).
 */
export interface Timestamp {
  /** Whole seconds since 1970-01-01T00:00:00Z (may be negative only for hostile input). */
  readonly seconds: number;
  /** 0 ≤ nanoseconds < 1e9. */
  readonly nanoseconds: number;
}

export const ZERO_TIME: Timestamp = { seconds: 0, nanoseconds: 0 };

export function compareTimestamps(a: Timestamp, b: Timestamp): number {
  return a.seconds !== b.seconds ? a.seconds - b.seconds : a.nanoseconds - b.nanoseconds;
}

/** b − a in milliseconds (exact enough for any capture span: sub-ns error only after ~100 days). */
export function diffMs(a: Timestamp, b: Timestamp): number {
  return (b.seconds - a.seconds) * 1000 + (b.nanoseconds - a.nanoseconds) / 1e6;
}

/** Builds a normalised timestamp from seconds and a (possibly out-of-range) nanosecond count. */
export function makeTimestamp(seconds: number, nanoseconds: number): Timestamp {
  if (nanoseconds >= 1e9 || nanoseconds < 0) {
    const carry = Math.floor(nanoseconds / 1e9);
    seconds += carry;
    nanoseconds -= carry * 1e9;
  }
  return { seconds, nanoseconds };
}

/** "1234567890.123456" with `digits` fractional digits (0–9), truncated, never rounded up. */
export function formatTimestamp(t: Timestamp, digits: number): string {
  if (digits <= 0) return String(t.seconds);
  const frac = String(t.nanoseconds).padStart(9, '0').slice(0, Math.min(9, digits));
  return `${t.seconds}.${frac}`;
}

/** ISO 8601 UTC with the given number of fractional digits. */
export function formatIsoTimestamp(t: Timestamp, digits: number): string {
  const date = new Date(t.seconds * 1000);
  const base = date.toISOString().slice(0, 19);
  if (digits <= 0) return base + 'Z';
  return `${base}.${String(t.nanoseconds).padStart(9, '0').slice(0, Math.min(9, digits))}Z`;
}
