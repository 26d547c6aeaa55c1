/**
 * The ladder view: toolbar (time column, lane merging and names, retransmission folding, Via depth,
 * zoom, exports), the windowed SVG ladder in a scroll area (sticky lane headers, scroll mapped past the
 * element-height limit), and the side panels for the selected message (hop annotations, detail).
 */
import type { LadderData, MessageDetail } from '../../shared/apiTypes.ts';
import { EXPORT_KINDS } from '../../shared/apiTypes.ts';
import type { RendererApi } from '../api/rendererApi.ts';
import { renderHopPanel } from '../detail/hopPanel.ts';
import { MessagePanel } from '../detail/messagePanel.ts';
import { clear, el } from '../dom.ts';
import { drawLadder, initLadderSvg } from '../ladder/drawLadder.ts';
import { DEFAULT_LAYOUT, layoutLadder, type LadderLayout } from '../ladder/layoutLadder.ts';
import { LANE_MODES, type LaneMode } from '../ladder/lanes.ts';
import { TIME_MODES, type TimeMode } from '../ladder/timeFormat.ts';
import { type Settings, ZOOM_STEPS } from '../settings.ts';
import { downloadExport } from './download.ts';
import { timed } from '../perf.ts';
import { makeScrollMap, offsetToReveal, scrollTopFor, virtualOffset } from './scrollMapping.ts';

