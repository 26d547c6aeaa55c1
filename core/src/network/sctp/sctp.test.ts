import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes, hex } from '../../shared/bytes.ts';
import { PacketDecoder } from '../packetDecoder.ts';
import { ipv4, testFrame } from '../link/testPackets.ts';

const B = 0x02;
const E = 0x01;
const U = 0x04;

function u16(v: number): Uint8Array { return Uint8Array.of(v >> 8, v & 0xff); }
function u32(v: number): Uint8Array { return Uint8Array.of(v >>> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff); }

/** A chunk: type | flags | length (without padding) | value | padding to 4. */
function chunk(type: number, flags: number, value: Uint8Array): Uint8Array {
  const length = 4 + value.length;
  return concatBytes([Uint8Array.of(type, flags), u16(length), value, new Uint8Array((4 - (length % 4)) % 4)]);
}

/** DATA: TSN | stream id | SSN | PPID | user data. */
function data(flags: number, tsn: number, stream: number, ssn: number, bytes: Uint8Array, ppid = 0): Uint8Array {
  return chunk(0, flags, concatBytes([u32(tsn), u16(stream), u16(ssn), u32(ppid), bytes]));
}

/** I-DATA: TSN | stream id | reserved | MID | PPID (first fragment) or FSN | user data. */
function iData(flags: number, tsn: number, stream: number, mid: number, ppidOrFsn: number, bytes: Uint8Array): Uint8Array {
  return chunk(64, flags, concatBytes([u32(tsn), u16(stream), hex('00 00'), u32(mid), u32(ppidOrFsn), bytes]));
}

/** SCTP common header 5060 → 5060, verification tag 1, checksum 0, then chunks. */
function sctpPacket(...chunks: Uint8Array[]): Uint8Array {
  return ipv4(132, concatBytes([hex('13 c4 13 c4  00 00 00 01  00 00 00 00'), ...chunks]));
}

function text(s: string): Uint8Array { return new TextEncoder().encode(s); }

