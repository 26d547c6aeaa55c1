/**
 * Sorting, filtering and paging of the live call list in the worker. Live row ids are the session's group ids
 * (stable, not positions), so the order is kept as positions into the current row array; the filter and
 * presets are the CLI's (compileQuery, as for files), tested on the live FilterData only when one is set.
 */
import type { FilterData } from '../../core/src/analyze/filter/filterData.ts';
import { isRowHidden } from '../../core/src/analyze/filter/hidePresets.ts';
import type { CallListQuery, CallRow, FilterProblem } from '../shared/apiTypes.ts';
import { compileQuery, RowQueryCache, sortPositions } from './rowQuery.ts';

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
  return { order: sortPositions(rows, kept, query), filterError: problem };
}

/** The file call list's cache, ordering live rows (positions, since live ids are group ids). */
export class LiveRowQueryCache extends RowQueryCache {
  constructor() {
    super(orderLiveRows);
  }
}