export interface LadderViewEvents {
  back(): void;
  error(message: string): void;
  settingsChanged(change: Partial<Settings>): void;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export class LadderView {
  private data: LadderData | undefined;
  private layout: LadderLayout | undefined;
  private selected = -1;
  private highlighted = new Set<number>();
  private readonly scroller: HTMLDivElement;
  private readonly canvas: HTMLDivElement;
  private readonly svg: SVGSVGElement;
  private readonly title: HTMLElement;
  private readonly hopRoot: HTMLElement;
  private readonly messagePanel: MessagePanel;
  private readonly lanesPanel: HTMLElement;
  private frame = 0;
  private detailSeq = 0;
  private layoutWidth = 0;

  constructor(root: HTMLElement, private readonly api: RendererApi, private settings: Settings, private readonly events: LadderViewEvents) {
    this.title = el('h2', { class: 'ladder-title' }, 'No call selected');
    this.svg = document.createElementNS(SVG_NS, 'svg');
    this.svg.setAttribute('class', 'ladder-svg');
    this.svg.setAttribute('aria-hidden', 'false');
    initLadderSvg(this.svg);
    this.canvas = el('div', { class: 'ladder-canvas' });
    this.canvas.appendChild(this.svg);
    this.scroller = el('div', { class: 'ladder-scroll', tabindex: 0, role: 'listbox', 'aria-label': 'Ladder: messages in capture order (↑/↓ to move)' }, this.canvas);
    this.hopRoot = el('section', { class: 'panel hop-panel', id: 'hop-panel', 'aria-label': 'Hop annotations' });
    const messageRoot = el('section', { class: 'panel message-panel', id: 'message-panel', 'aria-label': 'Message detail' });
    this.messagePanel = new MessagePanel(messageRoot);
    this.lanesPanel = el('div', { class: 'lanes-panel', hidden: true, role: 'group', 'aria-label': 'Lane names' });
    clear(root);
    root.append(this.toolbar(), this.lanesPanel,
      el('div', { class: 'ladder-body' }, this.scroller, el('aside', { class: 'side-panel' }, this.hopRoot, messageRoot)));
    this.scroller.addEventListener('scroll', () => this.schedule(), { passive: true });
    this.scroller.addEventListener('keydown', (e) => this.onKey(e));
    this.svg.addEventListener('click', (e) => {
      const g = (e.target as Element).closest('g.msg');
      const index = g === null ? NaN : Number(g.getAttribute('data-index'));
      if (Number.isInteger(index)) {
        this.select(index);
        this.scroller.focus();
      }
    });
    new ResizeObserver(() => {
      if (this.scroller.clientWidth !== this.layoutWidth) this.relayout();
      else this.schedule();
    }).observe(this.scroller);
    renderHopPanel(this.hopRoot, emptyDetail(), { describe: () => '', select: () => undefined });
  }

  focus(): void {
    this.scroller.focus();
  }

  get rows(): number[] {
    return this.data?.rows ?? [];
  }

  async open(rows: number[], selectIndex = -1): Promise<void> {
    const data = await this.api.getLadder({ rows });
    this.data = data;
    this.selected = -1;
    this.highlighted = new Set();
    const first = data.messages[0];
    this.title.textContent = first === undefined ? 'Empty call'
      : `${rows.length > 1 ? `${rows.length} rows · ` : ''}${data.messages.length} messages${data.truncated ? ' (cut)' : ''}`;
    this.relayout();
    this.scroller.scrollTop = 0;
    const initial = selectIndex >= 0 ? selectIndex : first?.index ?? -1;
    if (initial >= 0) this.select(initial);
    else this.messagePanel.setMessage(undefined);
  }

  /** Selects a message by record index, brings it into view and loads its detail and hop annotations. */
  select(index: number): void {
    const layout = this.layout;
    if (layout === undefined) return;
    const row = layout.rowOfMessage.get(index);
    if (row === undefined) return;
    this.selected = layout.rows[row]!.message.index;
    this.reveal(row);
    this.scroller.setAttribute('aria-activedescendant', `ladder-msg-${this.selected}`);
    this.schedule();
    const seq = ++this.detailSeq;
    this.api.getMessage({ index: this.selected }).then((detail) => {
      if (seq !== this.detailSeq) return;
      this.highlighted = new Set(detail.copies);
      this.showDetail(detail);
      this.schedule();
    }, (error: Error) => this.events.error(error.message));
  }

  private showDetail(detail: MessageDetail): void {
    renderHopPanel(this.hopRoot, detail, {
      describe: (i) => {
        const m = this.data?.messages.find((x) => x.index === i);
        return m === undefined ? `message ${i}` : `frame ${m.frame}: ${m.src} → ${m.dst}`;
      },
      select: (i) => this.select(i),
    });
    this.messagePanel.setMessage(detail);
  }

  private relayout(): void {
    if (this.data === undefined) return;
    const z = this.settings.zoom;
    this.layout = layoutLadder(this.data, {
      ...DEFAULT_LAYOUT, laneMode: this.settings.laneMode, aliases: this.settings.aliases,
      foldRetransmissions: this.settings.foldRetransmissions, rowHeightPx: Math.round(30 * z), laneSpacingPx: Math.round(190 * z),
      fitWidthPx: this.scroller.clientWidth,
    });
    this.layoutWidth = this.scroller.clientWidth;
    this.renderLanesPanel();
    this.schedule();
  }

  private map(): ReturnType<typeof makeScrollMap> {
    const layout = this.layout;
    const total = layout === undefined ? 0 : layout.headerHeight + layout.bodyHeight;
    return makeScrollMap(total, this.scroller.clientHeight);
  }

  private reveal(row: number): void {
    const layout = this.layout!;
    const map = this.map();
    const offset = virtualOffset(map, this.scroller.scrollTop);
    const wanted = offsetToReveal(offset, map.viewportHeight - layout.headerHeight, layout.rowHeight, row);
    if (wanted !== offset) this.scroller.scrollTop = scrollTopFor(map, wanted);
  }

  private schedule(): void {
    if (this.frame !== 0) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      timed('ladderDrawMs', () => this.draw());
    });
  }

  private draw(): void {
    const layout = this.layout;
    const data = this.data;
    if (layout === undefined || data === undefined) return;
    const map = this.map();
    this.canvas.style.height = `${Math.max(map.scrollHeight, map.viewportHeight)}px`;
    this.canvas.style.width = `${layout.width}px`;
    drawLadder(this.svg, layout, {
      offset: virtualOffset(map, this.scroller.scrollTop), viewportHeight: map.viewportHeight, selected: this.selected,
      highlighted: this.highlighted, timeMode: this.settings.timeMode, showViaDepth: this.settings.showViaDepth,
      start: { seconds: data.startSeconds, nanoseconds: data.startNanoseconds, digits: data.precisionDigits },
    });
  }

  private step(delta: number): void {
    const layout = this.layout;
    if (layout === undefined || layout.rows.length === 0) return;
    const current = layout.rowOfMessage.get(this.selected) ?? -1;
    const next = Math.max(0, Math.min(layout.rows.length - 1, current + delta));
    this.select(layout.rows[next]!.message.index);
  }

  private onKey(e: KeyboardEvent): void {
    const page = this.layout ? Math.max(1, Math.floor((this.scroller.clientHeight - this.layout.headerHeight) / this.layout.rowHeight) - 1) : 10;
    if (e.key === 'ArrowDown' || e.key === 'j') this.step(1);
    else if (e.key === 'ArrowUp' || e.key === 'k') this.step(-1);
    else if (e.key === 'PageDown') this.step(page);
    else if (e.key === 'PageUp') this.step(-page);
    else if (e.key === 'Home') this.step(-Infinity);
    else if (e.key === 'End') this.step(Infinity);
    else if (e.key === 'Escape' || e.key === 'Backspace') this.events.back();
    else if (e.key === '+' || e.key === '=') this.zoom(1);
    else if (e.key === '-') this.zoom(-1);
    else return;
    e.preventDefault();
  }

  private update(change: Partial<Settings>): void {
    this.settings = { ...this.settings, ...change };
    this.events.settingsChanged(change);
    this.relayout();
  }

  private zoom(direction: number): void {
    const i = ZOOM_STEPS.indexOf(this.settings.zoom);
    const next = ZOOM_STEPS[Math.max(0, Math.min(ZOOM_STEPS.length - 1, (i < 0 ? 3 : i) + direction))]!;
    const anchor = this.layout?.rowOfMessage.get(this.selected);
    this.update({ zoom: next });
    if (anchor !== undefined) this.reveal(anchor);
  }

  private toolbar(): HTMLElement {
    const back = el('button', { type: 'button', 'aria-label': 'Back to the call list (Escape)' }, '← Calls');
    back.addEventListener('click', () => this.events.back());
    const time = select('ladder-time', 'Time', TIME_MODES, this.settings.timeMode, (v) => this.update({ timeMode: v as TimeMode }));
    const lanes = select('ladder-lanes', 'Lanes', LANE_MODES, this.settings.laneMode, (v) => this.update({ laneMode: v as LaneMode }),
      { node: 'by node', host: 'by host', hostPort: 'by host:port' });
    const rename = el('button', { type: 'button', 'aria-expanded': 'false' }, 'Rename lanes…');
    rename.addEventListener('click', () => {
      this.lanesPanel.hidden = !this.lanesPanel.hidden;
      rename.setAttribute('aria-expanded', String(!this.lanesPanel.hidden));
    });
    const fold = checkbox('ladder-fold', 'Fold retransmissions', this.settings.foldRetransmissions, (v) => this.update({ foldRetransmissions: v }));
    const via = checkbox('ladder-via', 'Via depth', this.settings.showViaDepth, (v) => this.update({ showViaDepth: v }));
    const zoomOut = el('button', { type: 'button', 'aria-label': 'Zoom out (-)' }, '−');
    const zoomIn = el('button', { type: 'button', 'aria-label': 'Zoom in (+)' }, '+');
    zoomOut.addEventListener('click', () => this.zoom(-1));
    zoomIn.addEventListener('click', () => this.zoom(1));
    const exports = el('div', { class: 'exports', role: 'group', 'aria-label': 'Export' }, el('span', { class: 'muted' }, 'Export'));
    for (const kind of EXPORT_KINDS) {
      const b = el('button', { type: 'button', 'aria-label': `Export ${kind}` }, kind === 'mermaid' ? 'Mermaid' : kind.toUpperCase());
      b.addEventListener('click', () => {
        if (this.data === undefined) return;
        this.api.exportCalls({ kind, rows: this.data.rows }).then((r) => {
          if (r.ok) downloadExport(r);
          else this.events.error(r.message);
        }, (error: Error) => this.events.error(error.message));
      });
      exports.appendChild(b);
    }
    return el('div', { class: 'ladder-toolbar toolbar' }, back, this.title, time, lanes, rename, fold, via,
      el('div', { class: 'zoom', role: 'group', 'aria-label': 'Zoom' }, zoomOut, zoomIn), exports);
  }

  private renderLanesPanel(): void {
    clear(this.lanesPanel);
    for (const lane of this.layout?.lanes ?? []) {
      const input = el('input', { type: 'text', value: this.settings.aliases[lane.key] ?? '', placeholder: lane.key, 'aria-label': `Name for lane ${lane.key}`, spellcheck: false });
      input.maxLength = 80;
      input.addEventListener('change', () => {
        const aliases = { ...this.settings.aliases };
        const v = input.value.trim();
        if (v) aliases[lane.key] = v;
        else delete aliases[lane.key];
        this.update({ aliases });
      });
      this.lanesPanel.appendChild(el('label', { class: 'lane-alias' }, el('code', {}, lane.key), input));
    }
  }
}

function select(id: string, label: string, values: readonly string[], current: string, onChange: (v: string) => void, names: Record<string, string> = {}): HTMLElement {
  const s = el('select', { id });
  for (const v of values) s.appendChild(el('option', { value: v, selected: v === current }, names[v] ?? v));
  s.addEventListener('change', () => onChange(s.value));
  return el('label', { for: id }, `${label} `, s);
}

function checkbox(id: string, label: string, checked: boolean, onChange: (v: boolean) => void): HTMLElement {
  const c = el('input', { type: 'checkbox', id, checked });
  c.addEventListener('change', () => onChange(c.checked));
  return el('label', { for: id }, c, ` ${label}`);
}

function emptyDetail(): MessageDetail {
  return {
    session: 0, index: -1, frame: 0, frames: [], time: '', src: '', dst: '', srcName: '—', dstName: '—', transport: '', encapsulation: [],
    request: true, startLine: '', raw: null, rawNote: null, rawBytes: 0, bodyOffset: -1, headers: [], sdp: null, issues: [], hop: null,
    recordRoutes: [], routes: [], maxForwards: null, copies: [], transaction: -1, logicalTransaction: -1, dialog: -1, row: -1, retransmissionOf: -1,
  };
}
