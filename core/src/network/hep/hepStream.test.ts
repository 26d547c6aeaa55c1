import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes, hex } from '../../shared/bytes.ts';
import type { StreamChunk } from '../transportUnit.ts';
import { HepStream, type HepStreamOutput } from './hepStream.ts';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A minimal HEP3 packet: IPv4 addresses, ports, SIP type and a payload (or another protocol type). */
function hep3(sip: string, type = 1): Uint8Array {
  const payload = text(sip);
  const chunks = concatBytes([
    hex('00 00 00 03 00 0a c0 00 02 01 # src 192.0.2.1'),
    hex('00 00 00 04 00 0a c0 00 02 02 # dst 192.0.2.2'),
    hex('00 00 00 07 00 08 13 c4 # src port 5060'),
    hex('00 00 00 08 00 08 13 c4 # dst port 5060'),
    hex('00 00 00 02 00 07 06 # ip protocol TCP'),
    hex('00 00 00 09 00 0a 65 53 f1 00 # seconds'),
    new Uint8Array([0, 0, 0, 11, 0, 7, type]),
    new Uint8Array([0, 0, 0, 15, (payload.length + 6) >> 8, (payload.length + 6) & 0xff]),
    payload,
  ]);
  const total = chunks.length + 6;
  return concatBytes([text('HEP3'), new Uint8Array([total >> 8, total & 0xff]), chunks]);
}

let frame = 0;
function chunk(data: Uint8Array, gapBefore = 0, streamId = 'tcp:10.0.0.1:40000>10.0.0.2:9060'): StreamChunk {
  frame++;
  return {
    kind: 'stream', transport: 'tcp', streamId, src: { ip: '10.0.0.1', port: 40000 }, dst: { ip: '10.0.0.2', port: 9060 },
    timestamp: { seconds: frame, nanoseconds: 0 }, frame, gapBefore, data, encapsulation: [],
  };
}

function feed(chunks: readonly StreamChunk[]): HepStreamOutput {
  const stream = new HepStream();
  const out: HepStreamOutput = { units: [], others: [], issues: [] };
  for (const c of [...chunks.map((c) => stream.push(c)), stream.finish()]) {
    out.units.push(...c.units);
    out.others.push(...c.others);
    out.issues.push(...c.issues);
  }
  return out;
}

const decode = (b: Uint8Array): string => new TextDecoder().decode(b);
const MESSAGES = ['INVITE sip:a SIP/2.0\r\n\r\n', 'SIP/2.0 100 Trying\r\n\r\n', 'ACK sip:a SIP/2.0\r\n\r\n'];

describe('HepStream', () => {
  it('frames back-to-back HEP3 packets by their length field, with the frames that carried each', () => {
    frame = 0;
    const wire = concatBytes([hep3(MESSAGES[0]!), hep3('{"rtcp":1}', 5), hep3(MESSAGES[1]!)]);
    const out = feed([chunk(wire.subarray(0, 30)), chunk(wire.subarray(30, 120)), chunk(wire.subarray(120))]);
    expect(out.issues).toEqual([]);
    expect(out.units.map((u) => decode(u.payload))).toEqual([MESSAGES[0], MESSAGES[1]]);
    expect(out.units[0]!.frames).toEqual([1, 2]);
    expect(out.units[0]!.transport).toBe('tcp');
    expect(out.others).toEqual(['hep-rtcp']);
  });

  it('gives the same packets for any segmentation (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 70 }), { minLength: 1, maxLength: 20 }), (sizes) => {
        const wire = concatBytes(MESSAGES.map((m) => hep3(m)));
        const chunks: StreamChunk[] = [];
        for (let at = 0, i = 0; at < wire.length; i++) {
          chunks.push(chunk(wire.subarray(at, at + sizes[i % sizes.length]!)));
          at += sizes[i % sizes.length]!;
        }
        const out = feed(chunks);
        expect(out.issues).toEqual([]);
        expect(out.units.map((u) => decode(u.payload))).toEqual(MESSAGES);
      }),
    );
  });

  it('resynchronises on the next "HEP3" after a gap and counts the bytes skipped', () => {
    frame = 0;
    const first = hep3(MESSAGES[0]!);
    const second = hep3(MESSAGES[1]!);
    const third = hep3(MESSAGES[2]!);
    // The tail of the first packet and the head of the second are lost (a TCP gap).
    const out = feed([chunk(first.subarray(0, 40)), chunk(concatBytes([second.subarray(25), third]), 999)]);
    expect(out.units.map((u) => decode(u.payload))).toEqual([MESSAGES[2]]);
    expect(out.issues.map((i) => [i.code, i.value])).toEqual([['hep.resync', 40 + second.length - 25]]);
  });

  it('finds the first packet of a stream captured mid-way', () => {
    frame = 0;
    const out = feed([chunk(concatBytes([text('tail of something'), hep3(MESSAGES[0]!)]))]);
    expect(out.units).toHaveLength(1);
    expect(out.issues.map((i) => [i.code, i.value])).toEqual([['hep.resync', 17]]);
  });

  it('reports a stream that ends inside a packet (truncated) and survives garbage', () => {
    frame = 0;
    const out = feed([chunk(hep3(MESSAGES[0]!).subarray(0, 30))]);
    expect(out.units).toEqual([]);
    expect(out.issues.map((i) => [i.code, i.value])).toEqual([['hep.resync', 30]]);
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 50 }), { maxLength: 8 }), (pieces) => {
        feed(pieces.map((p) => chunk(concatBytes([p, text('HEP3'), p]))));
      }),
    );
  });
});
