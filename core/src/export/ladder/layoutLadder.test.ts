import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutLadder, type LadderLayoutInput, type LadderLayoutOptions } from './layoutLadder.ts';

// Terminal-cell metrics: one unit per character, one per line.
const CELLS: LadderLayoutOptions = {
  measure: (t) => t.length, lineHeight: 1, headerLineHeight: 1, headerGap: 1, timeWidth: 10, laneGapMin: 14, labelPad: 1,
  labelGap: 0, arrowHeight: 1, noteGap: 0, noteIndent: 2, rowGap: 0, loopWidth: 3, loopHeight: 1, bracketStep: 1, bracketSlots: 4,
  bracketPad: 1, margin: 0,
};

const lanes = (n: number) => Array.from({ length: n }, (_, i) => ({ header: [`lane-${i}`] }));

describe('laying out a ladder', () => {
  const input: LadderLayoutInput = {
    lanes: lanes(3),
    rows: [
      { from: 0, to: 1, label: ['INVITE (SDP PCMU/8000)'], notes: ['+ Via: SIP/2.0/UDP a;branch=z9hG4bK1', 'Max-Forwards: 70'] },
      { from: 1, to: 0, label: ['407 Proxy Authentication Required'], notes: [] },
      { from: 0, to: 2, label: ['ACK'], notes: [] },
      { from: 2, to: 2, label: ['OPTIONS'], notes: [] },
    ],
    brackets: [{ firstRow: 0, lastRow: 1 }, { firstRow: 2, lastRow: 2 }],
  };
  const g = layoutLadder(input, CELLS);

  it('puts lanes left to right far enough apart for the widest label between them', () => {
    const [a, b, c] = g.lanes.map((l) => l.x);
    expect(b! - a!).toBe('407 Proxy Authentication Required'.length + 2);
    expect(c! - b!).toBeGreaterThanOrEqual(CELLS.laneGapMin);
    expect(g.fits).toBe(true);
  });

  it('stacks rows top to bottom: label lines, the arrow, then the notes', () => {
    const [first, second] = g.rows;
    expect(first!.top).toBe(g.bodyTop);
    expect(first!.y).toBe(first!.top + 1);
    expect(first!.notes).toMatchObject({ y: first!.y + 1, lines: ['+ Via: SIP/2.0/UDP a;branch=z9hG4bK1', 'Max-Forwards: 70'] });
    expect(first!.bottom).toBe(first!.y + 3);
    expect(second!.top).toBe(first!.bottom);
  });

  it('draws arrows as paths from sender to receiver, and a loop for a lane sending to itself', () => {
    const [right, left, , self] = g.rows;
    expect(right!.direction).toBe('right');
    expect(right!.path).toBe(`M${g.lanes[0]!.x},${right!.y} L${g.lanes[1]!.x},${right!.y}`);
    expect(left!.direction).toBe('left');
    expect(left!.points.at(-1)!.x).toBe(g.lanes[0]!.x);
    expect(self!.direction).toBe('self');
    expect(self!.points).toHaveLength(4);
    expect(self!.points[1]!.x).toBe(g.lanes[2]!.x + CELLS.loopWidth);
    expect(self!.label).toMatchObject({ anchor: 'start', x: g.lanes[2]!.x + 1 });
    expect(g.width).toBeGreaterThanOrEqual(self!.label.x + 'OPTIONS'.length);
  });

  it('centres a label between its lanes', () => {
    const ack = g.rows[2]!;
    expect(ack.label.x).toBe((g.lanes[0]!.x + g.lanes[2]!.x) / 2);
    expect(ack.label.anchor).toBe('middle');
  });

  it('places brackets in the gutter left of the lanes, from the first arrow to the last', () => {
    expect(g.brackets).toEqual([
      { span: 0, slot: 0, x: CELLS.timeWidth + 1, y1: g.rows[0]!.y, y2: g.rows[1]!.y },
      { span: 1, slot: 0, x: CELLS.timeWidth + 1, y1: g.rows[2]!.y, y2: g.rows[2]!.y },
    ]);
    expect(g.lanes[0]!.x).toBeGreaterThan(g.brackets[0]!.x);
  });

  it('gives overlapping brackets different slots', () => {
    const nested = layoutLadder({ ...input, brackets: [{ firstRow: 0, lastRow: 3 }, { firstRow: 1, lastRow: 2 }, { firstRow: 3, lastRow: 3 }] }, CELLS);
    expect(nested.brackets.map((b) => b.slot)).toEqual([0, 1, 1]);
  });

  it('fits a narrower width by moving lanes closer and wrapping labels, never dropping characters', () => {
    const narrow = layoutLadder(input, { ...CELLS, maxWidth: 60 });
    expect(narrow.fits).toBe(true);
    expect(narrow.width).toBeLessThanOrEqual(60);
    const label = narrow.rows[1]!.label;
    expect(label.lines.length).toBeGreaterThan(1);
    expect(label.lines.join(' ')).toBe('407 Proxy Authentication Required');
  });

  it('says when even the narrowest lanes do not fit', () => {
    const wide = layoutLadder({ lanes: lanes(12), rows: [{ from: 0, to: 11, label: ['INVITE'], notes: [] }], brackets: [] }, { ...CELLS, maxWidth: 80 });
    expect(wide.fits).toBe(false);
  });

  it('lays out nothing for an empty ladder', () => {
    const empty = layoutLadder({ lanes: [], rows: [], brackets: [] }, CELLS);
    expect(empty).toMatchObject({ lanes: [], rows: [], brackets: [], fits: true });
    expect(empty.height).toBeGreaterThanOrEqual(0);
  });

  it('keeps its invariants for any ladder (property)', () => {
    const ladder = fc.integer({ min: 1, max: 8 }).chain((n) => fc.record({
      n: fc.constant(n),
      rows: fc.array(fc.record({
        from: fc.integer({ min: 0, max: n - 1 }),
        to: fc.integer({ min: 0, max: n - 1 }),
        label: fc.string({ minLength: 1, maxLength: 60 }).map((s) => [s]),
        notes: fc.array(fc.string({ maxLength: 90 }), { maxLength: 3 }),
      }), { maxLength: 12 }),
      maxWidth: fc.option(fc.integer({ min: 40, max: 200 }), { nil: undefined }),
    }));
    fc.assert(fc.property(ladder, ({ n, rows, maxWidth }) => {
      const g = layoutLadder({ lanes: lanes(n), rows, brackets: [] }, { ...CELLS, maxWidth });
      for (let i = 1; i < g.lanes.length; i++) expect(g.lanes[i]!.x - g.lanes[i - 1]!.x).toBeGreaterThanOrEqual(CELLS.laneGapMin);
      g.rows.forEach((row, r) => {
        if (r > 0) expect(row.top).toBeGreaterThanOrEqual(g.rows[r - 1]!.bottom);
        expect(row.y).toBeGreaterThanOrEqual(row.top);
        expect(row.bottom).toBeGreaterThan(row.y);
        // Whole labels: every non-space character is still there.
        expect(row.label.lines.join('').replace(/\s/g, '')).toBe(rows[r]!.label[0]!.replace(/\s/g, ''));
        if (row.direction !== 'self') {
          for (const line of row.label.lines) expect(line.length).toBeLessThanOrEqual(Math.max(1, Math.abs(row.x2 - row.x1) - 2));
        }
      });
      if (maxWidth !== undefined && g.fits) expect(g.width).toBeLessThanOrEqual(maxWidth);
      expect(g.height).toBeGreaterThanOrEqual(g.rows.at(-1)?.bottom ?? 0);
    }));
  });
});
