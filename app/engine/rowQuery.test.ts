import { describe, expect, it } from 'vitest';
import type { CallListQuery, CallRow } from '../shared/apiTypes.ts';
import { orderRows, RowQueryCache } from './rowQuery.ts';

const row = (id: number, over: Partial<CallRow> = {}): CallRow => ({
  id, kind: 'call', startMs: 1000 + id, from: `sip:u${id}@x`, to: 'sip:b@y', callId: `c${id}`, method: 'INVITE', outcome: 'answered',
  status: 200, pddMs: null, durationMs: null, messages: 10 - id, legs: 1, issues: 0, noise: false, ...over,
});

const base: CallListQuery = { offset: 0, limit: 10, sort: 'start', descending: false, filter: '', hideNoise: false };

describe('call list ordering and paging', () => {
  const rows = [row(0, { pddMs: 300 }), row(1, { pddMs: 100, noise: true, method: 'OPTIONS' }), row(2), row(3, { pddMs: 200, status: 486 })];

  it('keeps capture order for start ascending and sorts other columns, ties by capture order', () => {
    expect([...orderRows(rows, base).order]).toEqual([0, 1, 2, 3]);
    expect([...orderRows(rows, { ...base, sort: 'messages' }).order]).toEqual([3, 2, 1, 0]);
    expect([...orderRows(rows, { ...base, sort: 'status', descending: true }).order]).toEqual([3, 0, 1, 2]);
  });

  it('puts unmeasured values last in both directions', () => {
    expect([...orderRows(rows, { ...base, sort: 'pdd' }).order]).toEqual([1, 3, 0, 2]);
    expect([...orderRows(rows, { ...base, sort: 'pdd', descending: true }).order]).toEqual([0, 3, 1, 2]);
  });

  it('filters with the filter language and hides noise on request', () => {
    expect([...orderRows(rows, { ...base, filter: 'status:4xx' }).order]).toEqual([3]);
    expect([...orderRows(rows, { ...base, hideNoise: true }).order]).toEqual([0, 2, 3]);
    const bad = orderRows(rows, { ...base, filter: 'nope:1' });
    expect(bad.filterError).toMatch(/unknown field/);
    expect(bad.order.length).toBe(4);
  });

  it('pages through a large list with one sort, and re-sorts when rows are added', () => {
    const many = Array.from({ length: 5000 }, (_, i) => row(i, { messages: i % 7 }));
    const cache = new RowQueryCache();
    const q = { ...base, sort: 'messages' as const, limit: 100 };
    const first = cache.page(many, 0, q);
    expect(first.total).toBe(5000);
    expect(first.rows.every((r) => r.messages === 0)).toBe(true);
    const last = cache.page(many, 0, { ...q, offset: 4950 });
    expect(last.rows).toHaveLength(50);
    expect(last.rows.every((r) => r.messages === 6)).toBe(true);
    many.push(row(5000, { messages: -1 }));
    expect(cache.page(many, 0, q).rows[0]!.id).toBe(5000);
  });
});
