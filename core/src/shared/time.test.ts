import { describe, expect, it } from 'vitest';
import { compareTimestamps, diffMs, formatTimestamp, makeTimestamp } from './time.ts';

describe('time', () => {
  it('formats with the capture precision, truncating', () => {
    expect(formatTimestamp({ seconds: 1700000000, nanoseconds: 123456789 }, 6)).toBe('1700000000.123456');
    expect(formatTimestamp({ seconds: 1700000000, nanoseconds: 5 }, 9)).toBe('1700000000.000000005');
    expect(formatTimestamp({ seconds: 1, nanoseconds: 999999999 }, 0)).toBe('1');
  });
  it('normalises nanosecond overflow into seconds', () => {
    expect(makeTimestamp(10, 2_500_000_000)).toEqual({ seconds: 12, nanoseconds: 500_000_000 });
    expect(makeTimestamp(10, -1)).toEqual({ seconds: 9, nanoseconds: 999_999_999 });
  });
  it('orders and subtracts', () => {
    const a = { seconds: 5, nanoseconds: 900_000_000 };
    const b = { seconds: 6, nanoseconds: 100_000_000 };
    expect(compareTimestamps(a, b)).toBeLessThan(0);
    expect(diffMs(a, b)).toBeCloseTo(200, 9);
  });
});
