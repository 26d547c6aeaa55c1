/**
 * The step-through's ladder in SVG (d3): lane names in a sticky header, then only the arrows revealed so
 * far, the current one highlighted and kept in view. Windowed — only rows near the viewport exist — so a
 * long call steps as smoothly as a lesson. Capture text enters through d3's .text() only.
 */
import { select } from 'd3';
import type { StepView } from '../../shared/classroomTypes.ts';
import { el } from '../dom.ts';
import { formatOffset, layoutStepLadder, rowsInView, type StepLadderLayout, type StepLadderOptions, type StepRow } from './stepLadder.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';
const DIALOG_COLORS = 8;

export const NORMAL_LADDER: Omit<StepLadderOptions, 'widthPx'> = { rowHeightPx: 38, timeColumnPx: 92, minLaneSpacingPx: 150, fontPx: 14 };
export const PRESENTER_LADDER: Omit<StepLadderOptions, 'widthPx'> = { rowHeightPx: 52, timeColumnPx: 104, minLaneSpacingPx: 130, fontPx: 20 };

function svg(cls: string): SVGSVGElement {
  const node = document.createElementNS(SVG_NS, 'svg');
  node.setAttribute('class', cls);
  return node;
}

function rowClass(r: StepRow, current: number, noted: boolean): string {
  const s = r.step;
  const cls = ['step-arrow', s.request ? 'request' : 'response', `dlg-${s.dialog >= 0 ? s.dialog % DIALOG_COLORS : 'none'}`];
  if (noted) cls.push('has-note');
  if (!s.request) cls.push(`s${Math.floor(s.statusCode / 100)}xx`);
  if (s.retransmission) cls.push('retransmission');
  if (r.position === current) cls.push('current');
  return cls.join(' ');
}

export class StepLadder {
  readonly root: HTMLDivElement;
  private readonly headerSvg = svg('step-ladder-header');
  private readonly bodySvg = svg('step-ladder-body');
  private readonly header: HTMLDivElement;
  private steps: readonly StepView[] = [];
  private options: Omit<StepLadderOptions, 'widthPx'> = NORMAL_LADDER;
  private layout: StepLadderLayout | undefined;
  private revealed = 0;
  private current = -1;
  private frame = 0;
  private laidOutWidth = -1;
  /** The teacher's note per record index: a ✎ in the time column, the text as its tooltip. */
  private notes: ReadonlyMap<number, string> = new Map();

  constructor(label: string, private readonly timeTitle: () => string, onPick: (position: number) => void) {
    this.header = el('div', { class: 'step-ladder-head' });
    this.header.appendChild(this.headerSvg);
    this.root = el('div', { class: 'step-ladder', role: 'img', 'aria-label': label }, this.header);
    this.root.appendChild(this.bodySvg);
    select(this.bodySvg).append('g').attr('class', 'lane-lines');
    select(this.bodySvg).append('g').attr('class', 'rows');
    this.root.addEventListener('scroll', () => this.schedule(), { passive: true });
    this.bodySvg.addEventListener('click', (e) => {
      const g = (e.target as Element).closest('g.step-arrow');
      const position = g === null ? NaN : Number(g.getAttribute('data-index'));
      if (Number.isInteger(position)) onPick(position);
    });
    new ResizeObserver(() => {
      if (this.root.clientWidth !== this.laidOutWidth) this.relayout();
    }).observe(this.root);
  }

  setLabel(label: string): void {
    this.root.setAttribute('aria-label', label);
  }

  setNotes(notes: ReadonlyMap<number, string>): void {
    this.notes = notes;
  }

  setSteps(steps: readonly StepView[], presenter: boolean): void {
    this.steps = steps;
    this.options = presenter ? PRESENTER_LADDER : NORMAL_LADDER;
    this.relayout();
  }

  /** Reveals the first `revealed` arrows; `current` (a position) is highlighted and scrolled into view. */
  show(revealed: number, current: number): void {
    this.revealed = revealed;
    this.current = current;
    this.reveal(current);
    this.draw();
  }

  private relayout(): void {
    this.laidOutWidth = this.root.clientWidth;
    this.layout = layoutStepLadder(this.steps, { ...this.options, widthPx: Math.max(320, this.laidOutWidth - 4) });
    this.drawHeader();
    this.draw();
  }

  private reveal(position: number): void {
    const layout = this.layout;
    if (layout === undefined || position < 0) {
      if (position < 0) this.root.scrollTop = 0;
      return;
    }
    const headerH = this.header.offsetHeight;
    const top = headerH + position * layout.rowHeight;
    const bottom = top + layout.rowHeight;
    const margin = layout.rowHeight;
    if (top - margin < this.root.scrollTop + headerH) this.root.scrollTop = Math.max(0, top - headerH - margin);
    else if (bottom + margin > this.root.scrollTop + this.root.clientHeight) this.root.scrollTop = bottom + margin - this.root.clientHeight;
  }

