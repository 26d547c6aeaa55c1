import { describe, expect, it } from 'vitest';
import { formatClock, formatLadderTime, formatSeconds } from './timeFormat.ts';

const start = { seconds: 1709287200, nanoseconds: 0, digits: 6 };

describe('the ladder time column', () => {
  it('shows absolute UTC wall-clock time with the capture’s precision', () => {
    expect(formatLadderTime('absolute', 2511, undefined, start)).toBe('10:00:02.511000');
    expect(formatLadderTime('absolute', 0.001, undefined, { ...start, digits: 9 })).toBe('10:00:00.000001');
    expect(formatClock(1709287200, 999_999_999, 0.000001, 3)).toBe('10:00:01.000');
  });

  it('shows time relative to the first message, or the delta to the previous row', () => {
    expect(formatLadderTime('relative', 2511, 131, start)).toBe('+2.511000');
    expect(formatLadderTime('delta', 2511, 131, start)).toBe('+2.380000');
    expect(formatLadderTime('delta', 5, undefined, start)).toBe('+0.000000');
    expect(formatLadderTime('relative', 1.5, 0, { ...start, digits: 3 })).toBe('+0.002');
  });

  it('keeps the sign of negative deltas (out-of-order timestamps)', () => {
    expect(formatSeconds(-12, 3)).toBe('-0.012');
  });
});
