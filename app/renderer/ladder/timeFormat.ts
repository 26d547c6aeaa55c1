/** The ladder's time column: absolute (UTC wall clock), relative to the first message, or delta to the previous row. */
export type TimeMode = 'absolute' | 'relative' | 'delta';
export const TIME_MODES: readonly TimeMode[] = ['absolute', 'relative', 'delta'];

/** Seconds with millisecond digits (or microseconds when the capture has them), sign kept for deltas. */
export function formatSeconds(ms: number, digits: number): string {
  const d = Math.min(6, Math.max(0, digits));
  const sign = ms < 0 ? '-' : '+';
  return `${sign}${(Math.abs(ms) / 1000).toFixed(d)}`;
}

/** "10:00:02.511" from the ladder start plus an offset, UTC, with `digits` fractional digits (≤ 6). */
export function formatClock(startSeconds: number, startNanoseconds: number, offsetMs: number, digits: number): string {
  const totalNs = startNanoseconds + Math.round(offsetMs * 1e6);
  const carry = Math.floor(totalNs / 1e9);
  const seconds = startSeconds + carry;
  const ns = totalNs - carry * 1e9;
  const day = ((seconds % 86400) + 86400) % 86400;
  const hh = String(Math.floor(day / 3600)).padStart(2, '0');
  const mm = String(Math.floor((day % 3600) / 60)).padStart(2, '0');
  const ss = String(day % 60).padStart(2, '0');
  const d = Math.min(6, Math.max(0, digits));
  return d === 0 ? `${hh}:${mm}:${ss}` : `${hh}:${mm}:${ss}.${String(Math.floor(ns)).padStart(9, '0').slice(0, d)}`;
}

export function formatLadderTime(
  mode: TimeMode,
  offsetMs: number,
  previousOffsetMs: number | undefined,
  start: { seconds: number; nanoseconds: number; digits: number },
): string {
  const digits = Math.min(start.digits, 6) >= 6 ? 6 : 3;
  if (mode === 'absolute') return formatClock(start.seconds, start.nanoseconds, offsetMs, digits);
  if (mode === 'relative') return formatSeconds(offsetMs, digits);
  return formatSeconds(previousOffsetMs === undefined ? 0 : offsetMs - previousOffsetMs, digits);
}
