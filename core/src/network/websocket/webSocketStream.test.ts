import fc from 'fast-check';
import { Deflate } from 'fflate';
import { describe, expect, it } from 'vitest';
import { concatBytes, hex } from '../../shared/bytes.ts';
import type { Endpoint } from '../../shared/endpoint.ts';
import type { Issue } from '../../shared/issue.ts';
import type { DatagramUnit, StreamChunk } from '../transportUnit.ts';
import { unmaskPayload } from './webSocketFrameHeader.ts';
import { WebSocketStream } from './webSocketStream.ts';

const CLIENT: Endpoint = { ip: '192.0.2.10', port: 52000 };
const SERVER: Endpoint = { ip: '192.0.2.20', port: 443 };
const UP = 'tcp:192.0.2.10:52000>192.0.2.20:443';
const DOWN = 'tcp:192.0.2.20:443>192.0.2.10:52000';
const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const decode = (b: Uint8Array): string => new TextDecoder().decode(b);

const REQUEST = text(
  'GET /ws HTTP/1.1\r\nHost: proxy.example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: sip\r\nSec-WebSocket-Version: 13\r\n\r\n',
);
const response = (extensions = ''): Uint8Array =>
  text(
    'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      'Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: sip\r\n' +
      (extensions === '' ? '' : `Sec-WebSocket-Extensions: ${extensions}\r\n`) +
      '\r\n',
  );
const INVITE = 'INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/WS df7jal23ls0d.invalid;branch=z9hG4bK56sdasks\r\nContent-Length: 0\r\n\r\n';

interface FrameSpec {
  readonly payload: Uint8Array;
  readonly opcode?: number;
  readonly fin?: boolean;
  readonly rsv?: number;
  readonly mask?: readonly [number, number, number, number];
  /** Force the 16- or 64-bit length form even for short payloads. */
  readonly lengthForm?: 7 | 16 | 64;
}

/** Builds one RFC 6455 frame; masks the payload when a key is given. */
function frame(spec: FrameSpec): Uint8Array {
  const { payload, opcode = 1, fin = true, rsv = 0, mask } = spec;
  const form = spec.lengthForm ?? (payload.length < 126 ? 7 : payload.length < 65536 ? 16 : 64);
  const head: number[] = [(fin ? 0x80 : 0) | (rsv << 4) | opcode];
  const maskBit = mask ? 0x80 : 0;
  if (form === 7) head.push(maskBit | payload.length);
  else if (form === 16) head.push(maskBit | 126, payload.length >> 8, payload.length & 0xff);
  else head.push(maskBit | 127, 0, 0, 0, 0, (payload.length >>> 24) & 0xff, (payload.length >> 16) & 0xff, (payload.length >> 8) & 0xff, payload.length & 0xff);
  let body = payload;
  if (mask) {
    head.push(...mask);
    const key = ((mask[0] << 24) | (mask[1] << 16) | (mask[2] << 8) | mask[3]) >>> 0;
    body = unmaskPayload(payload, key); // XOR is its own inverse
  }
  return concatBytes([new Uint8Array(head), body]);
}

let frameCounter = 0;
function chunk(streamId: string, data: Uint8Array, gapBefore = 0): StreamChunk {
  const up = streamId === UP;
  frameCounter++;
  return {
    kind: 'stream', transport: 'tcp', streamId, src: up ? CLIENT : SERVER, dst: up ? SERVER : CLIENT,
    timestamp: { seconds: 100 + frameCounter, nanoseconds: 0 }, frame: frameCounter, gapBefore, data, encapsulation: ['vlan'],
  };
}

/** Pushes chunks in order and finishes, collecting everything. */
function feed(ws: WebSocketStream, chunks: readonly StreamChunk[]): { units: DatagramUnit[]; issues: Issue[] } {
  const units: DatagramUnit[] = [];
  const issues: Issue[] = [];
  for (const c of chunks) {
    const out = ws.push(c);
    units.push(...out.units);
    issues.push(...out.issues);
  }
  issues.push(...ws.finish().issues);
  return { units, issues };
}

const KEY = [0x37, 0xfa, 0x21, 0x3d] as const;

