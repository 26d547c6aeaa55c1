/**
 * Sorting, filtering and paging of the live call list in the worker. Live row ids are the session's group ids
 * (stable, not positions), so the order is kept as positions into the current row array; the filter and
 * presets are the CLI's (compileQuery, as for files), tested on the live FilterData only when one is set.
 */
import type { FilterData } from '../../core/src/analyze/filter/filterData.ts';
import { isRowHidden } from '../../core/src/analyze/filter/hidePresets.ts';
import type { CallListQuery, CallRow, FilterProblem, SortKey } from '../shared/apiTypes.ts';
import { compileQuery, type RowPage } from './rowQuery.ts';

const FIELD: Record<SortKey, keyof CallRow> = {
  start: 'startMs', from: 'from', to: 'to', callId: 'callId', method: 'method', outcome: 'outcome', status: 'status',
  pdd: 'pddMs', duration: 'durationMs', messages: 'messages', legs: 'legs', issues: 'issues',
};

function compareCells(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return (a as number | string) < (b as number | string) ? -1 : 1;
}

/** Positions of the rows to show, in order. `rows` come in first-message order; `data` is built only when a filter or preset needs it. */
export function orderLiveRows(
  rows: readonly CallRow[], data: () => FilterData, query: Pick<CallListQuery, 'sort' | 'descending' | 'filter' | 'hide'>,
): { order: Int32Array; filterError: FilterProblem | null } {
  const { test, hide, problem } = compileQuery(query);
  const hiding = hide.kinds.size > 0 || hide.noise;
  const filterData = test !== undefined || hiding ? data() : undefined;
  const kept: number[] = [];
  for (let p = 0; p < rows.length; p++) {
    if (filterData !== undefined) {
      const filterRow = filterData.rows[p];
      if (hiding && filterRow !== undefined && isRowHidden(hide, filterRow, filterData)) continue;
      if (test !== undefined && !test(p, filterData)) continue;
    }
    kept.push(p);
  }
  if (!(query.sort === 'start' && !query.descending)) {
    const field = FIELD[query.sort];
    const sign = query.descending ? -1 : 1;
    kept.sort((x, y) => {
      const a = rows[x]![field];
      const b = rows[y]![field];
      if (a === null || b === null) return compareCells(a, b) || x - y;
      return sign * compareCells(a, b) || x - y;
    });
  }
  return { order: Int32Array.from(kept), filterError: problem };
}

export class LiveRowQueryCache {
  private key = '';
  private order: Int32Array = new Int32Array(0);
  private filterError: FilterProblem | null = null;

  /** `version` changes whenever the rows may have. */
  page(rows: readonly CallRow[], data: () => FilterData, version: number, query: CallListQuery): RowPage {
    const key = JSON.stringify([version, rows.length, query.sort, query.descending, query.filter, query.hide]);
    if (key !== this.key) {
      const ordered = orderLiveRows(rows, data, query);
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
