/** Shortening and time helpers for list rows: capture text can be arbitrarily long, a list cell cannot. */
import type { Timestamp } from '../../core/src/shared/time.ts';

export const MAX_CELL_CHARS = 200;

export function clip(text: string, max = MAX_CELL_CHARS): string {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

export function epochMs(t: Timestamp): number {
  return t.seconds * 1000 + t.nanoseconds / 1e6;
}
