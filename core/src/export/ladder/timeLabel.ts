/**
 * Row times for a ladder: absolute (UTC time of day; the date goes in the header), relative to the first
 * message drawn, or the delta from the previous row. Digits follow the capture's clock (6 for µs pcap).
 */
import { diffMs, formatIsoTimestamp, type Timestamp } from '../../shared/time.ts';

export type TimeMode = 'abs' | 'rel' | 'delta';
export const TIME_MODES: readonly TimeMode[] = ['abs', 'rel', 'delta'];

/** Seconds with `digits` decimals from a millisecond difference, signed: "+0.008000", "-0.000120". */
function seconds(ms: number, digits: number): string {
  const text = (Math.abs(ms) / 1000).toFixed(Math.max(0, Math.min(9, digits)));
  return (ms < 0 ? '-' : '+') + text;
}

export function rowTime(mode: TimeMode, t: Timestamp, start: Timestamp, previous: Timestamp | undefined, digits: number): string {
  if (mode === 'abs') return formatIsoTimestamp(t, digits).slice(11, -1);
  if (mode === 'rel') return seconds(diffMs(start, t), digits);
  return seconds(previous === undefined ? 0 : diffMs(previous, t), digits);
}

/** "2024-03-01 10:00:00.000000 UTC", for headers. */
export function startLabel(start: Timestamp, digits: number): string {
  return formatIsoTimestamp(start, digits).replace('T', ' ').replace('Z', ' UTC');
}

/** The time column's text for every row of a ladder, in row order. */
export function rowTimes(mode: TimeMode, times: readonly Timestamp[], start: Timestamp, digits: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < times.length; i++) out.push(rowTime(mode, times[i]!, start, i > 0 ? times[i - 1] : undefined, digits));
  return out;
}
