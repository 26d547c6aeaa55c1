/**
 * The ladder's geometry, pure (the d3-shape idea: data in, coordinates out, no DOM): lane x positions wide
 * enough for every label between them, row y positions tall enough for wrapped labels and hop notes,
 * arrow paths (a loop for a message a lane sends to itself), label and note boxes, transaction brackets.
 * Units are whatever `measure` returns: pixels for SVG, terminal cells for the text ladder.
 */
import { bracketSlots, type RowSpan } from './bracketSlots.ts';
import { wrapLines, type Measure } from './wrapText.ts';

export interface LayoutRow {
  readonly from: number;
  readonly to: number;
  /** Label lines above the arrow (each wrapped further when it does not fit). */
  readonly label: readonly string[];
  /** Note lines under the arrow (hop annotations), left-aligned. */
  readonly notes: readonly string[];
}

export interface LadderLayoutInput {
  readonly lanes: readonly { readonly header: readonly string[] }[];
  readonly rows: readonly LayoutRow[];
  readonly brackets: readonly RowSpan[];
}

export interface LadderLayoutOptions {
  readonly measure: Measure;
  readonly lineHeight: number;
  readonly headerLineHeight: number;
  /** Space between the lane headers and the first row. */
  readonly headerGap: number;
  /** Width of the time column at the left. */
  readonly timeWidth: number;
  readonly laneGapMin: number;
  /** Space kept between a label and the lane lines around it. */
  readonly labelPad: number;
  /** From the last label line to the arrow, the arrow's own height, and from it to the first note line. */
  readonly labelGap: number;
  readonly arrowHeight: number;
  readonly noteGap: number;
  readonly noteIndent: number;
  readonly rowGap: number;
  readonly loopWidth: number;
  readonly loopHeight: number;
  readonly bracketStep: number;
  readonly bracketSlots: number;
  readonly bracketPad: number;
  readonly margin: number;
  /** Fit into this width: lanes move closer (not under laneGapMin) and labels wrap. */
  readonly maxWidth?: number;
  /** Labels and headers wider than this wrap even when there is room. */
  readonly maxLabelWidth?: number;
  readonly maxNoteWidth?: number;
  /** Continuation lines of a wrapped note start with this (a hanging indent). */
  readonly noteHang?: string;
}

export interface Point {
  x: number;
  y: number;
}

export interface PlacedText {
  lines: string[];
  /** Anchor point: the centre (middle) or the left edge (start); y is the top of the first line. */
  x: number;
  y: number;
  anchor: 'middle' | 'start';
  width: number;
}

export interface PlacedLane {
  lane: number;
  x: number;
  header: PlacedText;
}

export interface PlacedRow {
  row: number;
  top: number;
  bottom: number;
  /** The arrow's line. */
  y: number;
  x1: number;
  x2: number;
  direction: 'right' | 'left' | 'self';
  /** The shaft as a polyline, sender first; the last point is the arrow's tip. */
  points: Point[];
  /** The same shaft as an SVG path. */
  path: string;
  label: PlacedText;
  notes?: PlacedText;
}

export interface PlacedBracket {
  /** Position in the input's brackets. */
  span: number;
  slot: number;
  x: number;
  y1: number;
  y2: number;
}

export interface LadderGeometry {
  lanes: PlacedLane[];
  rows: PlacedRow[];
  brackets: PlacedBracket[];
  width: number;
  height: number;
  headerTop: number;
  headerHeight: number;
  bodyTop: number;
  /** The time column spans [timeX, timeX + timeWidth]; brackets sit right of it. */
  timeX: number;
  lifelineTop: number;
  lifelineBottom: number;
  /** False when even the narrowest lanes exceed maxWidth (the caller may choose another layout). */
  fits: boolean;
}

function widest(lines: readonly string[], measure: Measure): number {
  let w = 0;
  for (const line of lines) w = Math.max(w, measure(line));
  return w;
}

