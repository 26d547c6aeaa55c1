/**
 * The text ladder for many lanes: when the lanes cannot sit far enough apart for labels between them,
 * each lane becomes a narrow lettered column (a legend names them) and every label goes in a column of
 * its own at the right, wrapped to the width but never cut. Hop notes follow under the label.
 */
import type { LadderModel } from '../../analyze/ladder/ladderModel.ts';
import { bracketSlots } from '../ladder/bracketSlots.ts';
import { displayWidth } from '../ladder/displayWidth.ts';
import { wrapLines, wrapText } from '../ladder/wrapText.ts';
import type { Glyphs } from './glyphs.ts';
import { TextCanvas } from './textCanvas.ts';
import { STYLE, rowStyle, type TextRows } from './textStyles.ts';

/** A, B, …, Z, AA, AB, … */
export function laneCode(i: number): string {
  let code = '';
  let n = i;
  do {
    code = String.fromCharCode(65 + (n % 26)) + code;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return code;
}

/** Label room the lane spacing leaves at least, when it can; and the least a label column ever gets. */
const WANTED_LABEL_WIDTH = 24;
const MIN_LABEL_WIDTH = 10;

/** The legend canvas, then one reused canvas per row (read each before asking for the next). */
export function* compactLadder(ladder: LadderModel, rows: TextRows, width: number, g: Glyphs, timeTitle: string): Generator<TextCanvas> {
  const lanes = ladder.lanes.length;
  const timeWidth = rows.times.reduce((m, t) => Math.max(m, displayWidth(t)), 4) + 1;
  const { slots, used } = bracketSlots(ladder.brackets, 4);
  const gutter = used > 0 ? used + 2 : 1;
  const codeWidth = laneCode(Math.max(0, lanes - 1)).length;
  const room = Math.floor((width - timeWidth - gutter - WANTED_LABEL_WIDTH) / Math.max(1, lanes));
  const spacing = Math.max(codeWidth + 2, Math.min(5, room));
  const laneX = (i: number): number => timeWidth + gutter + i * spacing;
  const labelX = laneX(Math.max(0, lanes - 1)) + 3;
  const labelWidth = Math.max(MIN_LABEL_WIDTH, width - labelX);
  const canvasWidth = Math.max(width, labelX + labelWidth);

  // Legend: one line per lane (wrapped), then the lane codes over their columns.
  const legend: string[] = [];
  ladder.lanes.forEach((lane, i) => {
    const head = `${laneCode(i).padEnd(codeWidth)}  `;
    const lines = wrapText(rows.headers[i]!.join('  '), Math.max(10, width - head.length), displayWidth);
    lines.forEach((line, j) => legend.push((j === 0 ? head : ' '.repeat(head.length)) + line));
  });
  const top = new TextCanvas(canvasWidth, legend.length + 2);
  legend.forEach((line, i) => top.text(0, i, line, i === 0 ? 0 : 0));
  top.text(0, legend.length + 1, timeTitle, STYLE.time);
  for (let i = 0; i < lanes; i++) top.centred(laneX(i), legend.length + 1, laneCode(i), STYLE.header);
  yield top;

  const rowCanvas = new TextCanvas(canvasWidth, 1);
  const active: number[] = [];
  let nextBracket = 0;
  const byFirst = [...ladder.brackets.keys()].sort((a, b) => ladder.brackets[a]!.firstRow - ladder.brackets[b]!.firstRow);
  for (let r = 0; r < ladder.rows.length; r++) {
    const row = ladder.rows[r]!;
    const label = wrapText(rows.labels[r]!, labelWidth, displayWidth);
    const notes = wrapLines(rows.notes[r]!, labelWidth - 2, displayWidth);
    const canvas = rowCanvas.reset(label.length + notes.length);
    for (let i = 0; i < lanes; i++) for (let y = 0; y < canvas.height; y++) canvas.put(laneX(i), y, g.lifeline);
    while (nextBracket < byFirst.length && ladder.brackets[byFirst[nextBracket]!]!.firstRow <= r) active.push(byFirst[nextBracket++]!);
    for (let k = active.length - 1; k >= 0; k--) {
      const b = ladder.brackets[active[k]!]!;
      const x = timeWidth + 1 + slots[active[k]!]!;
      const ch = b.firstRow === b.lastRow ? g.bracketSingle : r === b.firstRow ? g.bracketTop : r === b.lastRow ? g.bracketBottom : g.bracketMid;
      canvas.put(x, 0, ch, STYLE.bracket);
      if (r < b.lastRow) for (let y = 1; y < canvas.height; y++) canvas.put(x, y, g.bracketMid, STYLE.bracket);
      if (b.lastRow <= r) active.splice(k, 1);
    }
    const style = rowStyle(row);
    canvas.text(0, 0, rows.times[r] ?? '', STYLE.time);
    const x1 = laneX(row.from);
    const x2 = laneX(row.to);
    if (x1 === x2) {
      canvas.put(x1 + 1, 0, g.headLeft, style);
      canvas.put(x1 + 2, 0, g.loopBottom, style);
    } else {
      for (let x = Math.min(x1, x2) + 1; x < Math.max(x1, x2); x++) canvas.put(x, 0, g.shaft, style);
      if (x2 > x1) canvas.put(x2 - 1, 0, g.headRight, style);
      else canvas.put(x2 + 1, 0, g.headLeft, style);
    }
    label.forEach((line, i) => canvas.text(labelX, i, line, style));
    notes.forEach((line, i) => canvas.text(labelX + 2, label.length + i, line, STYLE.note));
    yield canvas;
  }
}
