import { describe, expect, it } from 'vitest';
import type { FilterData, RowKind } from '../../core/src/analyze/filter/filterData.ts';
import type { CallListQuery, CallRow } from '../shared/apiTypes.ts';
import { emptyModel } from './provisionalRows.ts';
import { compileQuery, orderRows, RowQueryCache } from './rowQuery.ts';

const row = (id: number, over: Partial<CallRow> = {}): CallRow => ({
  id, kind: 'call', startMs: 1000 + id, from: `sip:u${id}@x`, to: 'sip:b@y', callId: `c${id}`, method: 'INVITE', outcome: 'answered',
  status: 200, pddMs: null, durationMs: null, messages: 10 - id, legs: 1, issues: 0, ...over,
});

/** The core's view of rows without messages: enough for row kinds, presets and row-level fields. */
function dataOf(kinds: RowKind[]): FilterData {
  return {
    model: emptyModel(0), analysis: { calls: [], issues: [] }, lookup: () => undefined, rowOfRecord: new Int32Array(0), issuesOfRecord: new Map(),
    rows: kinds.map((kind, r) => ({ number: r + 1, kind, call: -1, usage: -1, firstIndex: 0, messages: [] })),
  };
}

const base: CallListQuery = { offset: 0, limit: 10, sort: 'start', descending: false, filter: '', hide: '' };

describe('call list ordering and paging', () => {
  const rows = [row(0, { pddMs: 300 }), row(1, { pddMs: 100, method: 'OPTIONS' }), row(2), row(3, { pddMs: 200, status: 486 })];
  const data = dataOf(['call', 'options', 'registration', 'call']);

  it('keeps capture order for start ascending and sorts other columns, ties by capture order', () => {
    expect([...orderRows(rows, data, base).order]).toEqual([0, 1, 2, 3]);
    expect([...orderRows(rows, data, { ...base, sort: 'messages' }).order]).toEqual([3, 2, 1, 0]);
    expect([...orderRows(rows, data, { ...base, sort: 'status', descending: true }).order]).toEqual([3, 0, 1, 2]);
  });

  it('puts unmeasured values last in both directions', () => {
    expect([...orderRows(rows, data, { ...base, sort: 'pdd' }).order]).toEqual([1, 3, 0, 2]);
    expect([...orderRows(rows, data, { ...base, sort: 'pdd', descending: true }).order]).toEqual([0, 3, 1, 2]);
  });

  it('filters with the core filter language and hides rows with the CLI\'s presets', () => {
    expect([...orderRows(rows, data, { ...base, filter: 'kind == options or kind == registration' }).order]).toEqual([1, 2]);
    expect([...orderRows(rows, data, { ...base, filter: 'not kind == call' }).order]).toEqual([1, 2]);
    expect([...orderRows(rows, data, { ...base, hide: 'noise' }).order]).toEqual([0, 3]);
    expect([...orderRows(rows, data, { ...base, hide: 'options' }).order]).toEqual([0, 2, 3]);
    expect([...orderRows(rows, data, { ...base, hide: 'calls', filter: 'kind ~ "^reg"' }).order]).toEqual([2]);
  });

  it('filters nothing when the expression is wrong, and says what and where', () => {
    const bad = orderRows(rows, data, { ...base, filter: 'kind == call and colour == red' });
    expect(bad.order.length).toBe(4);
    expect(bad.filterError).toMatchObject({ at: 17, length: 6 });
    expect(bad.filterError!.message).toMatch(/^unknown field 'colour'/);
    expect(compileQuery({ filter: 'status >=', hide: '' }).problem!.message).toMatch(/value/);
    expect(compileQuery({ filter: '(kind == call', hide: '' }).problem).not.toBeNull();
    expect(compileQuery({ filter: '   ', hide: '' })).toMatchObject({ test: undefined, problem: null });
    expect(compileQuery({ filter: '', hide: 'everything' }).problem!.message).toMatch(/unknown --hide preset 'everything'/);
  });

  it('pages through a large list with one sort, and re-sorts when rows are added', () => {
    const many = Array.from({ length: 5000 }, (_, i) => row(i, { messages: i % 7 }));
    const big = dataOf(many.map(() => 'call'));
    const cache = new RowQueryCache();
    const q = { ...base, sort: 'messages' as const, limit: 100 };
    let built = 0;
    const data = (): FilterData => {
      built++;
      return big;
    };
    const first = cache.page(many, data, 'v0', q);
    expect(first.total).toBe(5000);
    expect(first.rows.every((r) => r.messages === 0)).toBe(true);
    const last = cache.page(many, data, 'v0', { ...q, offset: 4950 });
    expect(last.rows).toHaveLength(50);
    expect(last.rows.every((r) => r.messages === 6)).toBe(true);
    expect(built).toBe(1);
    many.push(row(5000, { messages: -1 }));
    expect(cache.page(many, () => dataOf(many.map(() => 'call')), 'v1', q).rows[0]!.id).toBe(5000);
  });
});
