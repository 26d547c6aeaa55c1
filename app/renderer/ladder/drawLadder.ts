/**
 * Draws a laid-out ladder into an SVG with d3, windowed: only the rows (and brackets) that intersect
 * the viewport are in the DOM, so a 100k-message call scrolls like a 10-message one. Lane headers are
 * drawn last at the top of the viewport (sticky). Capture text enters only through d3's .text().
 */
import { select, type Selection } from 'd3';
import { formatLadderTime, type TimeMode } from './timeFormat.ts';
import type { LadderLayout, LadderRow } from './layoutLadder.ts';
import { visibleRows } from '../views/scrollMapping.ts';

export interface DrawState {
  /** Virtual px of the body scrolled past the top. */
  offset: number;
  viewportHeight: number;
  selected: number;
  highlighted: ReadonlySet<number>;
  timeMode: TimeMode;
  start: { seconds: number; nanoseconds: number; digits: number };
  showViaDepth: boolean;
}

const DIALOG_COLORS = 8;
const CHAR_PX = 7.3;

export function fitText(text: string, widthPx: number): string {
  const max = Math.max(3, Math.floor(widthPx / CHAR_PX));
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

/** Creates the fixed groups once; drawLadder fills them. */
export function initLadderSvg(svg: SVGSVGElement): void {
  const s = select(svg);
  s.selectAll('*').remove();
  s.append('g').attr('class', 'lane-lines');
  s.append('g').attr('class', 'brackets');
  s.append('g').attr('class', 'rows');
  const header = s.append('g').attr('class', 'lane-header');
  header.append('rect').attr('class', 'header-bg');
  header.append('text').attr('class', 'time-title').attr('x', 8).attr('y', 30).text('Time');
}

function rowClass(r: LadderRow, state: DrawState): string {
  const m = r.message;
  const classes = ['msg', m.request ? 'request' : 'response', `dlg-${m.dialog >= 0 ? m.dialog % DIALOG_COLORS : 'none'}`];
  if (!m.request) classes.push(`s${Math.floor(m.statusCode / 100)}xx`);
  if (m.index === state.selected) classes.push('selected');
  if (state.highlighted.has(m.index)) classes.push('copy');
  if (r.retransmission) classes.push('retransmission');
  if (m.issues > 0) classes.push('has-issues');
  return classes.join(' ');
}

export function drawLadder(svg: SVGSVGElement, layout: LadderLayout, state: DrawState): void {
  const s = select(svg);
  const top = layout.headerHeight;
  const height = state.viewportHeight;
  s.attr('width', layout.width).attr('height', height).attr('viewBox', `0 0 ${layout.width} ${height}`);
  const bodyShift = top - state.offset;

  s.select<SVGGElement>('g.lane-lines').selectAll<SVGLineElement, LadderLayout['lanes'][number]>('line')
    .data(layout.lanes, (d) => d.key)
    .join('line')
    .attr('x1', (d) => d.x).attr('x2', (d) => d.x).attr('y1', top).attr('y2', height);

  const visibleTop = state.offset;
  const visibleBottom = state.offset + height - top;
  s.select<SVGGElement>('g.brackets').attr('transform', `translate(0,${bodyShift})`)
    .selectAll<SVGPathElement, LadderLayout['brackets'][number]>('path')
    .data(layout.brackets.filter((b) => b.y2 >= visibleTop && b.y1 <= visibleBottom), (d) => String(d.transaction))
    .join('path')
    .attr('class', (d) => `bracket slot-${d.slot}`)
    .attr('d', (d) => `M${d.x + 4},${d.y1}h-4V${d.y2}h4`);

  const { first, end } = visibleRows(state.offset, height - top, layout.rowHeight, layout.rows.length, 3);
  const rows = layout.rows.slice(first, end);
  const rowsGroup = s.select<SVGGElement>('g.rows').attr('transform', `translate(0,${bodyShift})`);
  // Joined by position, not by message: scrolling re-fills the same few dozen nodes instead of replacing them.
  const joined = rowsGroup.selectAll<SVGGElement, LadderRow>('g.msg')
    .data(rows)
    .join((enter) => {
      const g = enter.append('g').attr('role', 'option');
      g.append('rect').attr('class', 'hit');
      g.append('text').attr('class', 'time');
      g.append('path').attr('class', 'shaft');
      g.append('path').attr('class', 'head');
      g.append('text').attr('class', 'label');
      g.append('text').attr('class', 'badge');
      g.append('text').attr('class', 'fold');
      g.append('text').attr('class', 'via');
      return g;
    });
  drawRows(joined, layout, state);

  const header = s.select<SVGGElement>('g.lane-header');
  header.select('rect.header-bg').attr('width', layout.width).attr('height', top);
  header.selectAll<SVGGElement, LadderLayout['lanes'][number]>('g.lane')
    .data(layout.lanes, (d) => d.key)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'lane');
      g.append('title');
      g.append('text').attr('class', 'lane-label').attr('y', 22);
      g.append('text').attr('class', 'lane-sub').attr('y', 38);
      return g;
    })
    .attr('transform', (d) => `translate(${d.x},0)`)
    .call((g) => {
      const spacing = layout.lanes.length > 1 ? layout.lanes[1]!.x - layout.lanes[0]!.x : 180;
      g.select('title').text((d) => [d.label, ...d.endpoints].join('\n'));
      g.select('text.lane-label').text((d) => fitText(d.label, spacing - 10));
      g.select('text.lane-sub').text((d) => fitText(d.role ? `${d.role} · ${d.endpoints.length} addr` : d.endpoints.join(' '), spacing - 10));
    });
}

