/**
 * The interactive ladder's geometry from the core's pure layout (core/src/export/ladder/layoutLadder.ts,
 * the one the SVG and text exports use): labels and lane headers worded by the core (rowText.ts), lanes
 * renamed by the person's aliases, hop notes under the arrows, everything scaled by the zoom and measured
 * in the page's monospace font. Pure: the DOM-side measuring is passed in.
 */
import type { LadderLane, LadderModel } from '../../../core/src/analyze/ladder/ladderModel.ts';
import { displayWidth } from '../../../core/src/export/ladder/displayWidth.ts';
import { layoutLadder, type LadderGeometry } from '../../../core/src/export/ladder/layoutLadder.ts';
import { dialogIndex, laneHeader, rowLabel } from '../../../core/src/export/ladder/rowText.ts';
import type { LadderData, TimeMode } from '../../shared/apiTypes.ts';

/** Label and note lines longer than this are cut for the screen (the detail panel and the exports keep them whole). */
export const MAX_LABEL_CHARS = 160;
const MAX_NOTE_CHARS = 240;
const MAX_NOTE_LINES = 24;

/** Pixel sizes of the ladder at zoom 1 (the stylesheet uses the same font sizes). */
export const LADDER_FONT_PX = 12;
export const LADDER_LINE_PX = 15;

export interface ViewOptions {
  zoom: number;
  aliases: Readonly<Record<string, string>>;
  /** Fit into this width when lanes can come closer (labels then wrap). */
  maxWidthPx: number;
  /** Advance of one character of the ladder's monospace font at LADDER_FONT_PX. */
  charWidthPx: number;
  timeMode: TimeMode;
  /** Fractional digits shown in the time column. */
  timeDigits: number;
}

export interface LaidOutLadder {
  geometry: LadderGeometry;
  labels: string[];
  notes: string[][];
  /** Row of every record drawn (folded retransmissions and duplicates map to their row). */
  rowOfRecord: Map<number, number>;
  /** The lane header band: rows scroll under it. */
  headerBottom: number;
  fontPx: number;
  lineHeight: number;
}

function clip(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

/** A lane's header lines, its first line replaced by the person's name for it. */
export function laneLines(lane: LadderLane, aliases: Readonly<Record<string, string>>): string[] {
  const lines = laneHeader(lane).map((l) => clip(l, 60));
  const alias = aliases[lane.key];
  if (alias !== undefined) lines[0] = alias;
  return lines;
}

/** Characters of the widest time the column will show (estimated from the mode and the last row). */
function timeChars(mode: TimeMode, digits: number, lastOffsetS: number): number {
  const fraction = digits > 0 ? digits + 1 : 0;
  if (mode === 'abs') return 8 + fraction;
  return Math.max(String(Math.floor(Math.abs(lastOffsetS))).length, 1) + 1 + fraction;
}

export function layoutForView(data: LadderData, o: ViewOptions): LaidOutLadder {
  const ladder: LadderModel = data.ladder;
  const z = o.zoom;
  const charPx = o.charWidthPx * z;
  const measure = (text: string): number => displayWidth(text) * charPx;
  const dialogs = dialogIndex(ladder);
  const labels = ladder.rows.map((row) => clip(rowLabel(row, dialogs), MAX_LABEL_CHARS));
  const notes = ladder.rows.map((_, i) => (data.notes?.[i] ?? []).slice(0, MAX_NOTE_LINES).map((l) => clip(l, MAX_NOTE_CHARS)));
  const last = ladder.rows[ladder.rows.length - 1];
  const lastOffsetS = last === undefined ? 0 : last.timestamp.seconds - ladder.start.seconds;
  const line = LADDER_LINE_PX * z;
  const geometry = layoutLadder(
    {
      lanes: ladder.lanes.map((lane) => ({ header: laneLines(lane, o.aliases) })),
      rows: ladder.rows.map((row, i) => ({ from: row.from, to: row.to, label: [labels[i]!], notes: notes[i]! })),
      brackets: ladder.brackets,
    },
    {
      measure, lineHeight: line, headerLineHeight: line, headerGap: 12 * z, timeWidth: timeChars(o.timeMode, o.timeDigits, lastOffsetS) * charPx + 12 * z,
      laneGapMin: 130 * z, labelPad: 10 * z, labelGap: 3 * z, arrowHeight: 8 * z, noteGap: 2 * z, noteIndent: 12 * z, rowGap: 8 * z,
      loopWidth: 36 * z, loopHeight: 14 * z, bracketStep: 5 * z, bracketSlots: 6, bracketPad: 6 * z, margin: 8 * z,
      maxWidth: Math.max(o.maxWidthPx, 320), maxLabelWidth: 420 * z, maxNoteWidth: 640 * z, noteHang: '    ',
    },
  );
  const rowOfRecord = new Map<number, number>();
  for (const row of ladder.rows) {
    rowOfRecord.set(row.index, row.row);
    for (const i of row.retransmissions) rowOfRecord.set(i, row.row);
    for (const i of row.duplicates) rowOfRecord.set(i, row.row);
  }
  return { geometry, labels, notes, rowOfRecord, headerBottom: geometry.bodyTop - 6 * z, fontPx: LADDER_FONT_PX * z, lineHeight: line };
}

/** Record indices drawn in rows [first, end): each row's message and what is folded into it, ascending. */
export function recordsOfRows(ladder: LadderModel, first: number, end: number): number[] {
  const out: number[] = [];
  for (let r = Math.max(0, first); r < Math.min(end, ladder.rows.length); r++) {
    const row = ladder.rows[r]!;
    out.push(row.index, ...row.retransmissions, ...row.duplicates);
  }
  return out.sort((a, b) => a - b);
}
