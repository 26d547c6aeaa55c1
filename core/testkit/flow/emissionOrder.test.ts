import { describe, expect, it } from 'vitest';
import { emissionPlan } from './emissionOrder.ts';

describe('emissionPlan', () => {
  it('emits units in natural order by default', () => {
    expect(emissionPlan(3, {}, 'm')).toEqual({ order: [0, 1, 2], duplicates: [] });
  });

  it('puts reordered units first, then the rest, skips dropped ones and appends duplicates', () => {
    expect(emissionPlan(4, { reorder: [2, 0], dropSegment: 3, duplicate: [1] }, 'm')).toEqual({ order: [2, 0, 1], duplicates: [1] });
  });

  it('refuses unit numbers the step does not have', () => {
    expect(() => emissionPlan(2, { duplicate: 2 }, 'messages[4]')).toThrow(/messages\[4\]: duplicate names unit 2/);
    expect(() => emissionPlan(2, { reorder: [-1] }, 'm')).toThrow(/reorder/);
  });
});
