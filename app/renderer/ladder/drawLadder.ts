/**
 * Draws the laid-out ladder (core layout, see ladderLayout.ts) into an SVG with d3, windowed: only the rows
 * and brackets that meet the viewport are in the DOM (found by binary search, core rowsInView), so a
 * 100k-message call scrolls like a 10-message one. Lane headers are drawn last over the top of the
 * viewport (sticky). Capture text enters only through d3's .text().
 */
import { select, type Selection } from 'd3';
import type { LadderModel, LadderRow } from '../../../core/src/analyze/ladder/ladderModel.ts';
import type { PlacedRow, PlacedText } from '../../../core/src/export/ladder/layoutLadder.ts';
import { rowsInView } from '../../../core/src/export/ladder/rowsInView.ts';
import { rowTime, type TimeMode } from '../../../core/src/export/ladder/timeLabel.ts';
import type { LaidOutLadder } from './ladderLayout.ts';

export interface DrawState {
  /** Virtual px of the content scrolled past the top. */
  offset: number;
  viewportHeight: number;
  /** The SVG is at least this wide (the header band and row highlights span the view). */
  viewportWidth: number;
  /** Selected row, -1 none. */
  selected: number;
  /** Rows holding the selected message's copies on other hops. */
  highlighted: ReadonlySet<number>;
  timeMode: TimeMode;
  timeDigits: number;
  /** Per row, the Via depth to write at the arrow's start; null hides it. */
  viaDepth: readonly number[] | null;
}

interface DrawnRow {
  placed: PlacedRow;
  row: LadderRow;
  label: string;
  notes: string[];
}

const DIALOG_COLORS = 8;
/** Rows drawn beyond each edge of the viewport, so a fast scroll never shows a gap. */
const OVERSCAN_PX = 200;

/** Creates the fixed groups once; drawLadder fills them. */
export function initLadderSvg(svg: SVGSVGElement): void {
  const s = select(svg);
  s.selectAll('*').remove();
  s.append('g').attr('class', 'lane-lines');
  const body = s.append('g').attr('class', 'body');
  body.append('g').attr('class', 'brackets');
  body.append('g').attr('class', 'rows');
  const header = s.append('g').attr('class', 'lane-header');
  header.append('rect').attr('class', 'header-bg');
  header.append('text').attr('class', 'time-title').text('Time');
}

function rowClass(d: DrawnRow, state: DrawState): string {
  const r = d.row;
  const classes = ['msg', r.kind, `dlg-${r.dialog >= 0 ? r.dialog % DIALOG_COLORS : 'none'}`];
  if (r.kind === 'response' && r.statusCode !== undefined) classes.push(`s${Math.floor(r.statusCode / 100)}xx`);
  if (r.row === state.selected) classes.push('selected');
  if (state.highlighted.has(r.row)) classes.push('copy');
  if (r.retransmissionOf >= 0) classes.push('retransmission');
  if (r.retransmissions.length > 0 || r.duplicates.length > 0) classes.push('folded');
  if (r.issues > 0) classes.push('has-issues');
  return classes.join(' ');
}

/** An arrow head at the shaft's tip, pointing along its last segment. */
function arrowHead(p: PlacedRow, size: number): string {
  const tip = p.points[p.points.length - 1]!;
  const back = p.direction === 'right' ? -size : size;
  return `M${tip.x},${tip.y}l${back},${-size / 2}v${size}z`;
}

/** Text lines as tspans under `parent`, one per line, each at its own baseline. */
function lines(parent: Selection<SVGTextElement, PlacedText | undefined, SVGGElement, unknown>, lineHeight: number): void {
  parent.attr('text-anchor', (t) => (t?.anchor === 'middle' ? 'middle' : 'start'))
    .selectAll<SVGTSpanElement, string>('tspan')
    .data((t) => (t === undefined ? [] : t.lines.map((text, i) => ({ text, x: t.x, y: t.y + (i + 1) * lineHeight - lineHeight * 0.28 }))))
    .join('tspan')
    .attr('x', (l) => l.x).attr('y', (l) => l.y).text((l) => l.text);
}