/** Lane gaps wide enough for every label between them: adjacent spans first, then wider ones share. */
function naturalGaps(input: LadderLayoutInput, headerWidths: readonly number[], o: LadderLayoutOptions): { gaps: number[]; rightNeed: number } {
  const lanes = input.lanes.length;
  const cap = o.maxLabelWidth ?? Infinity;
  const gaps: number[] = [];
  for (let i = 0; i + 1 < lanes; i++) gaps.push(Math.max(o.laneGapMin, (headerWidths[i]! + headerWidths[i + 1]!) / 2 + 2 * o.labelPad));
  let rightNeed = 0;
  const wide = new Map<number, number>();
  for (const row of input.rows) {
    const need = Math.min(cap, widest(row.label, o.measure)) + 2 * o.labelPad;
    if (row.from === row.to) {
      const selfNeed = Math.max(need, o.loopWidth + 2 * o.labelPad);
      if (row.from < lanes - 1) gaps[row.from] = Math.max(gaps[row.from]!, selfNeed);
      else rightNeed = Math.max(rightNeed, selfNeed);
      continue;
    }
    const a = Math.min(row.from, row.to);
    const b = Math.max(row.from, row.to);
    if (b - a === 1) gaps[a] = Math.max(gaps[a]!, need);
    else wide.set(a * lanes + b, Math.max(wide.get(a * lanes + b) ?? 0, need));
  }
  const spans = [...wide.entries()].map(([key, need]) => ({ a: Math.floor(key / lanes), b: key % lanes, need }));
  spans.sort((p, q) => p.b - p.a - (q.b - q.a));
  for (const { a, b, need } of spans) {
    let sum = 0;
    for (let i = a; i < b; i++) sum += gaps[i]!;
    if (sum >= need) continue;
    const extra = (need - sum) / (b - a);
    for (let i = a; i < b; i++) gaps[i]! += extra;
  }
  // Whole units, so lane positions (rounded down from running sums) keep every gap found here.
  for (let i = 0; i < gaps.length; i++) gaps[i] = Math.ceil(gaps[i]!);
  return { gaps, rightNeed };
}

/** Caps the widest gaps (never under laneGapMin) until they sum to `available`; false if impossible. */
function shrinkGaps(gaps: number[], available: number, minimum: number): boolean {
  const total = gaps.reduce((s, g) => s + g, 0);
  if (total <= available) return true;
  if (gaps.length * minimum > available) {
    gaps.fill(minimum);
    return false;
  }
  let low = minimum;
  let high = minimum;
  for (const g of gaps) high = Math.max(high, g);
  for (let i = 0; i < 50; i++) {
    const mid = (low + high) / 2;
    const sum = gaps.reduce((s, g) => s + Math.max(minimum, Math.min(g, mid)), 0);
    if (sum > available) high = mid;
    else low = mid;
  }
  for (let i = 0; i < gaps.length; i++) gaps[i] = Math.max(minimum, Math.min(gaps[i]!, low));
  return true;
}

function pathOf(points: readonly Point[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' ');
}

