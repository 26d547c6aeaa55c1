import { describe, expect, it } from 'vitest';
import { FrameOrigins } from './mergeInputs.ts';
import { distribution, percentile } from './statsData.ts';

describe('timing distributions', () => {
  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(values, 50), percentile(values, 90), percentile(values, 99), percentile(values, 100)]).toEqual([50, 90, 99, 100]);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });

  it('counts values into fixed buckets, the last one open', () => {
    const d = distribution([50, 120, 130, 900, 45_000], [0, 100, 250, 1000]);
    expect(d.histogram).toEqual([
      { fromMs: 0, toMs: 100, count: 1 }, { fromMs: 100, toMs: 250, count: 2 }, { fromMs: 250, toMs: 1000, count: 1 }, { fromMs: 1000, toMs: null, count: 1 },
    ]);
    expect(d).toMatchObject({ count: 5, minMs: 50, p50Ms: 130, maxMs: 45_000, meanMs: 9240 });
    expect(distribution([], [0, 10])).toMatchObject({ count: 0, minMs: null, p50Ms: null, meanMs: null });
  });
});

describe('frame origins of merged inputs', () => {
  it('maps merged frame numbers back to their input and frame, growing as needed', () => {
    const origins = new FrameOrigins();
    for (let i = 0; i < 5000; i++) expect(origins.push(i % 3, 1000 + i)).toBe(i + 1);
    expect(origins.size).toBe(5000);
    expect(origins.get(1)).toEqual({ input: 0, frame: 1000 });
    expect(origins.get(5000)).toEqual({ input: 4999 % 3, frame: 5999 });
    expect(origins.get(0)).toBeUndefined();
    expect(origins.get(5001)).toBeUndefined();
  });
});