describe('WebSocketStream', () => {
  it('decodes the handshake, then a masked client message and an unmasked server message', () => {
    frameCounter = 0;
    const { units, issues } = feed(new WebSocketStream(), [
      chunk(UP, REQUEST),
      chunk(DOWN, response()),
      chunk(UP, frame({ payload: text(INVITE), mask: KEY })),
      chunk(DOWN, frame({ payload: text('SIP/2.0 100 Trying\r\n\r\n') })),
    ]);
    expect(issues).toEqual([]);
    expect(units.map((u) => decode(u.payload))).toEqual([INVITE, 'SIP/2.0 100 Trying\r\n\r\n']);
    expect(units[0]).toMatchObject({ kind: 'datagram', transport: 'ws', src: CLIENT, dst: SERVER, frames: [3], encapsulation: ['vlan', 'websocket'] });
    expect(units[0]!.timestamp.seconds).toBe(103);
    expect(units[1]).toMatchObject({ src: SERVER, dst: CLIENT, frames: [4] });
  });

  it('decodes frames that follow the handshake in the same segment, and 16/64-bit lengths', () => {
    frameCounter = 0;
    const big = 'x'.repeat(300);
    const { units } = feed(new WebSocketStream(), [
      chunk(DOWN, concatBytes([response(), frame({ payload: text('short'), lengthForm: 16 }), frame({ payload: text(big) })])),
      chunk(DOWN, frame({ payload: text('long form'), lengthForm: 64, opcode: 2 })),
    ]);
    expect(units.map((u) => decode(u.payload))).toEqual(['short', big, 'long form']);
  });

  it('reassembles continuation frames around interleaved control frames, listing every carrying frame', () => {
    frameCounter = 0;
    const msg = text(INVITE);
    const { units, issues } = feed(new WebSocketStream(), [
      chunk(UP, REQUEST),
      chunk(UP, frame({ payload: msg.subarray(0, 10), fin: false, mask: KEY })),
      chunk(UP, frame({ payload: text('ping!'), opcode: 0x9, mask: KEY })),
      chunk(UP, frame({ payload: msg.subarray(10, 50), opcode: 0, fin: false, mask: KEY })),
      chunk(UP, frame({ payload: msg.subarray(50), opcode: 0, mask: KEY })),
      chunk(UP, frame({ payload: hex('03 e8 # close code 1000'), opcode: 0x8, mask: KEY })),
    ]);
    expect(issues).toEqual([]);
    expect(units).toHaveLength(1);
    expect(decode(units[0]!.payload)).toBe(INVITE);
    expect(units[0]!.frames).toEqual([2, 4, 5]);
  });

  it('gives the same message for any TCP segmentation and any split into continuation frames (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 400 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 10 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 30 }),
        fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)),
        (message, fragmentSizes, segmentSizes, key) => {
          const payload = text(message);
          const frames: Uint8Array[] = [];
          for (let at = 0, i = 0; at < payload.length; i++) {
            const size = fragmentSizes[i % fragmentSizes.length]!;
            const last = at + size >= payload.length;
            frames.push(frame({ payload: payload.subarray(at, at + size), opcode: at === 0 ? 1 : 0, fin: last, mask: key }));
            at += size;
          }
          const wire = concatBytes([REQUEST, ...frames]);
          const chunks: StreamChunk[] = [];
          for (let at = 0, i = 0; at < wire.length; i++) {
            const size = segmentSizes[i % segmentSizes.length]!;
            chunks.push(chunk(UP, wire.subarray(at, at + size)));
            at += size;
          }
          const { units, issues } = feed(new WebSocketStream(), chunks);
          expect(issues).toEqual([]);
          expect(units).toHaveLength(1);
          expect(units[0]!.payload).toEqual(payload);
        },
      ),
    );
  });

  it('masks and unmasks as a round trip (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.integer({ min: 0, max: 0xffffffff }), (data, key) => {
        expect(unmaskPayload(unmaskPayload(data, key), key)).toEqual(data);
      }),
    );
    // RFC 6455 §5.7 example: masked "Hello" with key 37 fa 21 3d.
    expect(decode(unmaskPayload(hex('7f 9f 4d 51 58'), 0x37fa213d))).toBe('Hello');
  });

  it('inflates permessage-deflate messages that share one window (context takeover)', () => {
    frameCounter = 0;
    const second = INVITE.replace('bob', 'carol');
    const [first, next] = deflateMessages([INVITE, second]);
    expect(next!.length).toBeLessThan(30); // really refers back into the first message
    const { units, issues } = feed(new WebSocketStream(), [
      chunk(UP, REQUEST),
      chunk(DOWN, response('permessage-deflate; client_max_window_bits=15')),
      chunk(UP, frame({ payload: first!, rsv: 4, mask: KEY })),
      chunk(UP, frame({ payload: next!.subarray(0, 5), rsv: 4, fin: false, mask: KEY })),
      chunk(UP, frame({ payload: next!.subarray(5), opcode: 0, mask: KEY })),
    ]);
    expect(issues).toEqual([]);
    expect(units.map((u) => decode(u.payload))).toEqual([INVITE, second]);
    expect(units[1]!.frames).toEqual([4, 5]);
  });

  it('inflates each message afresh under no_context_takeover', () => {
    frameCounter = 0;
    const [a] = deflateMessages(['SIP/2.0 200 OK\r\n\r\n']);
    const [b] = deflateMessages(['SIP/2.0 180 Ringing\r\n\r\n']);
    const { units, issues } = feed(new WebSocketStream(), [
      chunk(DOWN, response('permessage-deflate; server_no_context_takeover')),
      chunk(DOWN, concatBytes([frame({ payload: a!, rsv: 4 }), frame({ payload: b!, rsv: 4 })])),
    ]);
    expect(issues).toEqual([]);
    expect(units.map((u) => decode(u.payload))).toEqual(['SIP/2.0 200 OK\r\n\r\n', 'SIP/2.0 180 Ringing\r\n\r\n']);
  });

  it('drops a message with reserved bits when no extension was negotiated, and goes on', () => {
    frameCounter = 0;
    const { units, issues } = feed(new WebSocketStream(), [
      chunk(DOWN, response()),
      chunk(DOWN, frame({ payload: text('compressed?'), rsv: 4 })),
      chunk(DOWN, frame({ payload: text('fine') })),
    ]);
    expect(issues.map((i) => i.code)).toEqual(['websocket.reserved_bits']);
    expect(units.map((u) => decode(u.payload))).toEqual(['fine']);
  });

  it('reports undecompressible deflate data', () => {
    frameCounter = 0;
    const { units, issues } = feed(new WebSocketStream(), [
      chunk(DOWN, response('permessage-deflate; server_no_context_takeover')),
      chunk(DOWN, frame({ payload: hex('ff ff ff ff'), rsv: 4 })),
    ]);
    expect(units).toEqual([]);
    expect(issues.map((i) => i.code)).toEqual(['websocket.deflate_failed']);
  });

  it('stops a direction at a gap and reports it', () => {
    frameCounter = 0;
    const { units, issues } = feed(new WebSocketStream(), [
      chunk(DOWN, response()),
      chunk(DOWN, frame({ payload: text('one') })),
      chunk(DOWN, frame({ payload: text('two') }), 120),
      chunk(DOWN, frame({ payload: text('three') })),
    ]);
    expect(units.map((u) => decode(u.payload))).toEqual(['one']);
    expect(issues.map((i) => [i.code, i.value])).toEqual([['websocket.gap', 120]]);
  });

  it('stops on broken framing: reserved opcode, long control frame, stray continuation', () => {
    for (const bad of [hex('83 00 # opcode 3'), hex('89 7e 00 7e # ping with 16-bit length'), frame({ payload: text('x'), opcode: 0 })]) {
      frameCounter = 0;
      const { units, issues } = feed(new WebSocketStream(), [chunk(DOWN, response()), chunk(DOWN, bad), chunk(DOWN, frame({ payload: text('after') }))]);
      expect(units).toEqual([]);
      expect(issues.map((i) => i.code)).toEqual(['websocket.bad_frame']);
    }
  });

  it('stops both directions when the server refuses the upgrade', () => {
    frameCounter = 0;
    const { units, issues } = feed(new WebSocketStream(), [
      chunk(UP, REQUEST),
      chunk(DOWN, text('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n')),
      chunk(UP, frame({ payload: text(INVITE), mask: KEY })),
    ]);
    expect(units).toEqual([]);
    expect(issues.map((i) => [i.code, i.value])).toEqual([['websocket.bad_handshake', 'HTTP/1.1 400 Bad Request']]);
  });

  it('decodes a connection whose handshake was not captured, taking the role from the mask bit', () => {
    frameCounter = 0;
    const { units, issues } = feed(new WebSocketStream(), [chunk(UP, frame({ payload: text(INVITE), mask: KEY }))]);
    expect(units.map((u) => decode(u.payload))).toEqual([INVITE]);
    expect(issues.map((i) => i.code)).toEqual(['websocket.missing_handshake']);
  });

  it('reports a capture cut inside a frame (truncated)', () => {
    frameCounter = 0;
    const whole = frame({ payload: text(INVITE) });
    const { units, issues } = feed(new WebSocketStream(), [chunk(DOWN, response()), chunk(DOWN, whole.subarray(0, 20))]);
    expect(units).toEqual([]);
    expect(issues.map((i) => i.code)).toEqual(['websocket.truncated']);
  });

  it('skips an oversized message without losing the next one', () => {
    frameCounter = 0;
    const ws = new WebSocketStream({ maxMessageBytes: 100 });
    const { units, issues } = feed(ws, [
      chunk(DOWN, response()),
      chunk(DOWN, frame({ payload: new Uint8Array(150).fill(0x61) }).subarray(0, 60)),
      chunk(DOWN, concatBytes([frame({ payload: new Uint8Array(150).fill(0x61) }).subarray(60), frame({ payload: text('next') })])),
    ]);
    expect(units.map((u) => decode(u.payload))).toEqual(['next']);
    expect(issues.map((i) => i.code)).toEqual(['websocket.message_too_large']);
  });

  it('never throws on garbage (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 10 }), fc.boolean(), (pieces, withHandshake) => {
        const ws = new WebSocketStream({ maxMessageBytes: 1000 });
        if (withHandshake) ws.push(chunk(DOWN, response()));
        for (const p of pieces) ws.push(chunk(DOWN, p));
        ws.finish();
      }),
    );
  });
});

/**
 * A permessage-deflate sender: one raw DEFLATE stream for the whole direction; each message ends with a
 * sync flush whose 00 00 ff ff tail is removed (RFC 7692 §7.2.1). Later messages refer back to earlier ones.
 */
function deflateMessages(messages: readonly string[]): Uint8Array[] {
  let pending: Uint8Array[] = [];
  const deflater = new Deflate((data) => pending.push(data));
  return messages.map((m) => {
    pending = [];
    deflater.push(text(m), false);
    deflater.flush(true);
    const out = concatBytes(pending);
    expect([...out.subarray(-4)]).toEqual([0, 0, 0xff, 0xff]);
    return out.subarray(0, out.length - 4);
  });
}
