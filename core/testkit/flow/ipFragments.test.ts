import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { concatBytes, hex } from '../../src/shared/bytes.ts';
import { internetChecksum } from './checksum.ts';
import { encodeIpv4, fragmentIpv4 } from './ipv4.ts';
import { fragmentIpv6 } from './ipv6.ts';

const src4 = hex('c0 00 02 0a');
const dst4 = hex('c0 00 02 1e');
const src6 = hex('20010db8 00000000 00000000 00000010');
const dst6 = hex('20010db8 00000000 00000000 00000030');

describe('IP packets and fragments', () => {
  it('writes an IPv4 header with a checksum that verifies', () => {
    const packet = encodeIpv4({ src: src4, dst: dst4, protocol: 17, id: 0x1c00, dontFragment: true }, hex('aa bb'));
    expect(packet.subarray(0, 10)).toEqual(hex('45 00 00 16 1c 00 40 00 40 11'));
    expect(internetChecksum(packet.subarray(0, 20))).toBe(0);
  });

  it('fragments IPv4 at 8-byte multiples that fit the MTU and reassemble to the payload', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 3000 }), fc.integer({ min: 68, max: 1500 }), (payload, mtu) => {
        const fragments = fragmentIpv4({ src: src4, dst: dst4, protocol: 17, id: 7, dontFragment: true }, payload, mtu);
        const pieces = fragments.map((f) => {
          const view = new DataView(f.buffer);
          expect(f.length).toBeLessThanOrEqual(mtu);
          expect(internetChecksum(f.subarray(0, 20))).toBe(0);
          return { offset: (view.getUint16(6) & 0x1fff) * 8, more: (view.getUint16(6) & 0x2000) !== 0, df: (view.getUint16(6) & 0x4000) !== 0, data: f.subarray(20) };
        });
        if (fragments.length > 1) expect(pieces.every((p) => !p.df)).toBe(true);
        expect(pieces.map((p) => p.more)).toEqual(pieces.map((_, i) => i < pieces.length - 1));
        expect(concatBytes(pieces.map((p) => p.data))).toEqual(payload);
        pieces.forEach((p, i) => expect(p.offset).toBe(i === 0 ? 0 : pieces[i - 1]!.offset + pieces[i - 1]!.data.length));
      }),
      { numRuns: 200 },
    );
  });

  it('fragments IPv6 with Fragment headers that carry the upper protocol and reassemble to the payload', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 3000 }), fc.integer({ min: 1280, max: 1500 }), (payload, mtu) => {
        const fragments = fragmentIpv6({ src: src6, dst: dst6, protocol: 17, id: 0xabcdef }, payload, mtu);
        const data: Uint8Array[] = [];
        for (const f of fragments) {
          expect(f.length).toBeLessThanOrEqual(mtu);
          if (fragments.length === 1) {
            expect(f[6]).toBe(17);
            data.push(f.subarray(40));
            continue;
          }
          const view = new DataView(f.buffer);
          expect([f[6], f[40], view.getUint32(44)]).toEqual([44, 17, 0xabcdef]);
          expect(view.getUint16(4)).toBe(f.length - 40);
          data.push(f.subarray(48));
        }
        expect(concatBytes(data)).toEqual(payload);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses an MTU with no room for data', () => {
    expect(() => fragmentIpv4({ src: src4, dst: dst4, protocol: 17, id: 1 }, new Uint8Array(100), 24)).toThrow(RangeError);
  });
});
