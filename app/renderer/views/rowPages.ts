/**
 * The call list's rows, fetched a page at a time from the worker and kept while the query stays the
 * same (sort, filter, noise preset, row generation); a new query starts over. At most a few hundred
 * rows live in the renderer whatever the list's length.
 */
import type { CallListQuery, CallRow, FilterProblem } from '../../shared/apiTypes.ts';
import type { RendererApi } from '../api/rendererApi.ts';

export const PAGE_ROWS = 200;
const MAX_PAGES = 40;

export type ListQuery = Omit<CallListQuery, 'offset' | 'limit'>;

export class RowPages {
  private key = '';
  private queryKey = '';
  private readonly pages = new Map<number, CallRow[]>();
  /** Pages of the previous data version, shown until their fresh copy arrives (no flicker while loading). */
  private stale = new Map<number, CallRow[]>();
  private readonly pending = new Set<number>();
  total = 0;
  unfiltered = 0;
  filterError: FilterProblem | null = null;
  private stamp = 0;

  constructor(private readonly api: RendererApi, private readonly onUpdate: () => void, private readonly onError: (message: string) => void) {}

  /** Starts over when the query or the data changed (`dataVersion`: generation and row count). */
  setQuery(query: ListQuery, dataVersion: string): void {
    const queryKey = JSON.stringify(query);
    const key = JSON.stringify([queryKey, dataVersion]);
    if (key === this.key) return;
    this.stale = queryKey === this.queryKey ? new Map([...this.stale, ...this.pages]) : new Map();
    this.key = key;
    this.queryKey = queryKey;
    this.query = query;
    this.stamp++;
    this.pages.clear();
    this.pending.clear();
  }

  private query: ListQuery | undefined;

  row(position: number): CallRow | undefined {
    const page = Math.floor(position / PAGE_ROWS);
    return (this.pages.get(page) ?? this.stale.get(page))?.[position % PAGE_ROWS];
  }

  /** Makes sure rows [first, end) are loaded or loading. */
  ensure(first: number, end: number): void {
    const q = this.query;
    if (q === undefined) return;
    const lastPage = Math.floor(Math.max(first, end - 1) / PAGE_ROWS);
    for (let p = Math.floor(first / PAGE_ROWS); p <= lastPage; p++) {
      if (this.pages.has(p) || this.pending.has(p)) continue;
      this.pending.add(p);
      const stamp = this.stamp;
      this.api.listCalls({ ...q, offset: p * PAGE_ROWS, limit: PAGE_ROWS }).then((page) => {
        if (stamp !== this.stamp) return;
        this.pending.delete(p);
        this.pages.set(p, page.rows);
        this.stale.delete(p);
        if (this.pages.size > MAX_PAGES) this.pages.delete(this.pages.keys().next().value!);
        this.total = page.total;
        this.unfiltered = page.unfiltered;
        this.filterError = page.filterError;
        this.onUpdate();
      }, (error: Error) => {
        this.pending.delete(p);
        this.onError(error.message);
      });
    }
  }
}
