import { describe, expect, it } from 'vitest';
import { isAtBottom, isAtNewest, isUserScroll } from './followScroll.ts';

describe('following the newest rows', () => {
  it('counts a scroll position within a row of the bottom as the bottom', () => {
    expect(isAtBottom(400, 600, 1000)).toBe(true);
    expect(isAtBottom(370, 600, 1000)).toBe(true);
    expect(isAtBottom(360, 600, 1000)).toBe(false);
    // A list shorter than its box is always at the bottom.
    expect(isAtBottom(0, 600, 300)).toBe(true);
  });

  it('looks for the newest rows at the top of a list sorted newest first', () => {
    expect(isAtNewest(0, 600, 1000, true)).toBe(true);
    expect(isAtNewest(400, 600, 1000, true)).toBe(false);
    expect(isAtNewest(400, 600, 1000, false)).toBe(true);
  });

  it('takes only scrolls right after the person’s own input as theirs', () => {
    expect(isUserScroll(1000, 900)).toBe(true);
    expect(isUserScroll(2000, 900)).toBe(false);
    expect(isUserScroll(1000, -Infinity)).toBe(false);
  });
});
