/**
 * The ladder view: toolbar (time column, lane merging and names, retransmission folding, Via depth, hop
 * notes, zoom, exports), the windowed SVG ladder in a scroll area (core layout, sticky lane headers,
 * scroll mapped past the element-height limit), and the side panels for the selected message (hop
 * annotations, detail).
 */
import { LANE_MERGES, type LaneMerge } from '../../../core/src/analyze/ladder/ladderModel.ts';
import { rowAtOrAbove, rowsInView } from '../../../core/src/export/ladder/rowsInView.ts';
import { TIME_MODES, type TimeMode } from '../../../core/src/export/ladder/timeLabel.ts';
import type { LadderData, MessageDetail } from '../../shared/apiTypes.ts';
import { MAX_EXPORT_RECORDS } from '../../shared/ipcContract.ts';
import type { RendererApi } from '../api/rendererApi.ts';
import { renderHopPanel } from '../detail/hopPanel.ts';
import { MessagePanel } from '../detail/messagePanel.ts';
import { clear, el } from '../dom.ts';
import { monospaceCharWidth } from '../ladder/charWidth.ts';
import { drawLadder, initLadderSvg } from '../ladder/drawLadder.ts';
import { LADDER_FONT_PX, layoutForView, recordsOfRows, type LaidOutLadder } from '../ladder/ladderLayout.ts';
import { timed } from '../perf.ts';
import { type Settings, ZOOM_STEPS } from '../settings.ts';
import { ExportPanel } from './exportPanel.ts';
import { makeScrollMap, scrollTopFor, virtualOffset } from './scrollMapping.ts';

export interface LadderViewEvents {
  back(): void;
  error(message: string): void;
  settingsChanged(change: Partial<Settings>): void;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const TIME_NAMES: Record<TimeMode, string> = { abs: 'absolute', rel: 'relative', delta: 'delta' };
const MERGE_NAMES: Record<LaneMerge, string> = { node: 'by node', host: 'by host', hostPort: 'by host:port' };
/** Settings that change what the worker builds (the ladder model, the notes); the rest only re-lay out. */
const REFETCH: readonly (keyof Settings)[] = ['laneMode', 'foldRetransmissions', 'showHopNotes'];

export class LadderView {
  private data: LadderData | undefined;
  private laid: LaidOutLadder | undefined;
  private selectedIndex = -1;
  private highlighted: readonly number[] = [];
  private readonly scroller: HTMLDivElement;
  private readonly canvas: HTMLDivElement;
  private readonly svg: SVGSVGElement;
  private readonly title: HTMLElement;
  private readonly hopRoot: HTMLElement;
  private readonly messagePanel: MessagePanel;
  private readonly lanesPanel: HTMLElement;
  private readonly exportPanel: ExportPanel;
  private frame = 0;
  private detailSeq = 0;
  private ladderSeq = 0;
  private layoutWidth = 0;
  private resizeTimer: ReturnType<typeof setTimeout> | undefined;
  private charWidth = 0;

