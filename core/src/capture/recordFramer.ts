/**
 * Chunk boundaries → contiguous records. Records inside one chunk are parsed in place (frames view the
 * chunk); a record that spans chunks is assembled in a fresh buffer that is never reused, so every frame's
 * data stays valid. Memory is one partial record, whatever the chunk sizes (1-byte chunks included).
 */
import type { RecordParser } from './recordParser.ts';

/** First allocation for a partial record; grows geometrically, never past what the parser asked for. */
const MIN_PENDING_CAPACITY = 256;

export class RecordFramer {
  /** Partial record carried over from earlier chunks: pending[0, pendingLength). */
  private pending: Uint8Array | null = null;
  private pendingLength = 0;
  /** Stream offset of the first unconsumed byte. */
  private offset = 0;
  /** All bytes handed to push(). */
  totalBytes = 0;
  private ended = false;

  constructor(private readonly parser: RecordParser) {}

  get stopped(): boolean {
    return this.parser.stoppedAt >= 0;
  }

  push(chunk: Uint8Array): void {
    if (this.ended) return;
    this.totalBytes += chunk.length;
    if (this.stopped || chunk.length === 0) return;
    let pos = 0;
    if (this.pendingLength > 0) {
      pos = this.completePending(chunk);
      if (pos < 0 || this.stopped) return;
    }
    const used = this.parser.parse(chunk, pos, chunk.length, this.offset);
    this.offset += used;
    pos += used;
    if (!this.stopped && pos < chunk.length) this.keep(chunk, pos, chunk.length);
  }

  /** The input is over: lets the parser name a truncated last record. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.stopped) return;
    const rest = this.pending ?? new Uint8Array(0);
    this.parser.finish(rest, 0, this.pendingLength, this.offset);
    this.pending = null;
    this.pendingLength = 0;
  }

  /**
   * Feeds the pending partial record with bytes from the chunk until it parses. Returns the chunk position
   * where in-place parsing can resume, or -1 when the whole chunk went into the pending buffer.
   */
  private completePending(chunk: Uint8Array): number {
    let pos = 0;
    for (;;) {
      const need = this.parser.needBytes;
      if (this.pendingLength < need) {
        const take = Math.min(need - this.pendingLength, chunk.length - pos);
        this.append(chunk, pos, pos + take, need);
        pos += take;
        if (this.pendingLength < need) return -1;
      }
      const buffer = this.pending!;
      const used = this.parser.parse(buffer, 0, this.pendingLength, this.offset);
      this.offset += used;
      if (this.stopped) return -1;
      if (used === this.pendingLength) {
        // Frames may view `buffer`: drop it rather than reuse it.
        this.pending = null;
        this.pendingLength = 0;
        return pos;
      }
      if (used > 0) {
        const rest = buffer.slice(used, this.pendingLength);
        this.pending = rest;
        this.pendingLength = rest.length;
      } else if (this.parser.needBytes <= this.pendingLength) {
        // A parser that neither consumes nor asks for more would loop forever; treat it as the end.
        return -1;
      }
    }
  }

  private append(chunk: Uint8Array, from: number, to: number, need: number): void {
    const length = to - from;
    const required = this.pendingLength + length;
    if (this.pending === null || this.pending.length < required) {
      const doubled = Math.max(MIN_PENDING_CAPACITY, (this.pending?.length ?? 0) * 2);
      const grown = new Uint8Array(Math.max(required, Math.min(need, doubled)));
      if (this.pending !== null) grown.set(this.pending.subarray(0, this.pendingLength));
      this.pending = grown;
    }
    this.pending.set(chunk.subarray(from, to), this.pendingLength);
    this.pendingLength = required;
  }

  private keep(chunk: Uint8Array, from: number, to: number): void {
    this.pending = null;
    this.pendingLength = 0;
    this.append(chunk, from, to, this.parser.needBytes);
  }
}
