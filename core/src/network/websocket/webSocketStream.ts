/**
 * SIP over WebSocket (RFC 7118) from the reassembled bytes of one TCP connection: the Upgrade handshake
 * (RFC 6455 §4), then frames (§5) unmasked and defragmented into messages, permessage-deflate (RFC 7692)
 * undone. Each text or binary message becomes one DatagramUnit with transport 'ws'.
 */
import { concatBytes } from '../../shared/bytes.ts';
import type { Endpoint } from '../../shared/endpoint.ts';
import { makeIssue, type Issue } from '../../shared/issue.ts';
import type { Timestamp } from '../../shared/time.ts';
import { streamIssues } from '../streamIssues.ts';
import { ByteQueue } from '../tcp/byteQueue.ts';
import type { DatagramUnit, StreamChunk } from '../transportUnit.ts';
import { MessageInflater } from './messageInflater.ts';
import { OPCODE_CLOSE, OPCODE_CONTINUATION, peekFrameHeader, unmaskPayload, type FrameHeader } from './webSocketFrameHeader.ts';
import { headerBlockEnd, parseHandshake, type DeflateParameters, type WebSocketHandshake } from './webSocketHandshake.ts';

export type WebSocketRole = 'client' | 'server';

export interface WebSocketStreamOptions {
  /** Largest message (after decompression) delivered; larger ones are skipped with an issue. Default 4 MiB. */
  readonly maxMessageBytes?: number;
}

export interface WebSocketOutput {
  readonly units: DatagramUnit[];
  readonly issues: Issue[];
}

/** An HTTP header block longer than this is not a handshake worth waiting for. */
const MAX_HANDSHAKE_BYTES = 16 * 1024;

interface Direction {
  readonly streamId: string;
  readonly src: Endpoint;
  readonly dst: Endpoint;
  readonly encapsulation: readonly string[];
  role: WebSocketRole | undefined;
  phase: 'start' | 'handshake' | 'frames' | 'stopped';
  handshakeBytes: Uint8Array;
  readonly queue: ByteQueue;
  /** A data message is open (its first frame had FIN clear). */
  messageOpen: boolean;
  /** The open message is being discarded (too large or unusable reserved bits). */
  dropping: boolean;
  compressed: boolean;
  parts: Uint8Array[];
  partsBytes: number;
  frames: number[];
  skipRemaining: number;
  inflater: MessageInflater | undefined;
  maskingReported: boolean;
}

export class WebSocketStream {
  private readonly maxMessageBytes: number;
  private readonly directions = new Map<string, Direction>();
  /** The server's 101 answer was seen; `deflate` is then exactly what it accepted. */
  private responseSeen = false;
  private deflate: DeflateParameters | undefined;
  private rejected = false;
  private notSipReported = false;

  constructor(options: WebSocketStreamOptions = {}) {
    this.maxMessageBytes = options.maxMessageBytes ?? 4 * 1024 * 1024;
  }

  /** Feeds the next in-order chunk of either direction; `role` when the caller already knows it. */
  push(chunk: StreamChunk, role?: WebSocketRole): WebSocketOutput {
    const units: DatagramUnit[] = [];
    const issues: Issue[] = [];
    const d = this.direction(chunk);
    if (role !== undefined) this.setRole(d, role);
    if (d.phase === 'stopped') return { units, issues };
    if (this.rejected) {
      d.phase = 'stopped';
      return { units, issues };
    }
    if (chunk.gapBefore > 0) {
      issues.push(makeIssue(streamIssues, 'websocket.gap', { value: chunk.gapBefore, frame: chunk.frame }));
      this.stop(d);
      return { units, issues };
    }
    if (d.phase === 'start' || d.phase === 'handshake') {
      const rest = this.readHandshake(d, chunk, issues);
      if (rest === undefined) return { units, issues };
      d.queue.push(rest, chunk.frame, chunk.timestamp);
    } else {
      d.queue.push(chunk.data, chunk.frame, chunk.timestamp);
    }
    this.decodeFrames(d, units, issues);
    return { units, issues };
  }

  /** End of capture: reports directions cut inside a handshake, a frame or a fragmented message. */
  finish(): WebSocketOutput {
    const issues: Issue[] = [];
    for (const d of this.directions.values()) {
      const cut =
        (d.phase === 'handshake' && d.handshakeBytes.length > 0) ||
        (d.phase === 'frames' && (d.queue.length > 0 || d.messageOpen || d.skipRemaining > 0));
      if (cut) issues.push(makeIssue(streamIssues, 'websocket.truncated', { value: d.streamId }));
    }
    return { units: [], issues };
  }

