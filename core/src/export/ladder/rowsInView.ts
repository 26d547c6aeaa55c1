/**
 * Windowing a laid-out ladder: which rows meet a vertical range (a viewport), found by binary search, so an
 * interactive ladder of 100 000 rows draws only the few dozen on screen. Relies on the layout's invariant:
 * rows are stacked top to bottom, each row's top at or below the previous row's bottom.
 */

export interface RowExtent {
  readonly top: number;
  readonly bottom: number;
}

/** Rows [first, end) whose extent [top, bottom] meets [from, to] (layout units); first = end when none do. */
export function rowsInView(rows: readonly RowExtent[], from: number, to: number): { first: number; end: number } {
  // First row whose bottom reaches `from`.
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]!.bottom < from) lo = mid + 1;
    else hi = mid;
  }
  const first = lo;
  // First row (from there) whose top is past `to`.
  hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]!.top <= to) lo = mid + 1;
    else hi = mid;
  }
  return { first, end: Math.max(first, lo) };
}

/** The row at height `y`, or the nearest one above it (-1 above the first row). */
export function rowAtOrAbove(rows: readonly RowExtent[], y: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]!.top <= y) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
