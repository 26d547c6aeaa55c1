/**
 * Scrolling past Chromium's element-height limit (~33.5 M px): a list of a million rows is taller than
 * any element may be, so the scrollable spacer is capped and scroll positions are mapped linearly onto
 * the full ("virtual") height. Below the cap the mapping is the identity.
 */
export const MAX_SCROLL_PX = 15_000_000;

export interface ScrollMap {
  /** Height of the full content, in px. */
  virtualHeight: number;
  /** Height given to the scrollable spacer (≤ MAX_SCROLL_PX). */
  scrollHeight: number;
  viewportHeight: number;
}

export function makeScrollMap(virtualHeight: number, viewportHeight: number, maxScrollPx = MAX_SCROLL_PX): ScrollMap {
  const v = Math.max(0, virtualHeight);
  return { virtualHeight: v, scrollHeight: Math.min(v, Math.max(maxScrollPx, viewportHeight)), viewportHeight: Math.max(0, viewportHeight) };
}

/** Scroll position (px in the spacer) → offset into the virtual content (px). */
export function virtualOffset(map: ScrollMap, scrollTop: number): number {
  const scrollRange = map.scrollHeight - map.viewportHeight;
  const virtualRange = map.virtualHeight - map.viewportHeight;
  if (scrollRange <= 0 || virtualRange <= 0) return 0;
  const t = Math.min(1, Math.max(0, scrollTop / scrollRange));
  return t * virtualRange;
}

/** Offset into the virtual content → the scroll position that shows it at the top. */
export function scrollTopFor(map: ScrollMap, offset: number): number {
  const scrollRange = map.scrollHeight - map.viewportHeight;
  const virtualRange = map.virtualHeight - map.viewportHeight;
  if (scrollRange <= 0 || virtualRange <= 0) return 0;
  return Math.min(1, Math.max(0, offset / virtualRange)) * scrollRange;
}

/** Rows [first, end) that intersect the viewport at `offset`, with `overscan` extra rows each side. */
export function visibleRows(offset: number, viewportHeight: number, rowHeight: number, total: number, overscan = 2): { first: number; end: number } {
  const first = Math.max(0, Math.floor(offset / rowHeight) - overscan);
  const end = Math.min(total, Math.ceil((offset + viewportHeight) / rowHeight) + overscan);
  return { first, end: Math.max(first, end) };
}

/** The offset that brings row `row` into view with the least movement (unchanged when already visible). */
export function offsetToReveal(offset: number, viewportHeight: number, rowHeight: number, row: number): number {
  const top = row * rowHeight;
  if (top < offset) return top;
  if (top + rowHeight > offset + viewportHeight) return top + rowHeight - viewportHeight;
  return offset;
}