  constructor(root: HTMLElement, private readonly api: RendererApi, private settings: Settings, private readonly events: LadderViewEvents) {
    this.title = el('h2', { class: 'ladder-title' }, 'No call selected');
    this.svg = document.createElementNS(SVG_NS, 'svg');
    this.svg.setAttribute('class', 'ladder-svg');
    initLadderSvg(this.svg);
    this.canvas = el('div', { class: 'ladder-canvas' });
    this.canvas.appendChild(this.svg);
    this.scroller = el('div', { class: 'ladder-scroll', tabindex: 0, role: 'listbox', 'aria-label': 'Ladder: messages in capture order (↑/↓ to move)' }, this.canvas);
    this.hopRoot = el('section', { class: 'panel hop-panel', id: 'hop-panel', 'aria-label': 'Hop annotations' });
    const messageRoot = el('section', { class: 'panel message-panel', id: 'message-panel', 'aria-label': 'Message detail' });
    this.messagePanel = new MessagePanel(messageRoot);
    this.lanesPanel = el('div', { class: 'lanes-panel', hidden: true, role: 'group', 'aria-label': 'Lane names' });
    this.exportPanel = new ExportPanel(api, {
      current: () => this.exportBase(), visibleRecords: () => this.visibleRecords(), error: (m) => events.error(m),
    });
    clear(root);
    root.append(this.toolbar(), this.lanesPanel, this.exportPanel.root,
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
      if (this.scroller.clientWidth === this.layoutWidth) return this.schedule();
      // A long ladder takes a while to lay out again: wait for the resize to settle.
      clearTimeout(this.resizeTimer);
      this.resizeTimer = setTimeout(() => this.relayout(), this.laid === undefined ? 0 : 120);
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
    await this.load(rows, selectIndex, true);
  }

  /** Fetches the ladder of `rows` with the current options; keeps the selection when it is still drawn. */
  private async load(rows: number[], selectIndex: number, fromTop: boolean): Promise<void> {
    const seq = ++this.ladderSeq;
    const data = await this.api.getLadder({
      rows, merge: this.settings.laneMode, fold: this.settings.foldRetransmissions, hops: this.settings.showHopNotes,
    });
    if (seq !== this.ladderSeq) return;
    this.data = data;
    const ladder = data.ladder;
    this.title.textContent = ladder.rows.length === 0 ? 'Empty call'
      : `${rows.length > 1 ? `${rows.length} rows · ` : ''}${ladder.messages} messages · ${ladder.rows.length} arrows${data.truncated ? ' (cut)' : ''}`;
    this.relayout();
    if (fromTop) this.scroller.scrollTop = 0;
    const initial = selectIndex >= 0 ? selectIndex : ladder.rows[0]?.index ?? -1;
    if (initial >= 0) this.select(initial);
    else this.messagePanel.setMessage(undefined);
  }

  /** Selects a message by record index, brings its row into view and loads its detail and hop annotations. */
  select(index: number): void {
    const row = this.laid?.rowOfRecord.get(index);
    if (row === undefined || this.data === undefined) return;
    this.selectedIndex = this.data.ladder.rows[row]!.index;
    this.reveal(row);
    this.scroller.setAttribute('aria-activedescendant', `ladder-msg-${this.selectedIndex}`);
    this.schedule();
    const seq = ++this.detailSeq;
    this.api.getMessage({ index: this.selectedIndex }).then((detail) => {
      if (seq !== this.detailSeq) return;
      this.highlighted = detail.copies;
      this.showDetail(detail);
      this.schedule();
    }, (error: Error) => this.events.error(error.message));
  }

  private showDetail(detail: MessageDetail): void {
    renderHopPanel(this.hopRoot, detail, {
      describe: (i) => {
        const row = this.laid?.rowOfRecord.get(i);
        const r = row === undefined ? undefined : this.data?.ladder.rows[row];
        return r === undefined ? `message ${i}` : `frame ${r.frame}: ${r.srcEndpoint} → ${r.dstEndpoint}`;
      },
      select: (i) => this.select(i),
    });
    this.messagePanel.setMessage(detail);
  }

  private relayout(): void {
    const data = this.data;
    if (data === undefined) return;
    if (this.charWidth === 0) this.charWidth = monospaceCharWidth(getComputedStyle(this.svg).fontFamily || 'monospace', LADDER_FONT_PX);
    this.laid = timed('ladderLayoutMs', () => layoutForView(data, {
      zoom: this.settings.zoom, aliases: this.settings.aliases, maxWidthPx: this.scroller.clientWidth - 4, charWidthPx: this.charWidth,
      timeMode: this.settings.timeMode, timeDigits: this.timeDigits(),
    }));
    this.layoutWidth = this.scroller.clientWidth;
    this.renderLanesPanel();
    this.schedule();
  }

  private timeDigits(): number {
    return Math.min(this.data?.precisionDigits ?? 6, 6);
  }

  private map(): ReturnType<typeof makeScrollMap> {
    return makeScrollMap(this.laid?.geometry.height ?? 0, this.scroller.clientHeight);
  }

  private offset(): number {
    return virtualOffset(this.map(), this.scroller.scrollTop);
  }

  /** Scrolls the least that shows the whole row below the lane headers. */
  private reveal(row: number): void {
    const laid = this.laid!;
    const placed = laid.geometry.rows[row];
    if (placed === undefined) return;
    const map = this.map();
    const offset = virtualOffset(map, this.scroller.scrollTop);
    const top = placed.top - laid.headerBottom - 4;
    const bottom = placed.bottom + 8 - map.viewportHeight;
    const wanted = top < offset ? top : bottom > offset ? Math.min(top, bottom) : offset;
    if (wanted !== offset) this.scroller.scrollTop = scrollTopFor(map, Math.max(0, wanted));
  }

  /** Rows [first, end) on screen, below the lane headers. */
  private visibleRange(): { first: number; end: number } {
    const laid = this.laid;
    if (laid === undefined) return { first: 0, end: 0 };
    const offset = this.offset();
    return rowsInView(laid.geometry.rows, offset + laid.headerBottom, offset + this.scroller.clientHeight);
  }

  private visibleRecords(): number[] {
    const data = this.data;
    if (data === undefined) return [];
    const { first, end } = this.visibleRange();
    return recordsOfRows(data.ladder, first, end).slice(0, MAX_EXPORT_RECORDS);
  }

  private exportBase(): ReturnType<ConstructorParameters<typeof ExportPanel>[1]['current']> {
    if (this.data === undefined) return undefined;
    return {
      rows: this.data.rows, merge: this.settings.laneMode, fold: this.settings.foldRetransmissions, hops: this.settings.showHopNotes,
      time: this.settings.timeMode,
    };
  }

  private schedule(): void {
    if (this.frame !== 0) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      timed('ladderDrawMs', () => this.draw());
    });
  }

