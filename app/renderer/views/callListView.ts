/**
 * The call list: a virtualised grid (only visible rows exist in the DOM, a fixed pool reused on scroll),
 * scroll mapped past the browser's element-height limit, sortable columns, a filter box, noise presets,
 * and keyboard first like sngrep: ↑/↓/PgUp/PgDn/Home/End move, Space marks, Enter opens, / filters.
 */
import type { CallRow, FilterProblem, SortKey } from '../../shared/apiTypes.ts';
import type { RendererApi } from '../api/rendererApi.ts';
import { clear, el } from '../dom.ts';
import { CALL_COLUMNS, GRID_TEMPLATE, statusClass } from './callColumns.ts';
import { PAGE_ROWS, RowPages } from './rowPages.ts';
import { plural } from '../plural.ts';
import { timed } from '../perf.ts';
import { makeScrollMap, offsetToReveal, scrollTopFor, virtualOffset, visibleRows } from './scrollMapping.ts';

const ROW_PX = 28;

export interface CallListEvents {
  open(rowIds: number[]): void;
  error(message: string): void;
}

export class CallListView {
  private readonly pages: RowPages;
  private sort: SortKey = 'start';
  private descending = false;
  private filter = '';
  /** The CLI's --hide presets ('noise': OPTIONS keep-alives and registrations). */
  private hide = '';
  private dataVersion = '';
  private cursor = 0;
  private readonly marked = new Set<number>();
  private readonly scroller: HTMLDivElement;
  private readonly spacer: HTMLDivElement;
  private readonly windowEl: HTMLDivElement;
  private readonly grid: HTMLDivElement;
  private readonly filterInput: HTMLInputElement;
  private readonly filterStatus: HTMLElement;
  private readonly filterProblem: HTMLElement;
  private readonly headerCells = new Map<SortKey, HTMLElement>();
  private readonly pool: HTMLDivElement[] = [];
  private frame = 0;
  private filterTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly root: HTMLElement, api: RendererApi, private readonly events: CallListEvents) {
    this.pages = new RowPages(api, () => this.render(), (m) => events.error(m));
    this.filterInput = el('input', {
      type: 'search', id: 'call-filter', placeholder: 'Filter (as --filter): status >= 400 and from contains alice',
      'aria-label': 'Filter calls (the CLI\'s filter language)', 'aria-describedby': 'filter-problem', spellcheck: false, autocomplete: 'off',
    });
    this.filterStatus = el('span', { class: 'filter-status', role: 'status', 'aria-live': 'polite' });
    this.filterProblem = el('div', { class: 'filter-problem', id: 'filter-problem', role: 'alert', hidden: true });
    const noise = el('input', { type: 'checkbox', id: 'hide-noise' });
    noise.addEventListener('change', () => {
      this.hide = noise.checked ? 'noise' : '';
      this.requery();
    });
    const presets = el('div', { class: 'presets', role: 'group', 'aria-label': 'Filter presets' },
      el('label', { for: 'hide-noise', title: 'the CLI\'s --hide noise: OPTIONS keep-alives and registrations' }, noise, ' Hide OPTIONS/REGISTER'),
      ...[['Calls only', 'kind == call'], ['Failed', 'status >= 400'], ['With issues', 'issues > 0'], ['All', '']].map(([label, text]) => {
        const b = el('button', { type: 'button', class: 'preset' }, label!);
        b.addEventListener('click', () => this.setFilter(text!));
        return b;
      }));
    this.filterInput.addEventListener('input', () => {
      clearTimeout(this.filterTimer);
      this.filterTimer = setTimeout(() => {
        this.filter = this.filterInput.value;
        this.requery();
      }, 180);
    });
    this.filterInput.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === 'ArrowDown' || e.key === 'Escape') {
        e.preventDefault();
        this.focus();
      }
    });
    const header = el('div', { class: 'call-row call-header', role: 'row', 'aria-rowindex': 1 });
    header.style.gridTemplateColumns = GRID_TEMPLATE;
    for (const c of CALL_COLUMNS) {
      const cell = el('button', { type: 'button', class: `cell${c.numeric ? ' num' : ''}`, role: 'columnheader', 'aria-sort': 'none', 'data-column': c.key }, c.title);
      cell.addEventListener('click', () => this.sortBy(c.key));
      this.headerCells.set(c.key, cell);
      header.appendChild(cell);
    }
    this.windowEl = el('div', { class: 'call-window', role: 'rowgroup' });
    this.spacer = el('div', { class: 'call-spacer' }, this.windowEl);
    this.scroller = el('div', { class: 'call-scroll' }, this.spacer);
    this.grid = el('div', { class: 'call-grid', role: 'grid', tabindex: 0, 'aria-label': 'Calls', 'aria-rowcount': 1, 'aria-colcount': CALL_COLUMNS.length, 'aria-multiselectable': true },
      header, this.scroller);
    clear(root);
    root.append(el('div', { class: 'call-toolbar' }, this.filterInput, presets, this.filterStatus), this.filterProblem, this.grid);
    this.scroller.addEventListener('scroll', () => this.schedule(), { passive: true });
    this.grid.addEventListener('keydown', (e) => this.onKey(e));
    new ResizeObserver(() => this.schedule()).observe(this.scroller);
    this.updateSortHeaders();
  }

  /** The data changed (progress): keep the query, refetch what is shown. */
  dataChanged(generation: number, rows: number): void {
    this.dataVersion = `${generation}:${rows}`;
    this.requery();
  }

  focus(): void {
    this.grid.focus();
  }

  focusFilter(): void {
    this.filterInput.focus();
    this.filterInput.select();
  }

  setFilter(text: string): void {
    this.filterInput.value = text;
    this.filter = text;
    this.requery();
  }

  private requery(): void {
    this.pages.setQuery({ sort: this.sort, descending: this.descending, filter: this.filter, hide: this.hide }, this.dataVersion);
    this.schedule();
  }

  private sortBy(key: SortKey): void {
    this.descending = this.sort === key ? !this.descending : false;
    this.sort = key;
    this.updateSortHeaders();
    this.requery();
  }

  private updateSortHeaders(): void {
    for (const [key, cell] of this.headerCells) {
      cell.setAttribute('aria-sort', key === this.sort ? (this.descending ? 'descending' : 'ascending') : 'none');
      cell.classList.toggle('sorted', key === this.sort);
    }
  }

  private schedule(): void {
    if (this.frame !== 0) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      timed('listRenderMs', () => this.render());
    });
  }

  private map(): ReturnType<typeof makeScrollMap> {
    return makeScrollMap(this.pages.total * ROW_PX, this.scroller.clientHeight);
  }

  private render(): void {
    const total = this.pages.total;
    const map = this.map();
    this.spacer.style.height = `${Math.max(map.scrollHeight, 1)}px`;
    const offset = virtualOffset(map, this.scroller.scrollTop);
    const { first, end } = visibleRows(offset, map.viewportHeight, ROW_PX, total, 1);
    this.pages.ensure(first, Math.max(end, Math.min(total, PAGE_ROWS)));
    if (total === 0) this.pages.ensure(0, 1);
    this.grid.setAttribute('aria-rowcount', String(total + 1));
    this.windowEl.style.height = `${map.viewportHeight}px`;
    const needed = end - first;
    while (this.pool.length < needed) this.pool.push(this.makeRow());
    for (let k = 0; k < this.pool.length; k++) {
      const node = this.pool[k]!;
      const position = first + k;
      if (k >= needed) {
        node.hidden = true;
        continue;
      }
      node.hidden = false;
      node.style.transform = `translateY(${position * ROW_PX - offset}px)`;
      this.fillRow(node, position, this.pages.row(position));
    }
    const error = this.pages.filterError;
    this.filterStatus.textContent = error !== null ? 'filter not applied' : total === this.pages.unfiltered ? plural(total, 'row') : `${total} of ${plural(this.pages.unfiltered, 'row')}`;
    this.filterStatus.classList.toggle('error', error !== null);
    this.showProblem(error);
    if (this.cursor >= total && total > 0) this.cursor = total - 1;
    this.grid.setAttribute('aria-activedescendant', `call-row-${this.cursor}`);
  }

  /** The filter's error under the box: the message, and the expression with the offending columns marked (as the CLI's caret line). */
  private showProblem(problem: FilterProblem | null): void {
    const key = problem === null ? '' : JSON.stringify([problem, this.filter]);
    if (this.filterProblem.dataset.key === key) return;
    this.filterProblem.dataset.key = key;
    clear(this.filterProblem);
    this.filterProblem.hidden = problem === null;
    if (problem === null) return;
    const text = this.filter;
    const at = Math.min(problem.at, text.length);
    const end = Math.min(text.length, at + problem.length);
    const where = problem.length > 0 ? `column ${at + 1}: ` : '';
    this.filterProblem.append(
      el('span', { class: 'filter-message' }, `${where}${problem.message}`),
      el('code', { class: 'filter-expression', 'aria-label': `the expression, with columns ${at + 1} to ${Math.max(at + 1, end)} marked` },
        text.slice(0, at), el('mark', {}, text.slice(at, end) || ' '), text.slice(end)),
    );
  }

  private makeRow(): HTMLDivElement {
    const row = el('div', { class: 'call-row', role: 'row' });
    row.style.gridTemplateColumns = GRID_TEMPLATE;
    for (const c of CALL_COLUMNS) row.appendChild(el('span', { class: `cell${c.numeric ? ' num' : ''}`, role: 'gridcell' }));
    row.addEventListener('click', (e) => {
      const position = Number(row.dataset.index);
      if (e.ctrlKey || e.metaKey) this.toggleMark(position);
      this.moveTo(position);
      this.focus();
    });
    row.addEventListener('dblclick', () => this.openCurrent());
    this.windowEl.appendChild(row);
    return row;
  }

  private fillRow(node: HTMLDivElement, position: number, row: CallRow | undefined): void {
    node.dataset.index = String(position);
    node.id = `call-row-${position}`;
    node.setAttribute('aria-rowindex', String(position + 2));
    const selected = position === this.cursor;
    node.setAttribute('aria-selected', String(selected || (row !== undefined && this.marked.has(row.id))));
    node.className = `call-row${selected ? ' cursor' : ''}${row && this.marked.has(row.id) ? ' marked' : ''}${row ? ` ${statusClass(row.status)} o-${row.outcome}` : ' loading'}`;
    const cells = node.children;
    CALL_COLUMNS.forEach((c, i) => {
      const text = row === undefined ? (i === 0 ? '…' : '') : c.text(row);
      const cell = cells[i] as HTMLElement;
      if (cell.textContent !== text) cell.textContent = text;
      cell.title = c.numeric ? '' : text;
    });
  }

  private moveTo(position: number): void {
    const total = this.pages.total;
    if (total === 0) return;
    this.cursor = Math.max(0, Math.min(total - 1, position));
    const map = this.map();
    const offset = virtualOffset(map, this.scroller.scrollTop);
    const wanted = offsetToReveal(offset, map.viewportHeight, ROW_PX, this.cursor);
    if (wanted !== offset) this.scroller.scrollTop = scrollTopFor(map, wanted);
    this.render();
  }

  private toggleMark(position: number): void {
    const row = this.pages.row(position);
    if (row === undefined) return;
    if (this.marked.has(row.id)) this.marked.delete(row.id);
    else this.marked.add(row.id);
  }

  private openCurrent(): void {
    const row = this.pages.row(this.cursor);
    const ids = this.marked.size > 0 ? [...this.marked] : row ? [row.id] : [];
    if (ids.length > 0) this.events.open(ids.slice(0, 50));
  }

  private onKey(e: KeyboardEvent): void {
    const page = Math.max(1, Math.floor(this.scroller.clientHeight / ROW_PX) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, j: 1, k: -1 };
    if (e.key in moves) this.moveTo(this.cursor + moves[e.key]!);
    else if (e.key === 'Home') this.moveTo(0);
    else if (e.key === 'End') this.moveTo(this.pages.total - 1);
    else if (e.key === 'Enter') this.openCurrent();
    else if (e.key === ' ') {
      this.toggleMark(this.cursor);
      this.render();
    } else if (e.key === '/') this.focusFilter();
    else return;
    e.preventDefault();
  }
}
