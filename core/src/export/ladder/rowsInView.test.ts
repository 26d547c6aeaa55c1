import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutLadder, type LadderLayoutOptions } from './layoutLadder.ts';
import { rowAtOrAbove, rowsInView, type RowExtent } from './rowsInView.ts';

// Rows of heights 10, 20, 10 with gaps of 5: [0,10] [15,35] [40,50].
const ROWS: RowExtent[] = [{ top: 0, bottom: 10 }, { top: 15, bottom: 35 }, { top: 40, bottom: 50 }];

/** Stacked rows from heights and gaps, as the layout makes them. */
const stacked = fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 8 })), { maxLength: 60 }).map((sizes) => {
  const rows: RowExtent[] = [];
  let y = 0;
  for (const [height, gap] of sizes) {
    rows.push({ top: y, bottom: y + height });
    y += height + gap;
  }
  return rows;
});

describe('finding the rows of a ladder in a viewport', () => {
  it('returns the rows a range touches, partly visible ones included', () => {
    expect(rowsInView(ROWS, 12, 38)).toEqual({ first: 1, end: 2 });
    expect(rowsInView(ROWS, 5, 45)).toEqual({ first: 0, end: 3 });
    expect(rowsInView(ROWS, 35, 40)).toEqual({ first: 1, end: 3 });
  });

  it('returns an empty range in a gap, above the first row and past the last', () => {
    expect(rowsInView(ROWS, 11, 14)).toEqual({ first: 1, end: 1 });
    expect(rowsInView(ROWS, -20, -1)).toEqual({ first: 0, end: 0 });
    expect(rowsInView(ROWS, 60, 90)).toEqual({ first: 3, end: 3 });
    expect(rowsInView([], 0, 100)).toEqual({ first: 0, end: 0 });
  });

  it('returns an empty range for an inverted range', () => {
    const { first, end } = rowsInView(ROWS, 45, 5);
    expect(end - first).toBe(0);
  });

  it('agrees with testing every row (property)', () => {
    fc.assert(fc.property(stacked, fc.integer({ min: -10, max: 1500 }), fc.integer({ min: 0, max: 400 }), (rows, from, height) => {
      const to = from + height;
      const expected = rows.flatMap((r, i) => (r.bottom >= from && r.top <= to ? [i] : []));
      const { first, end } = rowsInView(rows, from, to);
      expect(Array.from({ length: end - first }, (_, k) => first + k)).toEqual(expected);
    }));
  });

  it('finds the row at a height, or the one above it', () => {
    expect(rowAtOrAbove(ROWS, -1)).toBe(-1);
    expect(rowAtOrAbove(ROWS, 0)).toBe(0);
    expect(rowAtOrAbove(ROWS, 12)).toBe(0);
    expect(rowAtOrAbove(ROWS, 15)).toBe(1);
    expect(rowAtOrAbove(ROWS, 99)).toBe(2);
  });

  it('windows what layoutLadder produces: rows with notes and self-loops of different heights', () => {
    const cells: LadderLayoutOptions = {
      measure: (t) => t.length, lineHeight: 1, headerLineHeight: 1, headerGap: 1, timeWidth: 10, laneGapMin: 14, labelPad: 1,
      labelGap: 0, arrowHeight: 1, noteGap: 0, noteIndent: 2, rowGap: 1, loopWidth: 3, loopHeight: 1, bracketStep: 1, bracketSlots: 4,
      bracketPad: 1, margin: 0,
    };
    const rows = Array.from({ length: 200 }, (_, i) => ({
      from: i % 3, to: i % 5 === 0 ? i % 3 : (i + 1) % 3, label: ['INVITE'], notes: i % 7 === 0 ? ['Via: a', 'Via: b'] : [],
    }));
    const g = layoutLadder({ lanes: [{ header: ['a'] }, { header: ['b'] }, { header: ['c'] }], rows, brackets: [] }, cells);
    const from = g.rows[50]!.top + 1;
    const to = g.rows[60]!.bottom - 1;
    expect(rowsInView(g.rows, from, to)).toEqual({ first: 50, end: 61 });
  });
});
