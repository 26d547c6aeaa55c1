import { describe, expect, it } from 'vitest';
import { plural } from './plural.ts';

describe('plural', () => {
  it('says 1 row but 0 rows and 2 rows, with thousands separated', () => {
    expect([plural(1, 'row'), plural(0, 'row'), plural(2, 'row'), plural(1234, 'message')]).toEqual(['1 row', '0 rows', '2 rows', '1,234 messages']);
  });
});
