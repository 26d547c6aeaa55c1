import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../shared/issue.ts';
import { FragmentReassembler, type FragmentInput } from './fragmentReassembler.ts';

const T0 = { seconds: 1000, nanoseconds: 0 };

function fragment(offsetBytes: number, payload: Uint8Array, moreFragments: boolean, frame: number, key = 'a>b proto 17 id 1'): FragmentInput {
  return { family: 'ipv4', key, offsetBytes, payload, moreFragments, frames: [frame], frame, timestamp: T0 };
}

/** A datagram and its fragments: boundaries at multiples of 8, as IPv4/IPv6 require. */
const fragmentedDatagram = fc
  .uint8Array({ minLength: 1, maxLength: 600 })
  .chain((datagram) =>
    fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, Math.floor((datagram.length - 1) / 8)) }), { maxLength: 12 }).map((cuts) => {
      const bounds = [0, ...cuts.map((c) => c * 8).filter((b) => b < datagram.length).sort((a, b) => a - b), datagram.length];
      const pieces: Array<{ offset: number; bytes: Uint8Array; more: boolean }> = [];
      for (let i = 0; i + 1 < bounds.length; i++) {
        if (bounds[i] === bounds[i + 1]) continue;
        pieces.push({ offset: bounds[i]!, bytes: datagram.subarray(bounds[i], bounds[i + 1]), more: i + 2 < bounds.length });
      }
      return { datagram, pieces };
    }),
  );

