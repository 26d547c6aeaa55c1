import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TickClock, tsresolPrecisionDigits } from './tickClock.ts';

/** Exact reference: BigInt division, nanoseconds truncated. */
function reference(ticks: bigint, tsresol: number, offsetSeconds = 0): { seconds: number; nanoseconds: number } {
  const exponent = BigInt(tsresol & 0x7f);
  const perSecond = tsresol & 0x80 ? 1n << exponent : 10n ** exponent;
  return {
    seconds: Number(ticks / perSecond) + offsetSeconds,
    nanoseconds: Number(((ticks % perSecond) * 1_000_000_000n) / perSecond),
  };
}

const split = (ticks: bigint): [number, number] => [Number(ticks >> 32n), Number(ticks & 0xffffffffn)];

describe('TickClock', () => {
  it('converts microsecond ticks (the default resolution)', () => {
    const clock = new TickClock();
    expect(clock.precisionDigits).toBe(6);
    expect(clock.toTimestamp(...split(1_700_000_000_123_456n))).toEqual({ seconds: 1700000000, nanoseconds: 123456000 });
  });

  it('converts nanosecond epoch ticks beyond 2^53 exactly', () => {
    const clock = new TickClock(9);
    const ticks = 1_700_000_000_999_999_999n; // ≈ 2^60.6
    expect(clock.precisionDigits).toBe(9);
    expect(clock.toTimestamp(...split(ticks))).toEqual({ seconds: 1700000000, nanoseconds: 999999999 });
  });

  it('converts 2^-10 ticks with 4 digits of precision', () => {
    const clock = new TickClock(0x80 | 10);
    expect(clock.precisionDigits).toBe(4);
    // 1024 ticks per second: 1500·1024 + 512 ticks is 1500.5 s.
    expect(clock.toTimestamp(0, 1500 * 1024 + 512)).toEqual({ seconds: 1500, nanoseconds: 500000000 });
  });

  it('adds if_tsoffset seconds', () => {
    const clock = new TickClock(6, 1_000_000_000);
    expect(clock.toTimestamp(0, 2_500_000)).toEqual({ seconds: 1000000002, nanoseconds: 500000000 });
  });

  it('caps precision digits at the 9 a nanosecond timestamp holds', () => {
    expect(tsresolPrecisionDigits(12)).toBe(9);
    expect(tsresolPrecisionDigits(0x80 | 20)).toBe(7); // ceil(20·log10 2) = ceil(6.02)
    expect(tsresolPrecisionDigits(0)).toBe(0);
  });

  it('agrees with exact BigInt arithmetic for every resolution and any 64-bit tick count', () => {
    const resolutions = fc.oneof(fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0x80, max: 0x80 + 63 }));
    const ticks = fc.oneof(
      fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
      fc.bigInt({ min: 1_000_000_000_000_000_000n, max: 2_000_000_000_000_000_000n }),
      fc.bigInt({ min: 0n, max: 1n << 53n }),
    );
    fc.assert(
      fc.property(resolutions, ticks, (tsresol, t) => {
        const got = new TickClock(tsresol).toTimestamp(...split(t));
        const want = reference(t, tsresol);
        // Seconds beyond 2^53 cannot be exact numbers; only hostile files get there.
        if (want.seconds > Number.MAX_SAFE_INTEGER) return true;
        expect(got).toEqual(want);
        return true;
      }),
      { numRuns: 3000 },
    );
  });
});