  private schedule(): void {
    if (this.frame !== 0) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private drawHeader(): void {
    const layout = this.layout;
    if (layout === undefined) return;
    const font = this.options.fontPx;
    const height = Math.round(font * 3.2);
    const s = select(this.headerSvg).attr('width', layout.width).attr('height', height).attr('viewBox', `0 0 ${layout.width} ${height}`);
    s.selectAll('text.time-title').data([0]).join('text').attr('class', 'time-title').attr('x', 8).attr('y', Math.round(font * 1.4))
      .attr('font-size', Math.round(font * 0.85)).text(this.timeTitle());
    const spacing = layout.lanes.length > 1 ? layout.lanes[1]!.x - layout.lanes[0]!.x : 200;
    s.selectAll<SVGGElement, StepLadderLayout['lanes'][number]>('g.lane')
      .data(layout.lanes, (d) => d.name)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'lane');
        g.append('title');
        g.append('text').attr('class', 'lane-name').attr('text-anchor', 'middle');
        g.append('text').attr('class', 'lane-sub').attr('text-anchor', 'middle');
        return g;
      })
      .attr('transform', (d) => `translate(${d.x},0)`)
      .call((g) => {
        g.select('title').text((d) => [d.name, ...d.endpoints].join('\n'));
        g.select('text.lane-name').attr('y', Math.round(font * 1.4)).attr('font-size', font).text((d) => clipText(d.name, spacing - 8, font));
        g.select('text.lane-sub').attr('y', Math.round(font * 2.6)).attr('font-size', Math.round(font * 0.7))
          .text((d) => (d.endpoints[0] === d.name ? '' : clipText(d.endpoints.join(' '), spacing - 8, font * 0.7)));
      });
  }

  private draw(): void {
    const layout = this.layout;
    if (layout === undefined) return;
    const font = this.options.fontPx;
    const body = select(this.bodySvg).attr('width', layout.width).attr('height', layout.height).attr('viewBox', `0 0 ${layout.width} ${layout.height}`);
    body.select('g.lane-lines').selectAll<SVGLineElement, StepLadderLayout['lanes'][number]>('line')
      .data(layout.lanes, (d) => d.name).join('line')
      .attr('x1', (d) => d.x).attr('x2', (d) => d.x).attr('y1', 0).attr('y2', layout.height);
    const headerH = this.header.offsetHeight;
    const { first, end } = rowsInView(layout, this.root.scrollTop - headerH, this.root.clientHeight, Math.min(this.revealed, layout.rows.length));
    const rows = layout.rows.slice(first, end);
    const rowH = layout.rowHeight;
    body.select('g.rows').selectAll<SVGGElement, StepRow>('g.step-arrow')
      .data(rows, (d) => String(d.position))
      .join((enter) => {
        const g = enter.append('g');
        g.append('rect').attr('class', 'hit');
        g.append('text').attr('class', 'time');
        g.append('path').attr('class', 'shaft');
        g.append('path').attr('class', 'head');
        g.append('text').attr('class', 'label');
        g.append('text').attr('class', 'badge');
        g.append('text').attr('class', 'note-mark').attr('text-anchor', 'end');
        g.append('title');
        return g;
      })
      .attr('class', (d) => rowClass(d, this.current, this.notes.has(d.step.index)))
      .attr('data-index', (d) => d.position)
      .attr('aria-label', (d) => `${d.position + 1}. ${d.step.label}, ${d.step.from} → ${d.step.to}`)
      .call((g) => {
        g.select('rect.hit').attr('x', 0).attr('y', (d) => d.position * rowH).attr('width', layout.width).attr('height', rowH);
        g.select('text.time').attr('x', 8).attr('y', (d) => d.y + font * 0.35).attr('font-size', Math.round(font * 0.8)).text((d) => formatOffset(d.step.offsetMs));
        g.select('path.shaft').attr('d', (d) => d.path);
        g.select('path.head').attr('d', (d) => d.head);
        g.select('text.label').attr('x', (d) => d.labelX).attr('y', (d) => d.y - Math.round(font * 0.4)).attr('text-anchor', (d) => d.labelAnchor)
          .attr('font-size', font).text((d) => d.label);
        g.select('text.badge').attr('x', (d) => d.labelX).attr('y', (d) => d.y + Math.round(font * 1.05)).attr('text-anchor', (d) => d.labelAnchor)
          .attr('font-size', Math.round(font * 0.72)).text((d) => d.badge);
        g.select('text.note-mark').attr('x', this.options.timeColumnPx - 2).attr('y', (d) => d.y + font * 0.35).attr('font-size', font)
          .text((d) => (this.notes.has(d.step.index) ? '✎' : ''));
        g.select('title').text((d) => this.notes.get(d.step.index) ?? '');
      });
  }
}

function clipText(text: string, widthPx: number, fontPx: number): string {
  const max = Math.max(3, Math.floor(widthPx / (fontPx * 0.6)));
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}
