/**
 * HEP3 over TCP: packets follow each other back to back in the byte stream and are framed by the HEP3
 * length field. After a gap (or a stream whose start was not captured) the stream is resynchronised by
 * scanning for the next "HEP3" magic whose length field is plausible.
 */
import { makeIssue, type Issue } from '../../shared/issue.ts';
import { streamIssues } from '../streamIssues.ts';
import { ByteQueue } from '../tcp/byteQueue.ts';
import type { DatagramUnit, StreamChunk } from '../transportUnit.ts';
import { decodeHep } from './decodeHep.ts';

const MAGIC = new Uint8Array([0x48, 0x45, 0x50, 0x33]);
const HEADER_BYTES = 6;
/** Smallest useful HEP3 packet: header plus one chunk header. */
const MIN_PACKET_BYTES = 12;

export interface HepStreamOutput {
  readonly units: DatagramUnit[];
  /** Non-SIP HEP payloads seen ('hep-rtcp', 'hep-log', …), one entry per packet. */
  readonly others: string[];
  readonly issues: Issue[];
}

interface Direction {
  readonly queue: ByteQueue;
  /** Bytes dropped while looking for the next "HEP3", not yet reported. */
  skippedBytes: number;
  skippedFrame: number | undefined;
}

export class HepStream {
  private readonly directions = new Map<string, Direction>();

  /** Feeds the next in-order chunk of a direction (chunks of several directions may be interleaved). */
  push(chunk: StreamChunk): HepStreamOutput {
    const out: HepStreamOutput = { units: [], others: [], issues: [] };
    let d = this.directions.get(chunk.streamId);
    if (d === undefined) {
      d = { queue: new ByteQueue(), skippedBytes: 0, skippedFrame: undefined };
      this.directions.set(chunk.streamId, d);
    }
    if (chunk.gapBefore > 0) {
      // The packet in progress lost bytes: drop its remains, then resynchronise on the new data.
      this.noteSkipped(d, d.queue.length, chunk.frame);
      d.queue.clear();
    }
    d.queue.push(chunk.data, chunk.frame, chunk.timestamp);
    this.drain(d, chunk, out);
    return out;
  }

  /** End of capture: reports bytes that never formed a whole packet. */
  finish(): HepStreamOutput {
    const out: HepStreamOutput = { units: [], others: [], issues: [] };
    for (const d of this.directions.values()) {
      const frame = d.queue.front()?.frame;
      this.noteSkipped(d, d.queue.length, frame);
      d.queue.clear();
      this.reportSkipped(d, out.issues);
    }
    return out;
  }

  private drain(d: Direction, chunk: StreamChunk, out: HepStreamOutput): void {
    const queue = d.queue;
    while (queue.length >= HEADER_BYTES) {
      if (!this.atPacketStart(queue)) {
        const next = this.findNextStart(queue);
        const drop = next < 0 ? queue.length - (MAGIC.length - 1) : next;
        if (drop > 0) {
          this.noteSkipped(d, drop, queue.front()?.frame);
          queue.skip(drop);
        }
        if (next < 0) return;
        continue;
      }
      this.reportSkipped(d, out.issues);
      const length = (queue.byteAt(4) << 8) | queue.byteAt(5);
      if (queue.length < length) return;
      const taken = queue.take(length);
      const frames = [...new Set(taken.frames)].sort((a, b) => a - b);
      const result = decodeHep(taken.bytes, { frames, timestamp: taken.timestamp, encapsulation: chunk.encapsulation });
      if (result.unit !== undefined) out.units.push(result.unit);
      if (result.other !== undefined) out.others.push(result.other);
      out.issues.push(...result.issues);
    }
  }

  /** "HEP3" with a plausible length at the front of the queue. */
  private atPacketStart(queue: ByteQueue): boolean {
    if (queue.byteAt(0) !== MAGIC[0] || queue.byteAt(1) !== MAGIC[1] || queue.byteAt(2) !== MAGIC[2] || queue.byteAt(3) !== MAGIC[3]) {
      return false;
    }
    return ((queue.byteAt(4) << 8) | queue.byteAt(5)) >= MIN_PACKET_BYTES;
  }

  /** Offset of the next plausible packet start after the front, or -1 when none is in sight yet. */
  private findNextStart(queue: ByteQueue): number {
    let from = 1;
    for (;;) {
      const at = queue.indexOf(MAGIC, from);
      if (at < 0) return -1;
      if (at + HEADER_BYTES > queue.length) return at; // decide once the length field arrives
      if (((queue.byteAt(at + 4) << 8) | queue.byteAt(at + 5)) >= MIN_PACKET_BYTES) return at;
      from = at + 1;
    }
  }

  private noteSkipped(d: Direction, count: number, frame: number | undefined): void {
    if (count <= 0) return;
    if (d.skippedBytes === 0) d.skippedFrame = frame;
    d.skippedBytes += count;
  }

  private reportSkipped(d: Direction, issues: Issue[]): void {
    if (d.skippedBytes === 0) return;
    issues.push(makeIssue(streamIssues, 'hep.resync', { value: d.skippedBytes, frame: d.skippedFrame }));
    d.skippedBytes = 0;
    d.skippedFrame = undefined;
  }
}

