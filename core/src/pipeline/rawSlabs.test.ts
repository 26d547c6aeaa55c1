import { describe, expect, it } from 'vitest';
import { hex } from '../shared/bytes.ts';
import { RawSlabs } from './rawSlabs.ts';

describe('RawSlabs (kept message bytes)', () => {
  it('copies small messages side by side into one shared slab', () => {
    const slabs = new RawSlabs();
    // "ACK" and "BYE": two tiny messages.
    const source = hex('41 43 4b 42 59 45');
    const a = slabs.keep(source.subarray(0, 3))!;
    const b = slabs.keep(source.subarray(3))!;
    source.fill(0);
    expect(new TextDecoder().decode(a)).toBe('ACK');
    expect(new TextDecoder().decode(b)).toBe('BYE');
    expect(b.buffer).toBe(a.buffer);
    expect(b.byteOffset).toBe(3);
    expect(a.buffer).not.toBe(source.buffer);
    expect(slabs.bytesKept).toBe(6);
  });

  it('starts a new slab when one is full, and gives a large message a buffer of its own', () => {
    const slabs = new RawSlabs();
    // Five of 200 000 bytes fill most of a 1 MiB slab; the sixth needs a new one.
    const kept = [1, 2, 3, 4, 5, 6].map((v) => slabs.keep(new Uint8Array(200_000).fill(v))!);
    expect(kept.map((k) => k.buffer === kept[0]!.buffer)).toEqual([true, true, true, true, true, false]);
    expect([kept[4]!.byteOffset, kept[5]!.byteOffset]).toEqual([800_000, 0]);
    expect([kept[4]![199_999], kept[5]![0]]).toEqual([5, 6]);
    const big = slabs.keep(new Uint8Array(300_000).fill(9))!;
    expect([big.byteOffset, big.buffer.byteLength, big[299_999]]).toEqual([0, 300_000, 9]);
    expect(slabs.bytesKept).toBe(6 * 200_000 + 300_000);
  });

  it('keeps nothing more once a message does not fit the budget, even smaller later ones', () => {
    const slabs = new RawSlabs(10);
    expect(slabs.keep(new Uint8Array(6))).toBeDefined();
    expect(slabs.keep(new Uint8Array(5))).toBeUndefined();
    expect(slabs.keep(new Uint8Array(1))).toBeUndefined();
    expect([slabs.bytesKept, slabs.messagesDropped]).toEqual([6, 2]);
  });

  it('keeps an empty message as an empty view', () => {
    expect(new RawSlabs().keep(new Uint8Array(0))).toHaveLength(0);
  });
});