  private direction(chunk: StreamChunk): Direction {
    let d = this.directions.get(chunk.streamId);
    if (d === undefined) {
      d = {
        streamId: chunk.streamId, src: chunk.src, dst: chunk.dst, encapsulation: chunk.encapsulation,
        role: undefined, phase: 'start', handshakeBytes: new Uint8Array(0), queue: new ByteQueue(),
        messageOpen: false, dropping: false, compressed: false, parts: [], partsBytes: 0, frames: [],
        skipRemaining: 0, inflater: undefined, maskingReported: false,
      };
      this.directions.set(chunk.streamId, d);
      for (const other of this.directions.values()) {
        if (other !== d && other.role !== undefined) d.role = other.role === 'client' ? 'server' : 'client';
      }
    }
    return d;
  }

  private setRole(d: Direction, role: WebSocketRole): void {
    d.role = role;
    for (const other of this.directions.values()) {
      if (other !== d && other.role === undefined) other.role = role === 'client' ? 'server' : 'client';
    }
  }

  private stop(d: Direction): void {
    d.phase = 'stopped';
    d.queue.clear();
    d.parts = [];
    d.handshakeBytes = new Uint8Array(0);
  }

  /**
   * Collects the HTTP header block, if the direction starts with one. Returns the bytes that follow it
   * (frames), or undefined while waiting or after stopping.
   */
  private readHandshake(d: Direction, chunk: StreamChunk, issues: Issue[]): Uint8Array | undefined {
    const bytes = d.handshakeBytes.length === 0 ? chunk.data : concatBytes([d.handshakeBytes, chunk.data]);
    if (d.phase === 'start') {
      if (bytes.length < 5) {
        d.handshakeBytes = bytes.slice();
        return undefined;
      }
      const head = String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!, bytes[4]!);
      if (head.startsWith('GET ') || head === 'HTTP/') {
        d.phase = 'handshake';
      } else {
        issues.push(makeIssue(streamIssues, 'websocket.missing_handshake', { value: d.streamId, frame: chunk.frame }));
        d.phase = 'frames';
        d.handshakeBytes = new Uint8Array(0);
        return bytes;
      }
    }
    const end = headerBlockEnd(bytes);
    if (end < 0) {
      if (bytes.length > MAX_HANDSHAKE_BYTES) {
        issues.push(makeIssue(streamIssues, 'websocket.bad_handshake', { value: 'header block too long', frame: chunk.frame }));
        this.stop(d);
      } else {
        d.handshakeBytes = bytes === chunk.data ? bytes.slice() : bytes;
      }
      return undefined;
    }
    d.handshakeBytes = new Uint8Array(0);
    if (!this.applyHandshake(d, parseHandshake(bytes.subarray(0, end)), chunk.frame, issues)) {
      this.stop(d);
      return undefined;
    }
    d.phase = 'frames';
    return bytes.subarray(end);
  }

  private applyHandshake(d: Direction, handshake: WebSocketHandshake | undefined, frame: number, issues: Issue[]): boolean {
    if (handshake === undefined) {
      issues.push(makeIssue(streamIssues, 'websocket.bad_handshake', { value: 'not an HTTP start-line', frame }));
      return false;
    }
    this.setRole(d, handshake.kind === 'request' ? 'client' : 'server');
    if (handshake.kind === 'response') {
      if (handshake.statusCode !== 101) {
        issues.push(makeIssue(streamIssues, 'websocket.bad_handshake', { value: handshake.startLine, frame }));
        this.rejected = true;
        return false;
      }
      this.responseSeen = true;
      this.deflate = handshake.deflate;
    } else if (!handshake.upgradeWebsocket) {
      issues.push(makeIssue(streamIssues, 'websocket.bad_handshake', { value: handshake.startLine, frame }));
      return false;
    }
    if (!handshake.subprotocols.includes('sip') && !this.notSipReported) {
      this.notSipReported = true;
      issues.push(makeIssue(streamIssues, 'websocket.not_sip', { value: handshake.subprotocols.join(', '), frame }));
    }
    return true;
  }

  private decodeFrames(d: Direction, units: DatagramUnit[], issues: Issue[]): void {
    const queue = d.queue;
    while (d.phase === 'frames') {
      if (d.skipRemaining > 0) {
        const n = Math.min(d.skipRemaining, queue.length);
        queue.skip(n);
        d.skipRemaining -= n;
        if (d.skipRemaining > 0) return;
      }
      const frameNumber = queue.front()?.frame;
      const header = peekFrameHeader(queue);
      if (header === undefined) return;
      if ('error' in header) {
        issues.push(makeIssue(streamIssues, 'websocket.bad_frame', { value: header.error, frame: frameNumber }));
        this.stop(d);
        return;
      }
      d.role ??= header.masked ? 'client' : 'server';
      if (header.masked !== (d.role === 'client') && !d.maskingReported) {
        d.maskingReported = true;
        issues.push(makeIssue(streamIssues, 'websocket.masking', { value: d.role, frame: frameNumber }));
      }
      const isData = header.opcode < OPCODE_CLOSE;
      const tooLarge = isData && !d.dropping && d.partsBytes + header.payloadLength > this.maxMessageBytes;
      const frameLength = header.headerLength + header.payloadLength;
      // Wait for the whole frame before touching message state, so a header is judged exactly once.
      if (!tooLarge && queue.length < frameLength) return;
      if (isData && !this.checkSequence(d, header, frameNumber, issues)) return;
      if (tooLarge || (isData && d.dropping)) {
        if (tooLarge) issues.push(makeIssue(streamIssues, 'websocket.message_too_large', { value: d.partsBytes + header.payloadLength, frame: frameNumber }));
        queue.skip(header.headerLength);
        d.skipRemaining = header.payloadLength;
        this.dropFrameOfMessage(d, header);
        continue;
      }
      const taken = queue.take(frameLength);
      if (!isData) continue; // ping, pong and close carry nothing for SIP
      const body = taken.bytes.subarray(header.headerLength);
      d.parts.push(header.masked ? unmaskPayload(body, header.maskKey) : body);
      d.partsBytes += body.length;
      for (const f of taken.frames) d.frames.push(f);
      if (header.fin) this.completeMessage(d, taken.timestamp, units, issues);
    }
  }

  /** Checks the frame fits the fragmentation state and its reserved bits; opens a message if it starts one. */
  private checkSequence(d: Direction, header: FrameHeader, frame: number | undefined, issues: Issue[]): boolean {
    const continuation = header.opcode === OPCODE_CONTINUATION;
    if (continuation !== d.messageOpen) {
      const what = continuation ? 'continuation frame outside a fragmented message' : 'new data frame inside a fragmented message';
      issues.push(makeIssue(streamIssues, 'websocket.bad_frame', { value: what, frame }));
      this.stop(d);
      return false;
    }
    if (continuation) {
      if (header.rsv1 || header.rsv23) this.dropForReservedBits(d, frame, issues);
      return true;
    }
    d.messageOpen = true;
    d.compressed = header.rsv1;
    const deflateAllowed = !this.responseSeen || this.deflate !== undefined;
    if (header.rsv23 || (header.rsv1 && !deflateAllowed)) this.dropForReservedBits(d, frame, issues);
    return true;
  }

  private dropForReservedBits(d: Direction, frame: number | undefined, issues: Issue[]): void {
    if (d.dropping) return;
    issues.push(makeIssue(streamIssues, 'websocket.reserved_bits', { value: d.streamId, frame }));
    d.dropping = true;
    d.parts = [];
    d.partsBytes = 0;
    d.frames = [];
  }

  /** The frame's payload is being skipped: the message is discarded up to and including its final frame. */
  private dropFrameOfMessage(d: Direction, header: FrameHeader): void {
    d.parts = [];
    d.partsBytes = 0;
    d.frames = [];
    d.messageOpen = !header.fin;
    d.dropping = !header.fin;
  }

  private completeMessage(d: Direction, timestamp: Timestamp, units: DatagramUnit[], issues: Issue[]): void {
    const raw = d.parts.length === 1 ? d.parts[0]! : concatBytes(d.parts);
    const frames = [...new Set(d.frames)].sort((a, b) => a - b);
    const compressed = d.compressed;
    d.messageOpen = false;
    d.dropping = false;
    d.parts = [];
    d.partsBytes = 0;
    d.frames = [];
    let payload = raw;
    if (compressed) {
      const noContext = d.role === 'client' ? this.deflate?.clientNoContextTakeover : this.deflate?.serverNoContextTakeover;
      d.inflater ??= new MessageInflater(noContext !== true, this.maxMessageBytes);
      const inflated = d.inflater.inflateMessage(raw);
      if (typeof inflated === 'string') {
        const code = inflated === 'too-large' ? 'websocket.message_too_large' : 'websocket.deflate_failed';
        issues.push(makeIssue(streamIssues, code, { value: raw.length, frame: frames[frames.length - 1] }));
        return;
      }
      payload = inflated;
    }
    units.push({
      kind: 'datagram', transport: 'ws', src: d.src, dst: d.dst, timestamp, frames, payload,
      encapsulation: [...d.encapsulation, 'websocket'],
    });
  }
}