export function drawLadder(svg: SVGSVGElement, ladder: LadderModel, laid: LaidOutLadder, state: DrawState): void {
  const g = laid.geometry;
  const s = select(svg);
  const height = state.viewportHeight;
  const width = Math.max(g.width, state.viewportWidth);
  s.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
  svg.style.fontSize = `${laid.fontPx}px`;
  const top = laid.headerBottom;

  s.select<SVGGElement>('g.lane-lines').selectAll<SVGLineElement, LaidOutLadder['geometry']['lanes'][number]>('line')
    .data(g.lanes, (d) => String(d.lane))
    .join('line')
    .attr('x1', (d) => d.x).attr('x2', (d) => d.x).attr('y1', top).attr('y2', Math.min(height, g.lifelineBottom - state.offset));

  const from = state.offset + top - OVERSCAN_PX;
  const to = state.offset + height + OVERSCAN_PX;
  s.select<SVGGElement>('g.body').attr('transform', `translate(0,${-state.offset})`);
  s.select<SVGGElement>('g.brackets').selectAll<SVGPathElement, LaidOutLadder['geometry']['brackets'][number]>('path')
    .data(g.brackets.filter((b) => b.y2 >= from && b.y1 <= to), (d) => String(d.span))
    .join((enter) => enter.append('path').call((p) => p.append('title')))
    .attr('class', (d) => `bracket slot-${d.slot}`)
    .attr('d', (d) => `M${d.x + 4},${d.y1 - 3}H${d.x}V${d.y2 + 3}H${d.x + 4}`)
    .select('title').text((d) => {
      const b = ladder.brackets[d.span]!;
      return `${b.method} transaction ${b.transaction}, hop ${b.depth}`;
    });

  const { first, end } = rowsInView(g.rows, from, to);
  const drawn: DrawnRow[] = [];
  for (let i = first; i < end; i++) drawn.push({ placed: g.rows[i]!, row: ladder.rows[i]!, label: laid.labels[i]!, notes: laid.notes[i]! });
  // Joined by position, not by message: scrolling re-fills the same few dozen nodes instead of replacing them.
  const joined = s.select<SVGGElement>('g.rows').selectAll<SVGGElement, DrawnRow>('g.msg')
    .data(drawn)
    .join((enter) => {
      const row = enter.append('g').attr('role', 'option');
      row.append('rect').attr('class', 'hit');
      row.append('text').attr('class', 'time');
      row.append('path').attr('class', 'shaft');
      row.append('path').attr('class', 'head');
      row.append('text').attr('class', 'label');
      row.append('text').attr('class', 'via');
      row.append('text').attr('class', 'note');
      return row;
    });
  drawRows(joined, ladder, laid, state, width);

  const header = s.select<SVGGElement>('g.lane-header');
  header.select('rect.header-bg').attr('width', width).attr('height', top);
  header.select('text.time-title').attr('x', g.timeX).attr('y', g.headerTop + laid.lineHeight * 0.75);
  header.selectAll<SVGGElement, LaidOutLadder['geometry']['lanes'][number]>('g.lane')
    .data(g.lanes, (d) => String(d.lane))
    .join((enter) => {
      const lane = enter.append('g').attr('class', 'lane');
      lane.append('title');
      lane.append('text').attr('class', 'lane-label');
      return lane;
    })
    .call((lane) => {
      lane.select('title').text((d) => {
        const model = ladder.lanes[d.lane];
        return model === undefined ? '' : [model.name, ...model.endpoints, model.endpointCount > model.endpoints.length ? '…' : ''].filter(Boolean).join('\n');
      });
      lane.select<SVGTextElement>('text.lane-label').attr('text-anchor', 'middle')
        .selectAll<SVGTSpanElement, string>('tspan')
        .data((d) => d.header.lines.map((text, i) => ({ text, x: d.x, y: d.header.y + (i + 1) * laid.lineHeight - laid.lineHeight * 0.28, first: i === 0 })))
        .join('tspan')
        .attr('class', (l) => (l.first ? 'lane-name' : 'lane-sub'))
        .attr('x', (l) => l.x).attr('y', (l) => l.y).text((l) => l.text);
    });
}

function drawRows(g: Selection<SVGGElement, DrawnRow, SVGGElement, unknown>, ladder: LadderModel, laid: LaidOutLadder, state: DrawState, width: number): void {
  const gap = (laid.geometry.rows[1]?.top ?? 0) - (laid.geometry.rows[0]?.bottom ?? 0);
  const pad = Math.max(0, gap / 2);
  const digits = state.timeDigits;
  g.attr('class', (d) => rowClass(d, state))
    .attr('id', (d) => `ladder-msg-${d.row.index}`)
    .attr('data-index', (d) => d.row.index)
    .attr('data-row', (d) => d.row.row)
    .attr('aria-selected', (d) => String(d.row.row === state.selected))
    .attr('aria-label', (d) => `${d.label}, ${d.row.srcEndpoint} to ${d.row.dstEndpoint}, frame ${d.row.frame}`);
  g.select('rect.hit').attr('x', 0).attr('y', (d) => d.placed.top - pad).attr('width', width).attr('height', (d) => d.placed.bottom - d.placed.top + 2 * pad);
  g.select('text.time').attr('x', laid.geometry.timeX).attr('y', (d) => d.placed.y + laid.fontPx * 0.35).text((d) => {
    const previous = d.row.row > 0 ? ladder.rows[d.row.row - 1]!.timestamp : undefined;
    return rowTime(state.timeMode, d.row.timestamp, ladder.start, previous, digits);
  });
  g.select('path.shaft').attr('d', (d) => d.placed.path);
  g.select('path.head').attr('d', (d) => arrowHead(d.placed, laid.fontPx * 0.75));
  lines(g.select<SVGTextElement>('text.label').datum((d): PlacedText | undefined => d.placed.label), laid.lineHeight);
  g.select('text.via').attr('x', (d) => d.placed.x1 + (d.placed.direction === 'left' ? -6 : 6)).attr('y', (d) => d.placed.y + laid.fontPx * 1.1)
    .attr('text-anchor', (d) => (d.placed.direction === 'left' ? 'end' : 'start'))
    .text((d) => (state.viaDepth === null || d.placed.notes !== undefined ? '' : `Via ${state.viaDepth[d.row.row] ?? 0}`));
  lines(g.select<SVGTextElement>('text.note').datum((d) => d.placed.notes), laid.lineHeight);
}
