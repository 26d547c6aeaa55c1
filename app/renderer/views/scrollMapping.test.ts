import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeScrollMap, MAX_SCROLL_PX, offsetToReveal, scrollTopFor, virtualOffset, visibleRows } from './scrollMapping.ts';

describe('scroll mapping past the element-height limit', () => {
  it('is the identity while the content fits under the cap', () => {
    const map = makeScrollMap(10_000, 500);
    expect(map.scrollHeight).toBe(10_000);
    expect(virtualOffset(map, 1234)).toBe(1234);
    expect(scrollTopFor(map, 1234)).toBe(1234);
  });

  it('caps a million 28-px rows under Chromium’s limit and still reaches the first and the last row', () => {
    const map = makeScrollMap(1_000_000 * 28, 700);
    expect(map.scrollHeight).toBe(MAX_SCROLL_PX);
    expect(map.scrollHeight).toBeLessThan(33_554_428);
    expect(virtualOffset(map, 0)).toBe(0);
    const end = virtualOffset(map, map.scrollHeight - map.viewportHeight);
    expect(end).toBe(map.virtualHeight - map.viewportHeight);
    const { end: lastRow } = visibleRows(end, 700, 28, 1_000_000, 0);
    expect(lastRow).toBe(1_000_000);
  });

  it('maps back and forth without drift (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 5_000_000 }), fc.integer({ min: 100, max: 3000 }), fc.double({ min: 0, max: 1, noNaN: true }), (rows, viewport, t) => {
      const map = makeScrollMap(rows * 28, viewport);
      const offset = t * Math.max(0, map.virtualHeight - viewport);
      const back = virtualOffset(map, scrollTopFor(map, offset));
      expect(Math.abs(back - offset)).toBeLessThan(1e-6 * Math.max(1, offset));
    }));
  });

  it('is monotonic: scrolling further never shows earlier content (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 5_000_000 }), fc.integer({ min: 0, max: 20_000_000 }), fc.integer({ min: 0, max: 20_000_000 }), (rows, a, b) => {
      const map = makeScrollMap(rows * 28, 800);
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      expect(virtualOffset(map, lo)).toBeLessThanOrEqual(virtualOffset(map, hi));
    }));
  });

  it('lists the rows a viewport shows, with overscan, clipped to the list', () => {
    expect(visibleRows(0, 280, 28, 1000, 2)).toEqual({ first: 0, end: 12 });
    expect(visibleRows(2800, 280, 28, 1000, 0)).toEqual({ first: 100, end: 110 });
    expect(visibleRows(0, 280, 28, 3, 2)).toEqual({ first: 0, end: 3 });
    expect(visibleRows(0, 280, 28, 0, 2)).toEqual({ first: 0, end: 0 });
  });

  it('moves just enough to reveal a row above or below the viewport', () => {
    expect(offsetToReveal(280, 280, 28, 12)).toBe(280);
    expect(offsetToReveal(280, 280, 28, 5)).toBe(140);
    expect(offsetToReveal(280, 280, 28, 25)).toBe(26 * 28 - 280);
  });
});
