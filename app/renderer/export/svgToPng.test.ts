import { describe, expect, it } from 'vitest';
import { pngScale, svgSize } from './svgToPng.ts';

describe('sizing the PNG of an exported ladder', () => {
  it('reads the size of the root svg element', () => {
    expect(svgSize('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="812.5" height="640" viewBox="0 0 812.5 640">')).toEqual({ width: 812.5, height: 640 });
    expect(svgSize('<svg width="0" height="10">')).toBeUndefined();
    expect(svgSize('<html>')).toBeUndefined();
  });

  it('keeps the preferred scale when it fits and shrinks a ladder too long for one canvas', () => {
    expect(pngScale(800, 600, 2)).toBe(2);
    expect(pngScale(1200, 100_000, 2)).toBeCloseTo(0.32, 2);
    expect(pngScale(1200, 3_000_000, 2)).toBeLessThan(0.25);
  });
});