describe('SCTP', () => {
  it('delivers an unfragmented DATA chunk as a message', () => {
    const { result, issues } = new PacketDecoder().decode(testFrame(sctpPacket(data(B | E, 1, 3, 0, text('INVITE'), 0)), { linkType: 228, number: 4 }));
    expect(issues).toEqual([]);
    expect(result).toMatchObject({
      kind: 'sctp', src: { ip: '192.0.2.1', port: 5060 }, dst: { ip: '192.0.2.2', port: 5060 }, encapsulation: [],
      messages: [{ streamIdentifier: 3, payloadProtocolIdentifier: 0, payload: text('INVITE'), frames: [4] }],
    });
  });

  it('delivers every message of a bundle and ignores control chunks', () => {
    const sack = chunk(3, 0, hex('00 00 00 05 00 01 00 00 00 00 00 00'));
    const { result } = new PacketDecoder().decode(testFrame(sctpPacket(sack, data(B | E, 1, 0, 0, text('a'), 7), data(B | E, 2, 0, 1, text('bc'))), { linkType: 228 }));
    expect(result.kind === 'sctp' && result.messages.map((m) => [m.payloadProtocolIdentifier, m.payload.length])).toEqual([[7, 1], [0, 2]]);
  });

  it('drops a retransmitted unfragmented chunk (same TSN)', () => {
    const decoder = new PacketDecoder();
    const packet = sctpPacket(data(B | E, 77, 0, 0, text('once')));
    expect(decoder.decode(testFrame(packet, { linkType: 228 })).result).toMatchObject({ messages: [{ payload: text('once') }] });
    expect(decoder.decode(testFrame(packet, { linkType: 228, number: 2 })).result).toMatchObject({ messages: [] });
  });

  it('gives no messages for control chunks only', () => {
    const heartbeat = chunk(4, 0, hex('00 01 00 08 00 00 00 00'));
    expect(new PacketDecoder().decode(testFrame(sctpPacket(heartbeat), { linkType: 228 })).result).toMatchObject({ kind: 'sctp', messages: [] });
  });

  it('reassembles DATA fragments by TSN, whatever the arrival order, retransmitted chunks ignored', () => {
    const message = text('REGISTER sip:example.com SIP/2.0 with a long body');
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((parts) =>
          fc.tuple(fc.constant(parts), fc.shuffledSubarray([...Array(parts).keys(), ...Array(parts).keys()], { minLength: parts })),
        ),
        fc.integer({ min: 0, max: 0xffffffff }),
        ([parts, order], firstTsn) => {
          fc.pre(new Set(order).size === parts);
          const size = Math.ceil(message.length / parts);
          const decoder = new PacketDecoder();
          const delivered: Uint8Array[] = [];
          order.forEach((i, k) => {
            const flags = (i === 0 ? B : 0) | (i === parts - 1 ? E : 0);
            const piece = message.subarray(i * size, (i + 1) * size);
            const { result } = decoder.decode(testFrame(sctpPacket(data(flags, (firstTsn + i) >>> 0, 1, 9, piece, 42)), { linkType: 228, number: k + 1 }));
            if (result.kind === 'sctp') for (const m of result.messages) { delivered.push(m.payload); expect(m.payloadProtocolIdentifier).toBe(42); }
          });
          expect(delivered).toEqual([message]);
        },
      ),
    );
  });

  it('keeps back-to-back fragmented messages apart and reports frames of each', () => {
    const decoder = new PacketDecoder();
    const send = (n: number, c: Uint8Array) => decoder.decode(testFrame(sctpPacket(c), { linkType: 228, number: n })).result;
    send(1, data(B, 12, 2, 0, text('C')));
    send(2, data(B, 10, 1, 0, text('A')));
    expect(send(3, data(E, 13, 2, 0, text('D')))).toMatchObject({ messages: [{ streamIdentifier: 2, payload: text('CD'), frames: [1, 3] }] });
    expect(send(4, data(E, 11, 1, 0, text('B')))).toMatchObject({ messages: [{ streamIdentifier: 1, payload: text('AB'), frames: [2, 4] }] });
  });

  it('does not join fragments of different streams or SSNs, but ignores SSN for unordered ones', () => {
    const decoder = new PacketDecoder();
    const send = (c: Uint8Array) => decoder.decode(testFrame(sctpPacket(c), { linkType: 228 })).result;
    send(data(B, 1, 1, 0, text('x')));
    expect(send(data(E, 2, 2, 0, text('y')))).toMatchObject({ messages: [] });
    send(data(B | U, 5, 1, 3, text('u')));
    expect(send(data(E | U, 6, 1, 4, text('v')))).toMatchObject({ messages: [{ payload: text('uv') }] });
    expect(decoder.flush()).toMatchObject([{ code: 'sctp.message_incomplete', value: '192.0.2.1:5060>192.0.2.2:5060: 2 fragments' }]);
  });

  it('reassembles I-DATA fragments by FSN and keeps interleaved messages apart', () => {
    const decoder = new PacketDecoder();
    const send = (c: Uint8Array) => decoder.decode(testFrame(sctpPacket(c), { linkType: 228 })).result;
    expect(send(iData(E, 3, 1, 7, 2, text('3')))).toMatchObject({ messages: [] });
    send(iData(B, 4, 1, 8, 99, text('x')));
    send(iData(B, 1, 1, 7, 55, text('1')));
    expect(send(iData(E, 5, 1, 8, 1, text('y')))).toMatchObject({ messages: [{ payload: text('xy'), payloadProtocolIdentifier: 99 }] });
    expect(send(iData(0, 2, 1, 7, 1, text('2')))).toMatchObject({ messages: [{ payload: text('123'), payloadProtocolIdentifier: 55 }] });
    expect(send(iData(B | E, 6, 4, 9, 5, text('whole')))).toMatchObject({ messages: [{ streamIdentifier: 4, payloadProtocolIdentifier: 5 }] });
    expect(decoder.flush()).toEqual([]);
  });

  it('reports a chunk length that is too small or runs past the packet, keeping what came before', () => {
    const good = data(B | E, 1, 0, 0, text('ok'));
    const { result, issues } = new PacketDecoder().decode(testFrame(sctpPacket(good, hex('00 03 00 40 00 00 00 00')), { linkType: 228 }));
    expect(result).toMatchObject({ kind: 'sctp', messages: [{ payload: text('ok') }] });
    expect(issues.map((i) => i.code)).toEqual(['sctp.bad_chunk_length']);
    const zero = new PacketDecoder().decode(testFrame(sctpPacket(hex('00 03 00 00')), { linkType: 228 }));
    expect(zero.issues.map((i) => i.code)).toEqual(['sctp.bad_chunk_length']);
  });

  it('reports a DATA chunk shorter than its header and a common header cut short', () => {
    const { issues } = new PacketDecoder().decode(testFrame(sctpPacket(chunk(0, 3, hex('00 00 00 01'))), { linkType: 228 }));
    expect(issues.map((i) => i.code)).toEqual(['sctp.data_chunk_too_short']);
    expect(new PacketDecoder().decode(testFrame(ipv4(132, hex('13 c4 13 c4 00 00')), { linkType: 228 })).result)
      .toEqual({ kind: 'malformed', code: 'sctp.too_short' });
  });

  it('drops the oldest association’s fragments past the memory budget', () => {
    const decoder = new PacketDecoder({ maxFragmentBytes: 300 });
    const { issues } = decoder.decode(testFrame(sctpPacket(data(B, 1, 0, 0, new Uint8Array(100)), data(0, 2, 0, 0, new Uint8Array(100)), data(0, 3, 0, 0, new Uint8Array(100))), { linkType: 228 }));
    // B (164 charged) fits; the second fragment (328) does not: the association's fragments go; the third stays
    expect(issues.map((i) => i.code)).toEqual(['sctp.reassembly_memory_limit']);
    expect(decoder.flush()).toMatchObject([{ code: 'sctp.message_incomplete', value: expect.stringContaining(': 1 fragments') }]);
  });
});
