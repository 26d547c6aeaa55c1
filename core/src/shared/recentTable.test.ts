import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RecentTable } from './recentTable.ts';

describe('RecentTable', () => {
  it('evicts the least recently used entry, not the oldest inserted', () => {
    const evicted: string[] = [];
    const t = new RecentTable<string, number>(2, (k) => evicted.push(k));
    t.set('a', 1);
    t.set('b', 2);
    expect(t.get('a')).toBe(1); // a is now more recent than b
    t.set('c', 3);
    expect(evicted).toEqual(['b']);
    expect([...t.values()]).toEqual([1, 3]);
  });

  it('hands the evicted value to the callback so its owner can flush it', () => {
    const flushed: number[] = [];
    const t = new RecentTable<string, number>(1, (_k, v) => flushed.push(v));
    t.set('x', 7);
    t.set('y', 8);
    expect(flushed).toEqual([7]);
    expect(t.peek('x')).toBeUndefined();
  });

  it('never holds more than its capacity, whatever the access pattern', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 8 }), fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 20 }))), (capacity, ops) => {
      let evictions = 0;
      const t = new RecentTable<number, number>(capacity, () => evictions++);
      const distinct = new Set<number>();
      for (const [write, key] of ops) {
        if (write) { t.set(key, key); distinct.add(key); } else t.get(key);
        expect(t.size).toBeLessThanOrEqual(capacity);
      }
      expect(t.size + evictions).toBeGreaterThanOrEqual(Math.min(distinct.size, capacity));
    }));
  });

  it('refuses a capacity below one', () => {
    expect(() => new RecentTable(0, () => undefined)).toThrow(RangeError);
  });
});
