import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes, hex } from '../../shared/bytes.ts';
import type { Endpoint } from '../../shared/endpoint.ts';
import type { Issue } from '../../shared/issue.ts';
import type { TcpSegment } from '../packetResult.ts';
import type { StreamChunk } from '../transportUnit.ts';
import { TcpReassembler } from './tcpReassembler.ts';
import { pairedStreamId } from './tcpStreamId.ts';

const CLIENT: Endpoint = { ip: '10.0.0.1', port: 40000 };
const SERVER: Endpoint = { ip: '10.0.0.2', port: 5060 };
const FIN = 0x01;
const SYN = 0x02;
const RST = 0x04;
const ACK = 0x10;

function segment(sequenceNumber: number, payload: Uint8Array, frame: number, flags = ACK, from = CLIENT, to = SERVER): TcpSegment {
  return {
    src: from,
    dst: to,
    sequenceNumber: sequenceNumber >>> 0,
    acknowledgmentNumber: 0,
    flags,
    payload,
    timestamp: { seconds: 1000 + frame, nanoseconds: 0 },
    frame,
    encapsulation: [],
  };
}

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const joined = (chunks: readonly StreamChunk[]): string => new TextDecoder().decode(concatBytes(chunks.map((c) => c.data)));
const codes = (issues: readonly Issue[]): string[] => issues.map((i) => i.code);

/** Feeds segments then flushes, returning everything delivered. */
function run(reassembler: TcpReassembler, segments: readonly TcpSegment[]): { chunks: StreamChunk[]; issues: Issue[] } {
  const chunks: StreamChunk[] = [];
  const issues: Issue[] = [];
  for (const s of segments) {
    const out = reassembler.accept(s);
    chunks.push(...out.chunks);
    issues.push(...out.issues);
  }
  const end = reassembler.flush();
  chunks.push(...end.chunks);
  issues.push(...end.issues);
  return { chunks, issues };
}