export function layoutLadder(input: LadderLayoutInput, o: LadderLayoutOptions): LadderGeometry {
  const { measure } = o;
  const laneCount = input.lanes.length;
  const cap = o.maxLabelWidth ?? Infinity;
  let headers = input.lanes.map((l) => wrapLines(l.header, cap, measure));
  let headerWidths = headers.map((h) => widest(h, measure));
  const { gaps, rightNeed } = naturalGaps(input, headerWidths, o);
  const { slots, used } = bracketSlots(input.brackets, o.bracketSlots);
  const gutter = used > 0 ? 2 * o.bracketPad + (used - 1) * o.bracketStep : 0;
  const timeX = o.margin;
  const left = timeX + o.timeWidth + gutter;
  const leftOf = (): number => Math.ceil(left + Math.max(headerWidths[0] ?? 0, o.labelPad * 2) / 2);
  const rightOf = (): number => Math.ceil(Math.max((headerWidths[laneCount - 1] ?? 0) / 2, rightNeed, o.labelPad) + o.margin);
  let fits = true;
  if (o.maxWidth !== undefined && laneCount > 1) {
    fits = shrinkGaps(gaps, o.maxWidth - leftOf() - rightOf(), o.laneGapMin);
    // Headers now wrap to the room their lane has.
    headers = input.lanes.map((l, i) => {
      const room = Math.min(gaps[i - 1] ?? Infinity, gaps[i] ?? Infinity) - 2 * o.labelPad;
      return wrapLines(l.header, Math.max(1, Math.min(cap, room)), measure);
    });
    headerWidths = headers.map((h) => widest(h, measure));
  }
  // Whole units, rounded down from the running sum so rounding never adds up past the width.
  const xs: number[] = [];
  const x0 = leftOf();
  let sum = 0;
  for (let i = 0; i < laneCount; i++) {
    xs.push(x0 + Math.floor(sum));
    sum += gaps[i] ?? 0;
  }
  const lastX = xs[laneCount - 1] ?? left;
  let width = lastX + rightOf();
  if (o.maxWidth !== undefined && fits) width = Math.min(Math.max(width, lastX + o.margin), o.maxWidth);
  const rightEdge = o.maxWidth !== undefined ? o.maxWidth - o.margin : Infinity;

  const headerLines = headers.reduce((m, h) => Math.max(m, h.length), 0);
  const headerTop = o.margin;
  const headerHeight = headerLines * o.headerLineHeight;
  const bodyTop = headerTop + headerHeight + o.headerGap;
  const lanes: PlacedLane[] = xs.map((lx, i) => ({
    lane: i, x: lx, header: { lines: headers[i]!, x: lx, y: headerTop, anchor: 'middle', width: headerWidths[i]! },
  }));

  const rows: PlacedRow[] = [];
  let cursor = bodyTop;
  let contentRight = width - o.margin;
  input.rows.forEach((row, r) => {
    const x1 = xs[row.from] ?? left;
    const x2 = xs[row.to] ?? left;
    const self = x1 === x2;
    const room = self
      ? Math.min((xs[row.from + 1] ?? rightEdge + o.labelPad) - x1 - 2 * o.labelPad, cap)
      : Math.min(Math.abs(x2 - x1) - 2 * o.labelPad, cap);
    const labelLines = wrapLines(row.label, Math.max(1, room), measure);
    const labelWidth = widest(labelLines, measure);
    const top = cursor;
    const y = top + labelLines.length * o.lineHeight + o.labelGap;
    const loop = x1 + o.loopWidth;
    const points = self
      ? [{ x: x1, y }, { x: loop, y }, { x: loop, y: y + o.loopHeight }, { x: x1, y: y + o.loopHeight }]
      : [{ x: x1, y }, { x: x2, y }];
    let bottom = y + o.arrowHeight + (self ? o.loopHeight : 0);
    const label: PlacedText = self
      ? { lines: labelLines, x: x1 + o.labelPad, y: top, anchor: 'start', width: labelWidth }
      : { lines: labelLines, x: (x1 + x2) / 2, y: top, anchor: 'middle', width: labelWidth };
    if (self) contentRight = Math.max(contentRight, label.x + labelWidth, loop);
    const placed: PlacedRow = {
      row: r, top, bottom, y, x1, x2, direction: self ? 'self' : x2 > x1 ? 'right' : 'left', points, path: pathOf(points), label,
    };
    if (row.notes.length > 0) {
      // Notes start under the arrow, moved left (not past the first lane) when that gives them room.
      const natural = Math.min(o.maxNoteWidth ?? Infinity, widest(row.notes, measure));
      const nx = Math.max(Math.min(Math.min(x1, x2) + o.noteIndent, rightEdge - natural), (xs[0] ?? left) + o.noteIndent);
      const noteRoom = Math.min(o.maxNoteWidth ?? Infinity, rightEdge - nx);
      const lines = wrapLines(row.notes, Math.max(1, noteRoom), measure, o.noteHang ?? '');
      const noteWidth = widest(lines, measure);
      const ny = bottom + o.noteGap;
      placed.notes = { lines, x: nx, y: ny, anchor: 'start', width: noteWidth };
      contentRight = Math.max(contentRight, nx + noteWidth);
      bottom = ny + lines.length * o.lineHeight;
    }
    placed.bottom = bottom;
    rows.push(placed);
    cursor = bottom + o.rowGap;
  });
  width = Math.ceil(Math.max(width, contentRight + o.margin));
  const lifelineBottom = rows.length > 0 ? cursor - o.rowGap + o.noteGap : bodyTop;
  const brackets: PlacedBracket[] = input.brackets.map((span, i) => ({
    span: i, slot: slots[i]!, x: timeX + o.timeWidth + o.bracketPad + slots[i]! * o.bracketStep,
    y1: rows[span.firstRow]?.y ?? bodyTop, y2: lastY(rows[span.lastRow]) ?? bodyTop,
  }));
  return {
    lanes, rows, brackets, width, height: lifelineBottom + o.margin, headerTop, headerHeight, bodyTop, timeX,
    lifelineTop: headerTop + headerHeight, lifelineBottom, fits,
  };
}

function lastY(row: PlacedRow | undefined): number | undefined {
  return row === undefined ? undefined : row.points[row.points.length - 1]!.y;
}
