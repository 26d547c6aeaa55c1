/**
 * The classic text ladder: one column per lane, each message an arrow between lanes with its whole label
 * above it (wrapped between the lanes, never cut) and its hop notes below. Geometry comes from the shared
 * pure layout in terminal cells; drawing goes one row at a time, so a long ladder streams.
 */
import type { LadderModel } from '../../analyze/ladder/ladderModel.ts';
import { layoutLadder, type LadderGeometry, type PlacedRow } from '../ladder/layoutLadder.ts';
import { displayWidth } from '../ladder/displayWidth.ts';
import type { Glyphs } from './glyphs.ts';
import { TextCanvas } from './textCanvas.ts';
import { STYLE, rowStyle, type TextRows } from './textStyles.ts';

/** Terminal-cell metrics of the shared layout. */
export function textGeometry(prepared: TextRows, ladder: LadderModel, width: number, hops: boolean): LadderGeometry {
  const timeWidth = prepared.times.reduce((m, t) => Math.max(m, displayWidth(t)), 4) + 1;
  return layoutLadder(
    {
      lanes: prepared.headers.map((header) => ({ header })),
      rows: ladder.rows.map((row, i) => ({ from: row.from, to: row.to, label: [prepared.labels[i]!], notes: prepared.notes[i]! })),
      brackets: ladder.brackets,
    },
    {
      measure: displayWidth, lineHeight: 1, headerLineHeight: 1, headerGap: 1, timeWidth, laneGapMin: 14, labelPad: 1,
      labelGap: 0, arrowHeight: 1, noteGap: 0, noteIndent: 2, rowGap: hops ? 1 : 0, loopWidth: 3, loopHeight: 1,
      bracketStep: 1, bracketSlots: 4, bracketPad: 1, margin: 0, maxWidth: width, noteHang: '    ',
    },
  );
}

function drawShaft(canvas: TextCanvas, row: PlacedRow, line: number, g: Glyphs, style: number): void {
  if (row.direction === 'self') {
    const loop = row.points[1]!.x;
    for (let x = row.x1 + 1; x < loop; x++) canvas.put(x, line, g.shaft, style);
    canvas.put(loop, line, g.loopTop, style);
    canvas.put(row.x1 + 1, line + 1, g.headLeft, style);
    for (let x = row.x1 + 2; x < loop; x++) canvas.put(x, line + 1, g.shaft, style);
    canvas.put(loop, line + 1, g.loopBottom, style);
    return;
  }
  const a = Math.min(row.x1, row.x2);
  const b = Math.max(row.x1, row.x2);
  for (let x = a + 1; x < b; x++) canvas.put(x, line, g.shaft, style);
  if (row.direction === 'right') canvas.put(b - 1, line, g.headRight, style);
  else canvas.put(a + 1, line, g.headLeft, style);
}

/** The header: lane names, addresses and roles centred on their lanes, then the lifelines start. */
export function wideHeader(geometry: LadderGeometry, g: Glyphs, timeTitle: string): TextCanvas {
  const canvas = new TextCanvas(geometry.width, geometry.bodyTop);
  canvas.text(geometry.timeX, geometry.headerTop + geometry.headerHeight - 1, timeTitle, STYLE.time);
  for (const lane of geometry.lanes) {
    lane.header.lines.forEach((line, i) => canvas.centred(lane.x, lane.header.y + i, line, i === 0 ? STYLE.header : 0));
    for (let y = geometry.lifelineTop; y < geometry.bodyTop; y++) canvas.put(lane.x, y, g.lifeline);
  }
  return canvas;
}

/** Draws the rows one block at a time (a row and the gap after it) into one reused canvas, yielded per block. */
export function* wideRows(geometry: LadderGeometry, ladder: LadderModel, times: readonly string[], g: Glyphs): Generator<TextCanvas> {
  const brackets = geometry.brackets;
  const byFirst = [...brackets.keys()].sort((a, b) => ladder.brackets[a]!.firstRow - ladder.brackets[b]!.firstRow);
  let next = 0;
  let active: number[] = [];
  const canvas = new TextCanvas(geometry.width, 1);
  for (let r = 0; r < geometry.rows.length; r++) {
    const row = geometry.rows[r]!;
    const end = geometry.rows[r + 1]?.top ?? row.bottom;
    canvas.reset(Math.max(1, end - row.top));
    const at = (y: number): number => y - row.top;
    while (next < byFirst.length && ladder.brackets[byFirst[next]!]!.firstRow <= r) active.push(byFirst[next++]!);
    for (const b of active) {
      const placed = brackets[b]!;
      for (let y = Math.max(placed.y1, row.top); y <= Math.min(placed.y2, end - 1); y++) {
        const ch = placed.y1 === placed.y2 ? g.bracketSingle : y === placed.y1 ? g.bracketTop : y === placed.y2 ? g.bracketBottom : g.bracketMid;
        canvas.put(placed.x, at(y), ch, STYLE.bracket);
      }
    }
    active = active.filter((b) => ladder.brackets[b]!.lastRow > r);
    for (const lane of geometry.lanes) for (let y = 0; y < canvas.height; y++) canvas.put(lane.x, y, g.lifeline);
    const style = rowStyle(ladder.rows[r]!);
    canvas.text(geometry.timeX, at(row.y), times[r] ?? '', STYLE.time);
    drawShaft(canvas, row, at(row.y), g, style);
    const label = row.label;
    label.lines.forEach((line, i) => {
      if (label.anchor === 'middle') canvas.centred(label.x, at(label.y) + i, line, style);
      else canvas.text(label.x, at(label.y) + i, line, style);
    });
    const notes = row.notes;
    if (notes !== undefined) notes.lines.forEach((line, i) => canvas.text(notes.x, at(notes.y) + i, line, STYLE.note));
    yield canvas;
  }
}
