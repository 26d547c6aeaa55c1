/**
 * One direction of one TCP connection: maps 32-bit sequence numbers (RFC 9293 §3.4) onto a growing byte
 * offset, delivers bytes in order, holds out-of-order segments until the hole fills, and skips holes
 * on demand with an explicit gap. Bytes are never invented and never copied (views of segment payloads).
 */
import type { Endpoint } from '../../shared/endpoint.ts';
import { makeIssue, type Issue } from '../../shared/issue.ts';
import type { Timestamp } from '../../shared/time.ts';
import { streamIssues } from '../streamIssues.ts';
import type { StreamChunk } from '../transportUnit.ts';

interface HeldSegment {
  /** Offset of data[0] in the stream (0 = first byte after the SYN, or first byte seen). */
  readonly start: number;
  readonly data: Uint8Array;
  readonly frame: number;
  readonly timestamp: Timestamp;
}

export interface SegmentData {
  readonly sequenceNumber: number;
  readonly payload: Uint8Array;
  readonly frame: number;
  readonly timestamp: Timestamp;
}

export class TcpDirection {
  /** Sequence number of offset 0, once known (from the SYN or the first data segment). */
  private baseSequence = 0;
  anchored = false;
  initialSequence: number | undefined;
  /** Offset of the next byte to deliver. Grows past 2^32 on long streams; exact up to 2^53. */
  private nextOffset = 0;
  /** Out-of-order segments, ascending by start; entries before `heldHead` are consumed. */
  private held: HeldSegment[] = [];
  private heldHead = 0;
  heldBytes = 0;
  /** Bytes skipped by the last hole jump, reported on the next delivered chunk. */
  private pendingGap = 0;
  private lastStart = 0;
  private lastData: Uint8Array | undefined;
  /** FIN or RST seen. */
  finished = false;
  /** Any payload byte seen. */
  hasData = false;

  constructor(
    readonly streamId: string,
    readonly src: Endpoint,
    readonly dst: Endpoint,
    readonly encapsulation: readonly string[],
  ) {}

  /** The SYN fixes the numbering: its sequence number is the ISN and data starts one after it. */
  onSyn(sequenceNumber: number): void {
    this.initialSequence = sequenceNumber;
    this.baseSequence = (sequenceNumber + 1) >>> 0;
    this.anchored = true;
    this.nextOffset = 0;
  }

  /**
   * Stream offset of a sequence number, taken as the nearest one to the next expected byte
   * (signed 32-bit distance), which is what makes wrap-around transparent.
   */
  offsetOf(sequenceNumber: number): number {
    const expected = (this.baseSequence + this.nextOffset) >>> 0;
    return this.nextOffset + ((sequenceNumber - expected) | 0);
  }

  /** Offset of the next byte to deliver. */
  get nextExpectedOffset(): number {
    return this.nextOffset;
  }

  get holding(): boolean {
    return this.heldHead < this.held.length;
  }

  /** Takes a data segment; in-order bytes go to `out` at once, later ones are held. */
  addData(segment: SegmentData, out: StreamChunk[], issues: Issue[]): void {
    const length = segment.payload.length;
    if (length === 0) return;
    if (!this.anchored) {
      this.baseSequence = segment.sequenceNumber >>> 0;
      this.anchored = true;
      issues.push(makeIssue(streamIssues, 'tcp.missing_start', { value: this.streamId, frame: segment.frame }));
    }
    this.hasData = true;
    const start = this.offsetOf(segment.sequenceNumber);
    const end = start + length;
    if (end <= this.nextOffset) {
      this.reportRepeat(start, segment.payload, segment.frame, issues);
      return;
    }
    if (start <= this.nextOffset) {
      const trim = this.nextOffset - start;
      if (trim > 0) this.reportRepeat(start, segment.payload.subarray(0, trim), segment.frame, issues);
      this.deliver(segment.payload.subarray(trim), segment.frame, segment.timestamp, out);
      this.drain(out, issues);
      return;
    }
    this.hold({ start, data: segment.payload, frame: segment.frame, timestamp: segment.timestamp }, issues);
  }

  /** Jumps over the first hole (if any) and delivers what follows it; returns the bytes skipped. */
  skipHole(out: StreamChunk[], issues: Issue[]): number {
    if (!this.holding) return 0;
    const first = this.held[this.heldHead]!;
    const gap = first.start - this.nextOffset;
    if (gap > 0) {
      issues.push(makeIssue(streamIssues, 'tcp.gap', {
        value: gap,
        frame: first.frame,
        detail: `${gap} bytes of ${this.streamId} were never captured; delivery skipped over them.`,
      }));
      this.pendingGap += gap;
      this.nextOffset = first.start;
    }
    this.drain(out, issues);
    return gap;
  }