  private draw(): void {
    const laid = this.laid;
    const data = this.data;
    if (laid === undefined || data === undefined) return;
    const map = this.map();
    this.canvas.style.height = `${Math.max(map.scrollHeight, map.viewportHeight)}px`;
    const width = Math.max(laid.geometry.width, this.scroller.clientWidth);
    this.canvas.style.width = `${width}px`;
    const highlighted = new Set<number>();
    for (const i of this.highlighted) {
      const row = laid.rowOfRecord.get(i);
      if (row !== undefined) highlighted.add(row);
    }
    drawLadder(this.svg, data.ladder, laid, {
      offset: virtualOffset(map, this.scroller.scrollTop), viewportHeight: map.viewportHeight, viewportWidth: width,
      selected: laid.rowOfRecord.get(this.selectedIndex) ?? -1, highlighted, timeMode: this.settings.timeMode, timeDigits: this.timeDigits(),
      viaDepth: this.settings.showViaDepth ? data.viaDepth : null,
    });
  }

  private step(delta: number): void {
    const laid = this.laid;
    const data = this.data;
    if (laid === undefined || data === undefined || data.ladder.rows.length === 0) return;
    const current = laid.rowOfRecord.get(this.selectedIndex) ?? -1;
    const next = Math.max(0, Math.min(data.ladder.rows.length - 1, current + delta));
    this.select(data.ladder.rows[next]!.index);
  }

  /** Rows a page down moves: those between the selected row and one screen further. */
  private pageRows(): number {
    const laid = this.laid;
    if (laid === undefined) return 10;
    const current = laid.rowOfRecord.get(this.selectedIndex) ?? 0;
    const top = laid.geometry.rows[current]?.top ?? 0;
    const target = rowAtOrAbove(laid.geometry.rows, top + this.scroller.clientHeight - laid.headerBottom);
    return Math.max(1, target - current - 1);
  }

  private onKey(e: KeyboardEvent): void {
    if (e.key === 'ArrowDown' || e.key === 'j') this.step(1);
    else if (e.key === 'ArrowUp' || e.key === 'k') this.step(-1);
    else if (e.key === 'PageDown') this.step(this.pageRows());
    else if (e.key === 'PageUp') this.step(-this.pageRows());
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
    if (this.data !== undefined && REFETCH.some((k) => k in change)) {
      void this.load(this.data.rows, this.selectedIndex, false).catch((e: Error) => this.events.error(e.message));
    } else this.relayout();
  }

  private zoom(direction: number): void {
    const i = ZOOM_STEPS.indexOf(this.settings.zoom);
    const next = ZOOM_STEPS[Math.max(0, Math.min(ZOOM_STEPS.length - 1, (i < 0 ? 3 : i) + direction))]!;
    this.update({ zoom: next });
    const row = this.laid?.rowOfRecord.get(this.selectedIndex);
    if (row !== undefined) this.reveal(row);
  }

  private toolbar(): HTMLElement {
    const back = el('button', { type: 'button', 'aria-label': 'Back to the call list (Escape)' }, '← Calls');
    back.addEventListener('click', () => this.events.back());
    const time = select('ladder-time', 'Time', TIME_MODES, this.settings.timeMode, (v) => this.update({ timeMode: v as TimeMode }), TIME_NAMES);
    const lanes = select('ladder-lanes', 'Lanes', LANE_MERGES, this.settings.laneMode, (v) => this.update({ laneMode: v as LaneMerge }), MERGE_NAMES);
    const rename = el('button', { type: 'button', 'aria-expanded': 'false' }, 'Rename lanes…');
    rename.addEventListener('click', () => {
      this.lanesPanel.hidden = !this.lanesPanel.hidden;
      rename.setAttribute('aria-expanded', String(!this.lanesPanel.hidden));
    });
    const fold = checkbox('ladder-fold', 'Fold retransmissions', this.settings.foldRetransmissions, (v) => this.update({ foldRetransmissions: v }));
    const via = checkbox('ladder-via', 'Via depth', this.settings.showViaDepth, (v) => this.update({ showViaDepth: v }));
    const notes = checkbox('ladder-notes', 'Hop notes', this.settings.showHopNotes, (v) => this.update({ showHopNotes: v }));
    const zoomOut = el('button', { type: 'button', 'aria-label': 'Zoom out (-)' }, '−');
    const zoomIn = el('button', { type: 'button', 'aria-label': 'Zoom in (+)' }, '+');
    zoomOut.addEventListener('click', () => this.zoom(-1));
    zoomIn.addEventListener('click', () => this.zoom(1));
    const exports = el('button', { type: 'button', id: 'export-toggle', 'aria-expanded': 'false', 'aria-controls': 'export-panel' }, 'Export…');
    this.exportPanel.root.id = 'export-panel';
    exports.addEventListener('click', () => exports.setAttribute('aria-expanded', String(this.exportPanel.toggle())));
    return el('div', { class: 'ladder-toolbar toolbar' }, back, this.title, time, lanes, rename, fold, via, notes,
      el('div', { class: 'zoom', role: 'group', 'aria-label': 'Zoom' }, zoomOut, zoomIn), exports);
  }

  private renderLanesPanel(): void {
    clear(this.lanesPanel);
    for (const lane of this.data?.ladder.lanes ?? []) {
      const input = el('input', { type: 'text', value: this.settings.aliases[lane.key] ?? '', placeholder: lane.name, 'aria-label': `Name for lane ${lane.key}`, spellcheck: false });
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
