/**
 * FIFO of in-order stream bytes kept as the chunks they arrived in, so a framing layer (WebSocket, HEP over
 * TCP) can read headers across chunk borders and take whole frames while remembering which capture frames
 * carried them. Taking a run inside one chunk returns a view; only runs that span chunks are copied.
 */
import type { Timestamp } from '../../shared/time.ts';

interface QueuedChunk {
  readonly data: Uint8Array;
  readonly frame: number;
  readonly timestamp: Timestamp;
}

export interface TakenBytes {
  readonly bytes: Uint8Array;
  /** Capture frames of the chunks the bytes came from, in stream order (may repeat nothing, may be unsorted). */
  readonly frames: number[];
  /** Time of the chunk that supplied the last byte. */
  readonly timestamp: Timestamp;
}

export class ByteQueue {
  private chunks: QueuedChunk[] = [];
  private head = 0;
  /** Bytes of chunks[head] already consumed. */
  private headOffset = 0;
  private total = 0;

  /** Bytes available. */
  get length(): number {
    return this.total;
  }

  push(data: Uint8Array, frame: number, timestamp: Timestamp): void {
    if (data.length === 0) return;
    this.chunks.push({ data, frame, timestamp });
    this.total += data.length;
  }

  /** The byte `index` positions from the front; the caller checks `index < length`. */
  byteAt(index: number): number {
    let at = index + this.headOffset;
    for (let i = this.head; i < this.chunks.length; i++) {
      const data = this.chunks[i]!.data;
      if (at < data.length) return data[at]!;
      at -= data.length;
    }
    return -1;
  }

  /** Position of the first occurrence of `needle` at or after `from`, or -1. */
  indexOf(needle: Uint8Array, from = 0): number {
    const first = needle[0];
    let index = 0;
    for (let c = this.head; c < this.chunks.length; c++) {
      const data = this.chunks[c]!.data;
      const skip = c === this.head ? this.headOffset : 0;
      for (let i = skip; i < data.length; i++, index++) {
        if (index < from || data[i] !== first || index + needle.length > this.total) continue;
        let match = true;
        for (let j = 1; j < needle.length && match; j++) match = this.byteAt(index + j) === needle[j];
        if (match) return index;
      }
    }
    return -1;
  }

  /** Removes and returns the first `count` bytes (count ≤ length). */
  take(count: number): TakenBytes {
    const first = this.chunks[this.head]!;
    const available = first.data.length - this.headOffset;
    if (count <= available) {
      const bytes = first.data.subarray(this.headOffset, this.headOffset + count);
      this.consume(count);
      return { bytes, frames: [first.frame], timestamp: first.timestamp };
    }
    const bytes = new Uint8Array(count);
    const frames: number[] = [];
    let filled = 0;
    let timestamp = first.timestamp;
    while (filled < count) {
      const chunk = this.chunks[this.head]!;
      const part = Math.min(count - filled, chunk.data.length - this.headOffset);
      bytes.set(chunk.data.subarray(this.headOffset, this.headOffset + part), filled);
      if (frames[frames.length - 1] !== chunk.frame) frames.push(chunk.frame);
      timestamp = chunk.timestamp;
      filled += part;
      this.consume(part);
    }
    return { bytes, frames, timestamp };
  }

  /** Drops the first `count` bytes (count ≤ length). */
  skip(count: number): void {
    let left = count;
    while (left > 0) {
      const chunk = this.chunks[this.head]!;
      const part = Math.min(left, chunk.data.length - this.headOffset);
      this.consume(part);
      left -= part;
    }
  }

  /** Frame and time of the chunk holding the front byte, if any. */
  front(): QueuedChunk | undefined {
    return this.head < this.chunks.length ? this.chunks[this.head] : undefined;
  }

  clear(): void {
    this.chunks = [];
    this.head = 0;
    this.headOffset = 0;
    this.total = 0;
  }

  private consume(count: number): void {
    this.headOffset += count;
    this.total -= count;
    if (this.headOffset === this.chunks[this.head]!.data.length) {
      this.head++;
      this.headOffset = 0;
      if (this.head === this.chunks.length) {
        this.chunks = [];
        this.head = 0;
      } else if (this.head > 64 && this.head * 2 > this.chunks.length) {
        this.chunks = this.chunks.slice(this.head);
        this.head = 0;
      }
    }
  }
}