function drawRows(g: Selection<SVGGElement, LadderRow, SVGGElement, unknown>, layout: LadderLayout, state: DrawState): void {
  const rowH = layout.rowHeight;
  g.attr('class', (d) => rowClass(d, state))
    .attr('id', (d) => `ladder-msg-${d.message.index}`)
    .attr('data-index', (d) => d.message.index)
    .attr('aria-selected', (d) => String(d.message.index === state.selected))
    .attr('aria-label', (d) => `${d.label}${d.badge ? ', ' + d.badge : ''}, ${d.message.src} to ${d.message.dst}, frame ${d.message.frame}`);
  g.select('rect.hit').attr('x', 0).attr('y', (d) => d.row * rowH).attr('width', layout.width).attr('height', rowH);
  g.select('text.time').attr('x', 8).attr('y', (d) => d.y + 4).text((d) => {
    const prev = d.row > 0 ? layout.rows[d.row - 1]!.message.offsetMs : undefined;
    return formatLadderTime(state.timeMode, d.message.offsetMs, prev, state.start);
  });
  g.select('path.shaft').attr('d', (d) => d.path);
  g.select('path.head').attr('d', (d) => {
    if (d.x1 === d.x2) return `M${d.x1},${d.y + 6}l8,-4v8z`;
    const dir = d.x2 > d.x1 ? 1 : -1;
    return `M${d.x2},${d.y}l${-9 * dir},-4.5v9z`;
  });
  const span = (d: LadderRow): number => (d.x1 === d.x2 ? 160 : Math.abs(d.x2 - d.x1) - 16);
  g.select('text.label').attr('x', (d) => d.labelX).attr('y', (d) => d.y - 5).attr('text-anchor', (d) => d.labelAnchor)
    .text((d) => fitText(d.label, span(d)));
  g.select('text.badge').attr('x', (d) => d.labelX).attr('y', (d) => d.y + 12).attr('text-anchor', (d) => d.labelAnchor)
    .text((d) => (d.badge ? fitText(d.badge, span(d)) : ''));
  g.select('text.fold').attr('x', (d) => Math.max(d.x1, d.x2) - 4).attr('y', (d) => d.y - 5).attr('text-anchor', 'end')
    .text((d) => (d.folded > 0 ? `×${d.folded + 1}` : ''));
  g.select('text.via').attr('x', (d) => d.x1 + (d.x2 >= d.x1 ? 6 : -6)).attr('y', (d) => d.y + 12)
    .attr('text-anchor', (d) => (d.x2 >= d.x1 ? 'start' : 'end'))
    .text((d) => (state.showViaDepth ? `Via ${d.message.viaDepth}` : ''));
}
