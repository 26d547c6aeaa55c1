/**
 * When the replay reveals the next message: at a steady pace (one message per interval), or at the
 * capture's own timing (the gap between two messages' timestamps) divided by a speed factor. Pauses in a
 * real call can last minutes (talk time, Timer B): a gap is capped so a class never waits on an idle line.
 */
import type { Pacing } from './stepModel.ts';

export const STEADY_INTERVAL_MS = 1500;
export const MAX_PAUSE_MS = 4000;

/**
 * Milliseconds to wait before revealing message `position` (0-based: `position` are already shown),
 * undefined when there is nothing left to reveal. The first message comes at once.
 */
export function replayDelayMs(offsetsMs: readonly number[], position: number, pacing: Pacing, speed: number): number | undefined {
  if (position < 0 || position >= offsetsMs.length) return undefined;
  const factor = speed > 0 && Number.isFinite(speed) ? speed : 1;
  if (pacing === 'steady') return position === 0 ? 0 : Math.round(STEADY_INTERVAL_MS / factor);
  if (position === 0) return 0;
  // Captures can hold messages slightly out of timestamp order (several interfaces): never a negative wait.
  const gap = Math.max(0, offsetsMs[position]! - offsetsMs[position - 1]!);
  return Math.round(Math.min(gap / factor, MAX_PAUSE_MS));
}

/** Every wait of a replay from the first message to the last (what replayDelayMs gives at each position). */
export function replaySchedule(offsetsMs: readonly number[], pacing: Pacing, speed: number): number[] {
  return offsetsMs.map((_, position) => replayDelayMs(offsetsMs, position, pacing, speed)!);
}
