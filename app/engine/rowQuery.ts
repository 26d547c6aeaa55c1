/**
 * Sorting, filtering and paging of the call list in the worker, so the renderer only ever holds one
 * screen of rows. Filters are the CLI's language (core/src/analyze/filter, docs/filter-language.md) and
 * presets its `--hide` names, evaluated on the core's rows. The ordered id list of the last query is
 * cached (keyed by query and row count), so scrolling through a million rows costs one sort.
 */
import { compileFilter, type FilterPredicate } from '../../core/src/analyze/filter/compileFilter.ts';
import type { FilterData } from '../../core/src/analyze/filter/filterData.ts';
import { HIDE_NOTHING, isRowHidden, parseHide, type HideSet } from '../../core/src/analyze/filter/hidePresets.ts';
import type { CallListQuery, CallRow, FilterProblem, SortKey } from '../shared/apiTypes.ts';

const FIELD: Record<SortKey, keyof CallRow> = {
  start: 'startMs', from: 'from', to: 'to', callId: 'callId', method: 'method', outcome: 'outcome', status: 'status',
  pdd: 'pddMs', duration: 'durationMs', messages: 'messages', legs: 'legs', issues: 'issues',
};

export interface RowPage {
  total: number;
  rows: CallRow[];
  filterError: FilterProblem | null;
}

/** Ascending order of two cell values; null (not measured) always last. */
function compareCells(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return (a as number | string) < (b as number | string) ? -1 : 1;
}

export interface CompiledQuery {
  test: FilterPredicate | undefined;
  hide: HideSet;
  problem: FilterProblem | null;
}

/** The query's filter and presets, checked; a refused filter filters nothing and says why (where: `at`, `length`). */
export function compileQuery(query: Pick<CallListQuery, 'filter' | 'hide'>): CompiledQuery {
  let problem: FilterProblem | null = null;
  let test: FilterPredicate | undefined;
  if (query.filter.trim() !== '') {
    const compiled = compileFilter(query.filter, 'row');
    if (compiled.ok) test = compiled.value.test;
    else problem = { ...compiled.error };
  }
  let hide = HIDE_NOTHING;
  if (query.hide.trim() !== '') {
    const parsed = parseHide(query.hide);
    if (parsed.ok) hide = parsed.value;
    else problem ??= { message: parsed.error, at: 0, length: 0 };
  }
  return { test, hide, problem };
}

export function orderRows(
  rows: readonly CallRow[], data: FilterData, query: Pick<CallListQuery, 'sort' | 'descending' | 'filter' | 'hide'>,
): { order: Int32Array; filterError: FilterProblem | null } {
  const { test, hide, problem } = compileQuery(query);
  const hiding = hide.kinds.size > 0 || hide.noise;
  const kept: number[] = [];
  for (const row of rows) {
    const r = row.id;
    const filterRow = data.rows[r];
    if (hiding && filterRow !== undefined && isRowHidden(hide, filterRow, data)) continue;
    if (test !== undefined && !test(r, data)) continue;
    kept.push(r);
  }
  return { order: sortPositions(rows, kept, query), filterError: problem };
}

/** Sorts positions into `rows` by the query's column: nulls last in both directions, ties in capture order. */
export function sortPositions(rows: readonly CallRow[], kept: number[], query: Pick<CallListQuery, 'sort' | 'descending'>): Int32Array {
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
  return Int32Array.from(kept);
}

/** How a cache computes the order: positions of the rows to show, and the filter's problem if any. */
export type RowOrderer = (
  rows: readonly CallRow[], data: () => FilterData, query: Pick<CallListQuery, 'sort' | 'descending' | 'filter' | 'hide'>,
) => { order: Int32Array; filterError: FilterProblem | null };

export class RowQueryCache {
  private key = '';
  private order: Int32Array = new Int32Array(0);
  private filterError: FilterProblem | null = null;

  constructor(private readonly orderer: RowOrderer = (rows, data, query) => orderRows(rows, data(), query)) {}

  /**
   * `version` changes whenever rows or their messages may have (generation, records read); `data` is asked
   * for only when the order must be computed again.
   */
  page(rows: readonly CallRow[], data: () => FilterData, version: string | number, query: CallListQuery): RowPage {
    const key = JSON.stringify([version, rows.length, query.sort, query.descending, query.filter, query.hide]);
    if (key !== this.key) {
      const ordered = this.orderer(rows, data, query);
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