describe('TcpReassembler', () => {
  it('delivers in-order data after a SYN with the carrying frame and no gap', () => {
    const { chunks, issues } = run(new TcpReassembler(), [
      segment(1000, new Uint8Array(0), 1, SYN),
      segment(1001, text('INVITE '), 2),
      segment(1008, text('sip:bob'), 3),
    ]);
    expect(joined(chunks)).toBe('INVITE sip:bob');
    expect(chunks.map((c) => c.frame)).toEqual([2, 3]);
    expect(chunks.map((c) => c.gapBefore)).toEqual([0, 0]);
    expect(chunks[0]!.streamId).toBe('tcp:10.0.0.1:40000>10.0.0.2:5060');
    expect(chunks[0]!.transport).toBe('tcp');
    expect(issues).toEqual([]);
  });

  it('delivers nothing for SYN, FIN, RST and pure ACK segments', () => {
    const r = new TcpReassembler();
    expect(r.accept(segment(5, new Uint8Array(0), 1, SYN)).chunks).toEqual([]);
    expect(r.accept(segment(6, new Uint8Array(0), 2, ACK)).chunks).toEqual([]);
    expect(r.accept(segment(6, new Uint8Array(0), 3, FIN | ACK)).chunks).toEqual([]);
    expect(r.accept(segment(7, new Uint8Array(0), 4, RST)).chunks).toEqual([]);
    expect(r.flush().chunks).toEqual([]);
  });

  it('reports a stream whose start was not captured once, and starts at the first data seen', () => {
    const { chunks, issues } = run(new TcpReassembler(), [segment(777, text('abc'), 1), segment(780, text('def'), 2)]);
    expect(joined(chunks)).toBe('abcdef');
    expect(chunks[0]!.gapBefore).toBe(0);
    expect(codes(issues)).toEqual(['tcp.missing_start']);
    expect(issues[0]!.frame).toBe(1);
  });

  it('holds out-of-order segments and delivers them in sequence order with their own frames', () => {
    const { chunks, issues } = run(new TcpReassembler(), [
      segment(0, new Uint8Array(0), 1, SYN),
      segment(4, text('DEF'), 2),
      segment(7, text('GHI'), 3),
      segment(1, text('ABC'), 4),
    ]);
    expect(joined(chunks)).toBe('ABCDEFGHI');
    expect(chunks.map((c) => c.frame)).toEqual([4, 2, 3]);
    expect(chunks.map((c) => c.timestamp.seconds)).toEqual([1004, 1002, 1003]);
    expect(issues).toEqual([]);
  });

  it('trims retransmitted and overlapping segments to their new bytes', () => {
    const { chunks, issues } = run(new TcpReassembler(), [
      segment(0, new Uint8Array(0), 1, SYN),
      segment(1, text('ABCD'), 2),
      segment(1, text('ABCD'), 3), // exact retransmission
      segment(3, text('CDEF'), 4), // overlaps two old bytes
    ]);
    expect(joined(chunks)).toBe('ABCDEF');
    expect(chunks.at(-1)!.frame).toBe(4);
    expect(codes(issues)).toEqual(['tcp.retransmission', 'tcp.retransmission']);
    expect(issues.map((i) => i.value)).toEqual([4, 2]);
  });

  it('warns when overlapping bytes differ and keeps the first ones', () => {
    const { chunks, issues } = run(new TcpReassembler(), [
      segment(0, new Uint8Array(0), 1, SYN),
      segment(1, text('ABCD'), 2),
      segment(3, text('XYEF'), 3),
    ]);
    expect(joined(chunks)).toBe('ABCDEF');
    expect(codes(issues)).toContain('tcp.overlap_mismatch');
  });

  it('warns when two held out-of-order segments disagree', () => {
    const { chunks, issues } = run(new TcpReassembler(), [
      segment(0, new Uint8Array(0), 1, SYN),
      segment(5, text('EFGH'), 2),
      segment(5, text('EFXH'), 3),
      segment(1, text('ABCD'), 4),
    ]);
    expect(joined(chunks)).toBe('ABCDEFGH');
    expect(codes(issues)).toEqual(['tcp.overlap_mismatch', 'tcp.retransmission']);
  });

  it('follows the sequence number across the 32-bit wrap', () => {
    const { chunks, issues } = run(new TcpReassembler(), [
      segment(0xfffffffa, new Uint8Array(0), 1, SYN),
      segment(0x00000003, text('89AB'), 3), // arrives early, after the wrap
      segment(0xfffffffb, text('01234567'), 2), // 5 bytes before the wrap, 3 after it
      segment(0x00000007, text('CD'), 4),
    ]);
    expect(joined(chunks)).toBe('0123456789ABCD');
    expect(chunks.map((c) => c.frame)).toEqual([2, 3, 4]);
    expect(issues).toEqual([]);
  });

  it('skips a hole at flush and reports the exact number of missing bytes', () => {
    const { chunks, issues } = run(new TcpReassembler(), [
      segment(0, new Uint8Array(0), 1, SYN),
      segment(1, text('AB'), 2),
      segment(13, text('XY'), 3), // bytes 3..12 (10 bytes) never arrive
    ]);
    expect(joined(chunks)).toBe('ABXY');
    expect(chunks.map((c) => c.gapBefore)).toEqual([0, 10]);
    expect(codes(issues)).toEqual(['tcp.gap']);
    expect(issues[0]!.value).toBe(10);
  });

  it('skips a hole once more than the per-stream limit is held', () => {
    const r = new TcpReassembler({ maxBufferedBytesPerStream: 8 });
    r.accept(segment(0, new Uint8Array(0), 1, SYN));
    expect(r.accept(segment(11, text('12345'), 2)).chunks).toEqual([]);
    const out = r.accept(segment(16, text('67890'), 3));
    expect(joined(out.chunks)).toBe('1234567890');
    expect(out.chunks[0]!.gapBefore).toBe(10);
    expect(out.issues.map((i) => i.value)).toEqual([10]);
  });

  it('skips a hole at once on RST', () => {
    const r = new TcpReassembler();
    r.accept(segment(0, new Uint8Array(0), 1, SYN));
    r.accept(segment(4, text('late'), 2));
    const out = r.accept(segment(8, new Uint8Array(0), 3, RST));
    expect(joined(out.chunks)).toBe('late');
    expect(out.chunks[0]!.gapBefore).toBe(3);
  });

  it('lets a reordered segment fill a hole left by a FIN, then skips unfilled holes after the grace', () => {
    const r = new TcpReassembler({ finHoleGraceSegments: 2 });
    r.accept(segment(0, new Uint8Array(0), 1, SYN));
    expect(r.accept(segment(3, text('CD'), 2, FIN | ACK)).chunks).toEqual([]);
    const filled = r.accept(segment(1, text('AB'), 3));
    expect(joined(filled.chunks)).toBe('ABCD');
    expect(filled.issues).toEqual([]);

    const other = new TcpReassembler({ finHoleGraceSegments: 2 });
    other.accept(segment(0, new Uint8Array(0), 1, SYN));
    other.accept(segment(3, text('CD'), 2, FIN | ACK));
    expect(other.accept(segment(0, new Uint8Array(0), 3, ACK, SERVER, CLIENT)).chunks).toEqual([]);
    const skipped = other.accept(segment(0, new Uint8Array(0), 4, ACK, SERVER, CLIENT));
    expect(joined(skipped.chunks)).toBe('CD');
    expect(skipped.chunks[0]!.gapBefore).toBe(2);
  });

  it('starts a new stream id when a SYN reuses a finished 4-tuple, and pairs the directions', () => {
    const { chunks } = run(new TcpReassembler(), [
      segment(100, new Uint8Array(0), 1, SYN),
      segment(500, new Uint8Array(0), 2, SYN | ACK, SERVER, CLIENT),
      segment(101, text('one'), 3),
      segment(501, text('reply'), 4, ACK, SERVER, CLIENT),
      segment(104, new Uint8Array(0), 5, FIN | ACK),
      segment(9000, new Uint8Array(0), 6, SYN),
      segment(7000, new Uint8Array(0), 7, SYN | ACK, SERVER, CLIENT),
      segment(9001, text('two'), 8),
      segment(7001, text('again'), 9, ACK, SERVER, CLIENT),
    ]);
    expect(chunks.map((c) => [c.streamId, new TextDecoder().decode(c.data)])).toEqual([
      ['tcp:10.0.0.1:40000>10.0.0.2:5060', 'one'],
      ['tcp:10.0.0.2:5060>10.0.0.1:40000', 'reply'],
      ['tcp:10.0.0.1:40000>10.0.0.2:5060#2', 'two'],
      ['tcp:10.0.0.2:5060>10.0.0.1:40000#2', 'again'],
    ]);
    expect(pairedStreamId(chunks[2]!.streamId)).toBe(chunks[3]!.streamId);
    expect(pairedStreamId('tcp:[2001:db8::1]:5060>[2001:db8::2]:5061')).toBe('tcp:[2001:db8::2]:5061>[2001:db8::1]:5060');
  });

  it('ignores a retransmitted SYN with the same ISN', () => {
    const { chunks } = run(new TcpReassembler(), [
      segment(100, new Uint8Array(0), 1, SYN),
      segment(100, new Uint8Array(0), 2, SYN),
      segment(101, text('x'), 3),
    ]);
    expect(chunks.map((c) => c.streamId)).toEqual(['tcp:10.0.0.1:40000>10.0.0.2:5060']);
  });

  it('keeps one stream when its SYN is captured after its first data', () => {
    const { chunks } = run(new TcpReassembler(), [
      segment(101, text('ab'), 1),
      segment(100, new Uint8Array(0), 2, SYN),
      segment(103, text('cd'), 3),
    ]);
    expect(joined(chunks)).toBe('abcd');
    expect(new Set(chunks.map((c) => c.streamId)).size).toBe(1);
  });

  it('evicts the least recently used connection, flushing it with an issue', () => {
    const r = new TcpReassembler({ maxStreams: 2 });
    const a: Endpoint = { ip: '192.0.2.1', port: 1 };
    const b: Endpoint = { ip: '192.0.2.2', port: 2 };
    r.accept(segment(0, new Uint8Array(0), 1, SYN));
    r.accept(segment(5, text('held'), 2)); // hole of 4 bytes, held
    r.accept(segment(0, text('a'), 3, ACK, a, SERVER));
    const out = r.accept(segment(0, text('b'), 4, ACK, b, SERVER));
    expect(codes(out.issues)).toEqual(['tcp.gap', 'tcp.stream_evicted', 'tcp.missing_start']);
    expect(out.chunks.map((c) => [c.streamId, c.gapBefore])).toEqual([
      ['tcp:10.0.0.1:40000>10.0.0.2:5060', 4],
      ['tcp:192.0.2.2:2>10.0.0.2:5060', 0],
    ]);
  });

  it('bounds the bytes held by all streams together', () => {
    const r = new TcpReassembler({ maxBufferedBytesTotal: 6 });
    const other: Endpoint = { ip: '10.0.0.3', port: 3 };
    r.accept(segment(0, new Uint8Array(0), 1, SYN));
    r.accept(segment(0, new Uint8Array(0), 2, SYN, other, SERVER));
    r.accept(segment(10, text('aaaa'), 3));
    const out = r.accept(segment(10, text('bbbb'), 4, ACK, other, SERVER));
    expect(joined(out.chunks)).toBe('bbbb');
    expect(out.chunks[0]!.gapBefore).toBe(9);
  });

  it('survives garbage segments without throwing', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            seq: fc.integer({ min: 0, max: 0xffffffff }),
            flags: fc.integer({ min: 0, max: 0x3f }),
            len: fc.integer({ min: 0, max: 40 }),
            reverse: fc.boolean(),
          }),
          { maxLength: 60 },
        ),
        (items) => {
          const r = new TcpReassembler({ maxBufferedBytesPerStream: 64, maxStreams: 1 });
          let frame = 0;
          for (const item of items) {
            const payload = new Uint8Array(item.len).fill(0x41);
            r.accept(segment(item.seq, payload, ++frame, item.flags, item.reverse ? SERVER : CLIENT, item.reverse ? CLIENT : SERVER));
          }
          const end = r.flush();
          for (const c of end.chunks) expect(c.gapBefore).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('delivers the same bytes for any segmentation, order, duplication and overlap (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 60 })), { maxLength: 20 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 60 }),
        (stream, isn, extras, order) => {
          // Cover the stream with consecutive pieces, then add arbitrary overlapping extra pieces.
          const pieces: Array<[number, number]> = [];
          for (let at = 0, i = 0; at < stream.length; i++) {
            const len = 1 + ((order[i % order.length]! * 7 + i) % 40);
            pieces.push([at, Math.min(stream.length, at + len)]);
            at += len;
          }
          for (const [start, len] of extras) {
            const from = start % stream.length;
            pieces.push([from, Math.min(stream.length, from + len)]);
          }
          // Permute deterministically from the drawn order values.
          const keyed = pieces.map((p, i) => ({ p, k: order[i % order.length]! * 1000 + i }));
          keyed.sort((x, y) => x.k - y.k);
          const segments = [segment(isn, new Uint8Array(0), 1, SYN)];
          keyed.forEach(({ p: [from, to] }, i) => {
            segments.push(segment((isn + 1 + from) >>> 0, stream.subarray(from, to), i + 2));
          });
          const { chunks, issues } = run(new TcpReassembler(), segments);
          expect(concatBytes(chunks.map((c) => c.data))).toEqual(stream);
          expect(chunks.every((c) => c.gapBefore === 0)).toBe(true);
          expect(codes(issues).filter((c) => c !== 'tcp.retransmission')).toEqual([]);
        },
      ),
    );
  });

  it('reports each missing run with its exact byte count (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 30 }), fc.boolean()), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 0xffffffff }),
        (plan, isn) => {
          // Each entry is a piece of the stream: kept (delivered) or dropped (lost). The last kept piece ends the test stream.
          let at = 0;
          const segments = [segment(isn, new Uint8Array(0), 1, SYN)];
          const expected: Array<[number, number]> = [];
          let missing = 0;
          plan.forEach(([len, kept], i) => {
            if (kept) {
              segments.push(segment((isn + 1 + at) >>> 0, new Uint8Array(len).fill(i & 0xff), i + 2));
              expected.push([missing, len]);
              missing = 0;
            } else {
              missing += len;
            }
            at += len;
          });
          // SYN first, then the kept pieces last-to-first, so everything is held until the end.
          const reordered = [segments[0]!, ...segments.slice(1).reverse()];
          const { chunks, issues } = run(new TcpReassembler(), reordered);
          expect(chunks.map((c) => [c.gapBefore, c.data.length])).toEqual(expected);
          const gaps = issues.filter((i) => i.code === 'tcp.gap').map((i) => i.value);
          expect(gaps).toEqual(expected.filter(([gap]) => gap > 0).map(([gap]) => gap));
        },
      ),
    );
  });

  it('exposes hex-built payloads unchanged (no copies, no invented bytes)', () => {
    const payload = hex('53 49 50 2f 32 2e 30 20 # "SIP/2.0 "');
    const { chunks } = run(new TcpReassembler(), [segment(0, new Uint8Array(0), 1, SYN), segment(1, payload, 2)]);
    expect(chunks[0]!.data.buffer).toBe(payload.buffer);
  });
});