  /** Delivers everything held, skipping every hole. */
  flushHeld(out: StreamChunk[], issues: Issue[]): void {
    while (this.holding) this.skipHole(out, issues);
  }

  /** Skips holes until at most `limitBytes` are held. */
  enforceLimit(limitBytes: number, out: StreamChunk[], issues: Issue[]): void {
    while (this.heldBytes > limitBytes && this.holding) this.skipHole(out, issues);
  }

  private deliver(data: Uint8Array, frame: number, timestamp: Timestamp, out: StreamChunk[]): void {
    out.push({
      kind: 'stream',
      transport: 'tcp',
      streamId: this.streamId,
      src: this.src,
      dst: this.dst,
      timestamp,
      frame,
      gapBefore: this.pendingGap,
      data,
      encapsulation: this.encapsulation,
    });
    this.pendingGap = 0;
    this.lastStart = this.nextOffset;
    this.lastData = data;
    this.nextOffset += data.length;
  }

  /** Delivers held segments that now touch the delivered prefix. */
  private drain(out: StreamChunk[], issues: Issue[]): void {
    const held = this.held;
    while (this.heldHead < held.length && held[this.heldHead]!.start <= this.nextOffset) {
      const segment = held[this.heldHead]!;
      this.heldHead++;
      this.heldBytes -= segment.data.length;
      const trim = this.nextOffset - segment.start;
      if (trim > 0) this.reportRepeat(segment.start, segment.data.subarray(0, Math.min(trim, segment.data.length)), segment.frame, issues);
      if (trim < segment.data.length) this.deliver(segment.data.subarray(trim), segment.frame, segment.timestamp, out);
    }
    if (this.heldHead === held.length) {
      this.held = [];
      this.heldHead = 0;
    } else if (this.heldHead > 64 && this.heldHead * 2 > held.length) {
      this.held = held.slice(this.heldHead);
      this.heldHead = 0;
    }
  }

  private hold(segment: HeldSegment, issues: Issue[]): void {
    const held = this.held;
    // First index whose start is greater than the new start (binary search keeps arrival order on ties).
    let lo = this.heldHead;
    let hi = held.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (held[mid]!.start <= segment.start) lo = mid + 1;
      else hi = mid;
    }
    const end = segment.start + segment.data.length;
    let mismatch = false;
    let covered = false;
    if (lo > this.heldHead) {
      const before = held[lo - 1]!;
      mismatch = overlapDiffers(before.start, before.data, segment.start, segment.data);
      covered = before.start + before.data.length >= end;
    }
    for (let i = lo; i < held.length && held[i]!.start < end; i++) {
      if (overlapDiffers(held[i]!.start, held[i]!.data, segment.start, segment.data)) mismatch = true;
    }
    if (mismatch) {
      issues.push(makeIssue(streamIssues, 'tcp.overlap_mismatch', { value: this.streamId, frame: segment.frame }));
    }
    if (covered) {
      issues.push(makeIssue(streamIssues, 'tcp.retransmission', { value: segment.data.length, frame: segment.frame }));
      return;
    }
    held.splice(lo, 0, segment);
    this.heldBytes += segment.data.length;
  }

  /** Old bytes arrived again: say so, and warn when they differ from what was delivered. */
  private reportRepeat(start: number, data: Uint8Array, frame: number, issues: Issue[]): void {
    issues.push(makeIssue(streamIssues, 'tcp.retransmission', { value: data.length, frame }));
    if (this.lastData !== undefined && overlapDiffers(this.lastStart, this.lastData, start, data)) {
      issues.push(makeIssue(streamIssues, 'tcp.overlap_mismatch', { value: this.streamId, frame }));
    }
  }
}

/** True when two byte runs placed at stream offsets disagree somewhere they overlap. */
function overlapDiffers(aStart: number, a: Uint8Array, bStart: number, b: Uint8Array): boolean {
  const from = Math.max(aStart, bStart);
  const to = Math.min(aStart + a.length, bStart + b.length);
  for (let at = from; at < to; at++) {
    if (a[at - aStart] !== b[at - bStart]) return true;
  }
  return false;
}