describe('FragmentReassembler', () => {
  it('reassembles any permutation with duplicates of a fragment set to the same datagram, when the last piece arrives', () => {
    fc.assert(
      fc.property(
        fragmentedDatagram.chain(({ datagram, pieces }) =>
          fc.tuple(
            fc.constant(datagram),
            fc.constant(pieces),
            // each piece 1–3 times, in any order
            fc.array(fc.integer({ min: 1, max: 3 }), { minLength: pieces.length, maxLength: pieces.length })
              .chain((copies) => fc.shuffledSubarray(copies.flatMap((n, i) => Array<number>(n).fill(i)), { minLength: copies.reduce((a, b) => a + b, 0) })),
          ),
        ),
        ([datagram, pieces, order]) => {
          const reassembler = new FragmentReassembler(30_000, 1 << 26);
          const issues: Issue[] = [];
          const seen = new Set<number>();
          for (let k = 0; k < order.length; k++) {
            const p = pieces[order[k]!]!;
            seen.add(order[k]!);
            const out = reassembler.add(fragment(p.offset, p.bytes, p.more, k + 1), issues);
            if (seen.size < pieces.length) {
              expect(out).toBeUndefined();
              continue;
            }
            expect(out?.payload).toEqual(datagram);
            expect(out?.frames).toEqual(Array.from({ length: k + 1 }, (_, i) => i + 1));
            expect(reassembler.pendingSets).toBe(0);
            expect(reassembler.pendingBytes).toBe(0);
            // identical re-sends are not overlaps
            expect(issues.every((i) => i.code === 'ipv4.fragment_duplicate')).toBe(true);
            return;
          }
          throw new Error('never completed');
        },
      ),
    );
  });

  it('keeps the first copy of every byte when fragments overlap, and never throws', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }).chain((totalUnits) =>
          fc.array(
            fc.record({
              start: fc.integer({ min: 0, max: totalUnits - 1 }),
              units: fc.integer({ min: 1, max: totalUnits }),
              fill: fc.integer({ min: 0, max: 255 }),
            }),
            { maxLength: 20 },
          ).chain((noise) => fc.tuple(fc.constant(totalUnits * 8), fc.constant(noise), fc.integer({ min: 0, max: noise.length }))),
        ),
        ([total, noise, lastAt]) => {
          // noise fragments stay inside [0, total) with MF=1; the one MF=0 fragment ends exactly at total
          const inputs = noise.map((n, i) => {
            const start = n.start * 8;
            const end = Math.min(total, start + n.units * 8);
            return fragment(start, new Uint8Array(end - start).fill(n.fill), true, i + 1);
          });
          inputs.splice(lastAt, 0, fragment(total - 8, new Uint8Array(8).fill(0xee), false, 99));
          inputs.push(fragment(0, new Uint8Array(total).fill(0x11), true, 100)); // guarantees completion

          const expected = new Int16Array(total).fill(-1);
          const reassembler = new FragmentReassembler(30_000, 1 << 26);
          const issues: Issue[] = [];
          let endKnown = false;
          for (const input of inputs) {
            endKnown ||= !input.moreFragments;
            for (let b = 0; b < input.payload.length; b++) {
              if (expected[input.offsetBytes + b] === -1) expected[input.offsetBytes + b] = input.payload[b]!;
            }
            const out = reassembler.add(input, issues);
            if (out !== undefined) {
              expect(expected.includes(-1)).toBe(false);
              expect(Array.from(out.payload)).toEqual(Array.from(expected));
              return;
            }
            expect(expected.includes(-1) || !endKnown).toBe(true); // complete means returned at once
          }
          throw new Error('never completed');
        },
      ),
    );
  });

  it('reports overlapping fragments whose bytes differ', () => {
    const r = new FragmentReassembler(30_000, 1 << 20);
    const issues: Issue[] = [];
    r.add(fragment(0, new Uint8Array(16).fill(1), true, 1), issues);
    const out = r.add(fragment(8, new Uint8Array(16).fill(2), false, 2), issues);
    expect(issues).toMatchObject([{ code: 'ipv4.fragment_overlap', frame: 2, severity: 'warning' }]);
    expect(Array.from(out!.payload)).toEqual([...Array<number>(16).fill(1), ...Array<number>(8).fill(2)]);
  });

  it('refuses a second, different end of the datagram and bytes past the known end', () => {
    const r = new FragmentReassembler(30_000, 1 << 20);
    const issues: Issue[] = [];
    r.add(fragment(16, new Uint8Array(8), false, 1), issues);
    r.add(fragment(24, new Uint8Array(8), false, 2), issues);
    r.add(fragment(16, new Uint8Array(16), true, 3), issues);
    expect(issues.map((i) => i.code)).toEqual(['ipv4.fragment_bad_length', 'ipv4.fragment_bad_length']);
    expect(r.add(fragment(0, new Uint8Array(16), true, 4), issues)?.payload.length).toBe(24);
  });

  it('refuses a fragment that would make a datagram over 65535 bytes', () => {
    const issues: Issue[] = [];
    expect(new FragmentReassembler(30_000, 1 << 20).add(fragment(65528, new Uint8Array(16), false, 1), issues)).toBeUndefined();
    expect(issues.map((i) => i.code)).toEqual(['ipv4.fragment_too_large']);
  });

  it('drops the oldest sets when held bytes exceed the budget, and reports it', () => {
    const r = new FragmentReassembler(30_000, 1000);
    const issues: Issue[] = [];
    for (let id = 0; id < 10; id++) {
      r.add(fragment(0, new Uint8Array(400), true, id + 1, `a>b proto 17 id ${id}`), issues);
      expect(r.pendingBytes).toBeLessThanOrEqual(1000);
    }
    expect(r.pendingSets).toBe(2);
    expect(issues.filter((i) => i.code === 'ip.fragment_memory_limit')).toHaveLength(8);
    expect(issues[0]).toMatchObject({ value: expect.stringContaining('id 0') });
  });

  it('drops sets older than the timeout in capture time and reports the rest at flush', () => {
    const r = new FragmentReassembler(5_000, 1 << 20);
    const issues: Issue[] = [];
    r.add({ ...fragment(0, new Uint8Array(8), true, 1, 'old'), timestamp: { seconds: 100, nanoseconds: 0 } }, issues);
    r.add({ ...fragment(0, new Uint8Array(8), true, 2, 'new'), family: 'ipv6', timestamp: { seconds: 104, nanoseconds: 0 } }, issues);
    r.expire({ seconds: 105, nanoseconds: 0 }, issues);
    expect(issues).toEqual([]);
    r.expire({ seconds: 105, nanoseconds: 1 }, issues);
    expect(issues).toMatchObject([{ code: 'ipv4.fragment_timeout', frame: 1 }]);
    const rest: Issue[] = [];
    r.flush(rest);
    expect(rest).toMatchObject([{ code: 'ipv6.fragment_incomplete', frame: 2, value: 'new: 8 of ? bytes from 1 frames' }]);
    expect(r.pendingSets).toBe(0);
  });
});
