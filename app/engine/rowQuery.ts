/**
 * Sorting, filtering and paging of the call list in the worker, so the renderer only ever holds one
 * screen of rows. The ordered id list of the last query is cached (keyed by query and row count), so
 * scrolling through a million rows costs one sort.
 */
import type { CallListQuery, CallRow, SortKey } from '../shared/apiTypes.ts';
import { compileFilter } from '../shared/callFilter.ts';

const FIELD: Record<SortKey, keyof CallRow> = {
  start: 'startMs', from: 'from', to: 'to', callId: 'callId', method: 'method', outcome: 'outcome', status: 'status',
  pdd: 'pddMs', duration: 'durationMs', messages: 'messages', legs: 'legs', issues: 'issues',
};

export interface RowPage {
  total: number;
  rows: CallRow[];
  filterError: string | null;
}

/** Ascending order of two cell values; null (not measured) always last. */
function compareCells(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return (a as number | string) < (b as number | string) ? -1 : 1;
}

export function orderRows(rows: readonly CallRow[], query: Pick<CallListQuery, 'sort' | 'descending' | 'filter' | 'hideNoise'>): { order: Int32Array; filterError: string | null } {
  const filter = compileFilter(query.filter);
  const test = filter.ok ? filter.test : () => true;
  const kept: number[] = [];
  for (const row of rows) if ((!query.hideNoise || !row.noise) && test(row)) kept.push(row.id);
  const field = FIELD[query.sort];
  const sign = query.descending ? -1 : 1;
  if (!(query.sort === 'start' && !query.descending)) {
    kept.sort((x, y) => {
      const a = rows[x]![field];
      const b = rows[y]![field];
      // Nulls stay last in both directions; ties keep capture order.
      if (a === null || b === null) return compareCells(a, b) || x - y;
      return sign * compareCells(a, b) || x - y;
    });
  }
  return { order: Int32Array.from(kept), filterError: filter.ok ? null : filter.error };
}

export class RowQueryCache {
  private key = '';
  private order: Int32Array = new Int32Array(0);
  private filterError: string | null = null;

  page(rows: readonly CallRow[], generation: number, query: CallListQuery): RowPage {
    const key = JSON.stringify([generation, rows.length, query.sort, query.descending, query.filter, query.hideNoise]);
    if (key !== this.key) {
      const ordered = orderRows(rows, query);
      this.key = key;
      this.order = ordered.order;
      this.filterError = ordered.filterError;
    }
    const out: CallRow[] = [];
    const end = Math.min(this.order.length, query.offset + query.limit);
    for (let i = query.offset; i < end; i++) out.push(rows[this.order[i]!]!);
    return { total: this.order.length, rows: out, filterError: this.filterError };
  }
}
