import { describe, expect, it } from 'vitest';
import { hex } from '../../shared/bytes.ts';
import { ByteQueue } from './byteQueue.ts';

const T = { seconds: 1, nanoseconds: 0 };

describe('ByteQueue', () => {
  it('reads bytes across chunk borders and takes runs with their frames', () => {
    const q = new ByteQueue();
    q.push(hex('01 02 03'), 7, T);
    q.push(hex('04 05'), 8, { seconds: 2, nanoseconds: 0 });
    q.push(hex('06'), 9, T);
    expect(q.length).toBe(6);
    expect([0, 1, 2, 3, 4, 5].map((i) => q.byteAt(i))).toEqual([1, 2, 3, 4, 5, 6]);
    const first = q.take(2);
    expect(first.bytes).toEqual(hex('01 02'));
    expect(first.frames).toEqual([7]);
    const spanning = q.take(3);
    expect(spanning.bytes).toEqual(hex('03 04 05'));
    expect(spanning.frames).toEqual([7, 8]);
    expect(spanning.timestamp.seconds).toBe(2);
    expect(q.length).toBe(1);
    q.skip(1);
    expect(q.length).toBe(0);
    expect(q.front()).toBeUndefined();
  });

  it('returns a view, not a copy, when a run lies inside one chunk', () => {
    const q = new ByteQueue();
    const data = hex('aa bb cc');
    q.push(data, 1, T);
    expect(q.take(2).bytes.buffer).toBe(data.buffer);
  });

  it('answers -1 past the end and ignores empty pushes', () => {
    const q = new ByteQueue();
    q.push(new Uint8Array(0), 1, T);
    expect(q.length).toBe(0);
    expect(q.byteAt(0)).toBe(-1);
  });
});

describe('ByteQueue.indexOf', () => {
  it('finds a needle that spans chunks, from a start position', () => {
    const q = new ByteQueue();
    q.push(hex('00 48 45'), 1, T);
    q.push(hex('50 33 48'), 2, T);
    q.push(hex('45 50 33'), 3, T);
    q.skip(1);
    const magic = hex('48 45 50 33 # "HEP3"');
    expect(q.indexOf(magic)).toBe(0);
    expect(q.indexOf(magic, 1)).toBe(4);
    expect(q.indexOf(magic, 5)).toBe(-1);
  });
});
