/**
 * pcapng timestamp ticks → Timestamp (draft-ietf-opsawg-pcapng §4.2 if_tsresol, if_tsoffset; §4.3 EPB).
 * A tick count is 64 bits split in two 32-bit halves; epoch nanoseconds (~1.7e18) exceed 2^53, so the
 * division by ticks-per-second is done exactly: plain numbers while exact, 16-bit long division for
 * decimal resolutions up to 10^-9, BigInt only for the rare finer or odd resolutions.
 */
import type { Timestamp } from '../shared/time.ts';

const TWO_POW_32 = 4294967296;
/** Below 2^21 in the high word the whole tick count is under 2^53 and exact as a number. */
const EXACT_HIGH_LIMIT = 0x200000;

/** Conversion strategies (plain numbers rather than an enum: the file must stay erasable TypeScript). */
const MODE_DECIMAL = 0;
const MODE_BINARY = 1;
const MODE_BIG = 2;

/** Default when an interface has no if_tsresol: microseconds. */
export const DEFAULT_TSRESOL = 6;

/** Fractional decimal digits a resolution really has, capped at 9 (a Timestamp holds nanoseconds). */
export function tsresolPrecisionDigits(tsresol: number): number {
  const exponent = tsresol & 0x7f;
  const digits = tsresol & 0x80 ? Math.ceil(exponent * Math.log10(2)) : exponent;
  return Math.min(9, digits);
}

/** floor(a / d) and its remainder for 0 ≤ a < 2^53, correcting the rare rounding of a / d up to an integer. */
function divideExact(a: number, d: number): number {
  let q = Math.floor(a / d);
  const r = a - q * d;
  if (r < 0) q -= 1;
  else if (r >= d) q += 1;
  return q;
}

/** Converts one interface's tick counts; built once per interface description block. */
export class TickClock {
  readonly precisionDigits: number;
  private readonly mode: number;
  /** Ticks per second (Decimal: 10^n, Binary: 2^n). */
  private readonly ticksPerSecond: number;
  /** Decimal: nanoseconds per tick; Binary: the exponent n. */
  private readonly scale: number;
  private readonly bigTicksPerSecond: bigint;
  private readonly offsetSeconds: number;

  /** `tsresol` is the raw if_tsresol byte (bit 7 set: 2^-n, else 10^-n); `offsetSeconds` is if_tsoffset. */
  constructor(tsresol: number = DEFAULT_TSRESOL, offsetSeconds = 0) {
    const exponent = tsresol & 0x7f;
    const binary = (tsresol & 0x80) !== 0;
    this.precisionDigits = tsresolPrecisionDigits(tsresol);
    this.offsetSeconds = offsetSeconds;
    if (!binary && exponent <= 9) {
      this.mode = MODE_DECIMAL;
      this.ticksPerSecond = 10 ** exponent;
      this.scale = 10 ** (9 - exponent);
    } else if (binary && exponent <= 23) {
      // frac < 2^23, so frac * 1e9 < 2^53 stays exact.
      this.mode = MODE_BINARY;
      this.ticksPerSecond = 2 ** exponent;
      this.scale = exponent;
    } else {
      this.mode = MODE_BIG;
      this.ticksPerSecond = 0;
      this.scale = 0;
    }
    this.bigTicksPerSecond = binary ? 1n << BigInt(exponent) : 10n ** BigInt(exponent);
  }

  /** Timestamp of the tick count high·2^32 + low (both unsigned 32-bit). */
  toTimestamp(high: number, low: number): Timestamp {
    if (this.mode === MODE_DECIMAL) return this.decimal(high, low);
    if (this.mode === MODE_BINARY) return this.binary(high, low);
    return this.big(high, low);
  }

  private decimal(high: number, low: number): Timestamp {
    const d = this.ticksPerSecond;
    if (high < EXACT_HIGH_LIMIT) {
      const ticks = high * TWO_POW_32 + low;
      const seconds = divideExact(ticks, d);
      return { seconds: seconds + this.offsetSeconds, nanoseconds: (ticks - seconds * d) * this.scale };
    }
    // Long division of the 64-bit count by d in digits of 2^32, 2^16, 2^16: every partial value stays
    // below d·2^16 ≤ 6.6e13, well inside 2^53.
    const qHigh = Math.floor(high / d);
    let rest = high - qHigh * d;
    let part = rest * 65536 + (low >>> 16);
    const qMid = divideExact(part, d);
    rest = part - qMid * d;
    part = rest * 65536 + (low & 0xffff);
    const qLow = divideExact(part, d);
    rest = part - qLow * d;
    const seconds = qHigh * TWO_POW_32 + qMid * 65536 + qLow;
    return { seconds: seconds + this.offsetSeconds, nanoseconds: rest * this.scale };
  }

  private binary(high: number, low: number): Timestamp {
    const n = this.scale;
    const lowSeconds = n === 0 ? low : Math.floor(low / this.ticksPerSecond);
    const frac = low - lowSeconds * this.ticksPerSecond;
    const seconds = high * 2 ** (32 - n) + lowSeconds;
    // Truncate as Wireshark does: the fraction's nanoseconds are rounded down, never up into the next second.
    const nanoseconds = Math.floor((frac * 1e9) / this.ticksPerSecond);
    return { seconds: seconds + this.offsetSeconds, nanoseconds };
  }

  private big(high: number, low: number): Timestamp {
    const ticks = (BigInt(high) << 32n) | BigInt(low);
    const perSecond = this.bigTicksPerSecond;
    const seconds = ticks / perSecond;
    const nanoseconds = ((ticks % perSecond) * 1_000_000_000n) / perSecond;
    return { seconds: Number(seconds) + this.offsetSeconds, nanoseconds: Number(nanoseconds) };
  }
}
