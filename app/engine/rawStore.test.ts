import { describe, expect, it } from 'vitest';
import { RawStore } from './rawStore.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('RawStore', () => {
  it('keeps a copy of each message, so the source chunk may be reused', () => {
    const store = new RawStore();
    const chunk = bytes('INVITE sip:b SIP/2.0\r\n\r\nOPTIONS sip:c SIP/2.0\r\n\r\n');
    store.add(0, chunk.subarray(0, 24));
    store.add(1, chunk.subarray(24));
    chunk.fill(0);
    const first = store.get(0);
    expect(first.kind).toBe('kept');
    if (first.kind === 'kept') expect(new TextDecoder().decode(first.bytes)).toBe('INVITE sip:b SIP/2.0\r\n\r\n');
    const second = store.get(1);
    if (second.kind === 'kept') expect(new TextDecoder().decode(second.bytes)).toMatch(/^OPTIONS/);
    expect(store.bytesKept).toBe(chunk.length);
  });

  it('keeps only the first bytes of an oversized message and says how long it was', () => {
    const store = new RawStore({ maxMessageBytes: 4 });
    store.add(0, bytes('ABCDEFGH'));
    const got = store.get(0);
    expect(got.kind === 'kept' && new TextDecoder().decode(got.bytes)).toBe('ABCD');
    expect(got.kind === 'kept' && got.originalLength).toBe(8);
  });

  it('stops keeping text past its byte budget, and says so', () => {
    const store = new RawStore({ budgetBytes: 10 });
    store.add(0, bytes('12345678'));
    store.add(1, bytes('12345678'));
    expect(store.get(0).kind).toBe('kept');
    const over = store.get(1);
    expect(over.kind).toBe('missing');
    if (over.kind === 'missing') expect(over.reason).toMatch(/budget/);
  });

  it('reports unknown indices and indices after a lost alignment as missing', () => {
    const store = new RawStore();
    store.add(2, bytes('x'));
    expect(store.get(0).kind).toBe('missing');
    expect(store.get(2).kind).toBe('kept');
    store.markMisaligned(3);
    const lost = store.get(3);
    expect(lost.kind === 'missing' && lost.reason).toMatch(/alignment/);
    expect(store.get(99).kind).toBe('missing');
  });

  it('spans slabs when messages add up past one slab', () => {
    const store = new RawStore({ maxMessageBytes: 256 * 1024 });
    const big = new Uint8Array(200 * 1024).fill(65);
    for (let i = 0; i < 60; i++) store.add(i, big);
    const last = store.get(59);
    expect(last.kind === 'kept' && last.bytes.length).toBe(200 * 1024);
    expect(store.bytesKept).toBe(60 * 200 * 1024);
  });
});
