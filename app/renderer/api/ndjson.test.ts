import { describe, expect, it } from 'vitest';
import { NdjsonSplitter } from './ndjson.ts';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('NDJSON event splitting', () => {
  it('yields each complete line once, across arbitrary chunk boundaries and multi-byte characters', () => {
    const s = new NdjsonSplitter();
    const all = bytes('{"a":1}\n{"name":"café"}\n\n{"b":');
    const out = [...s.push(all.subarray(0, 3)), ...s.push(all.subarray(3, 18)), ...s.push(all.subarray(18))];
    expect(out).toEqual([{ a: 1 }, { name: 'café' }]);
    expect(s.push(bytes('2}\n'))).toEqual([{ b: 2 }]);
  });

  it('skips heartbeat blank lines and lines that are not JSON', () => {
    const s = new NdjsonSplitter();
    expect(s.push(bytes('\n\nnot json\n{"ok":true}\n'))).toEqual([{ ok: true }]);
  });
});
