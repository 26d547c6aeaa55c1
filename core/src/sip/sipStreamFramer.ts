/**
 * Cuts one direction of a TCP/TLS byte stream into SIP messages by Content-Length (RFC 3261 §18.3),
 * skipping RFC 5626 §3.5.1 CRLF keep-alives ("\r\n\r\n" ping, "\r\n" pong). After a gap or garbage it
 * resynchronises on the next strict start line. Each step is ok | incomplete (wait for bytes) | invalid
 * (report, skip, resync). Bounded: 64 KiB of header without CRLFCRLF or a Content-Length over 16 MiB is
 * invalid. Whole messages inside one chunk are returned as views of it; only split ones are copied.
 */
import type { Issue } from '../shared/issue.ts';
import { makeIssue } from '../shared/issue.ts';
import { SIP_ISSUES } from './issues.ts';
import type { FramerOutput, StreamChunkInput } from './framerOutput.ts';
import { framedStartLine } from './framedStartLine.ts';
import { findSipStart } from './looksLikeSipStart.ts';
import { findHeaderEnd, readStreamContentLength } from './streamContentLength.ts';

export type { DiscardedBytes, FramedMessage, FramerOutput, StreamChunkInput } from './framerOutput.ts';

export const MAX_HEADER_BYTES = 64 * 1024;
export const MAX_CONTENT_LENGTH = 16 * 1024 * 1024;

const CR = 0x0d;
const LF = 0x0a;
const EMPTY = new Uint8Array(0);

type ResyncCode = 'sip.stream_garbage' | 'sip.stream_resync';

export class SipStreamFramer {
  /** RFC 5626 keep-alives seen: double-CRLF pings and single-CRLF pongs. */
  pings = 0;
  pongs = 0;

  private buffer: Uint8Array = EMPTY;
  private bufferLength = 0;
  /** Stream offset (counting received bytes only) of buffer[0]; bufferStart + bufferLength = received. */
  private bufferStart = 0;
  private received = 0;
  /** [streamOffset, frame] of each chunk that still has bytes in the buffer. */
  private marks: number[] = [];
  private resync: ResyncCode | undefined;
  /** Stream offset from which to keep looking for the end of the header section. */
  private headerScanFrom = 0;
  /** Stream offset where the pending message ends, once its header section has been read. */
  private messageEnd = -1;
  private messageIssues: Issue[] = [];
  private crlfRun = 0;
  private lastFrame = 0;

  push(chunk: StreamChunkInput): FramerOutput[] {
    const out: FramerOutput[] = [];
    this.lastFrame = chunk.frame;
    if (chunk.gapBefore > 0) this.onGap(chunk, out);
    const data = chunk.data;
    if (data.length === 0) return out;
    this.marks.push(this.received, chunk.frame);
    this.received += data.length;
    let work: Uint8Array;
    let isView: boolean;
    if (this.bufferLength === 0) {
      work = data;
      isView = true;
    } else {
      this.append(data);
      work = this.buffer.subarray(0, this.bufferLength);
      isView = false;
    }
    const consumed = this.run(work, this.received - work.length, isView, out);
    this.keep(work, consumed, isView);
    return out;
  }

  /** End of the stream: a message with a complete header section is returned short, the rest is reported. */
  end(): FramerOutput[] {
    const out: FramerOutput[] = [];
    this.finishKeepAlives();
    if (this.bufferLength > 0) {
      const work = this.buffer.subarray(0, this.bufferLength);
      const start = this.bufferStart;
      if (this.messageEnd >= 0 && this.resync === undefined) {
        const issues = [...this.messageIssues, makeIssue(SIP_ISSUES, 'sip.stream_truncated', { value: this.messageEnd - this.received, frame: this.lastFrame, detail: `The stream ended ${this.messageEnd - this.received} bytes before the end of the message.` })];
        out.push({ kind: 'message', bytes: work.slice(), frames: this.framesOf(start, this.received), issues });
      } else if (!isOnlyLineEnds(work, 0, work.length)) {
        this.discard(out, work, 0, work.length, start, false, this.resync ?? 'sip.stream_truncated');
      }
    }
    this.reset();
    return out;
  }

  private onGap(chunk: StreamChunkInput, out: FramerOutput[]): void {
    this.finishKeepAlives();
    if (this.bufferLength > 0 && !isOnlyLineEnds(this.buffer, 0, this.bufferLength)) {
      const work = this.buffer.subarray(0, this.bufferLength);
      if (this.resync !== undefined) {
        // Bytes held while resynchronising were never a message: report them as what they were.
        this.discard(out, work, 0, work.length, this.bufferStart, false, this.resync);
      } else {
        out.push({
          kind: 'discarded',
          bytes: work.slice(),
          frames: this.framesOf(this.bufferStart, this.received),
          issues: [makeIssue(SIP_ISSUES, 'sip.stream_gap', { value: chunk.gapBefore, frame: chunk.frame, detail: `${chunk.gapBefore} bytes are missing from the stream; ${work.length} bytes of a partial message were dropped.` })],
        });
      }
    }
    this.reset();
    this.resync = 'sip.stream_resync';
  }

  private reset(): void {
    this.bufferLength = 0;
    this.bufferStart = this.received;
    this.marks = [];
    this.resync = undefined;
    this.messageEnd = -1;
    this.messageIssues = [];
    this.crlfRun = 0;
  }

  /** Frames messages out of `work` (whose first byte is at stream offset `base`); returns bytes consumed. */
  private run(work: Uint8Array, base: number, isView: boolean, out: FramerOutput[]): number {
    const end = work.length;
    let pos = 0;
    while (pos < end) {
      if (this.resync !== undefined) {
        const hit = findSipStart(work, pos, end);
        const stop = hit.found >= 0 ? hit.found : hit.keepFrom;
        if (stop > pos && !isOnlyLineEnds(work, pos, stop)) this.discard(out, work, pos, stop, base, isView, this.resync);
        pos = stop;
        if (hit.found < 0) break;
        this.resync = undefined;
        this.headerScanFrom = base + pos;
        continue;
      }
      if (this.messageEnd < 0) {
        // Keep-alives between messages.
        while (pos < end) {
          const c = work[pos];
          if (c === LF) {
            this.crlfRun++;
            pos++;
          } else if (c === CR) {
            if (pos + 1 >= end) return pos; // wait: CR LF may be split
            if (work[pos + 1] === LF) this.crlfRun++;
            pos += work[pos + 1] === LF ? 2 : 1;
          } else break;
        }
        if (pos >= end) break;
        this.finishKeepAlives();
        this.headerScanFrom = Math.max(this.headerScanFrom, base + pos);
        const verdict = framedStartLine(work, pos, end, MAX_HEADER_BYTES);
        if (verdict === 'more') break;
        if (verdict === 'garbage') {
          this.resync = 'sip.stream_garbage';
          const next = findSipStart(work, pos + 1, end);
          const stop = next.found >= 0 ? next.found : next.keepFrom;
          this.discard(out, work, pos, Math.max(stop, pos + 1), base, isView, 'sip.stream_garbage');
          pos = Math.max(stop, pos + 1);
          if (next.found >= 0) this.resync = undefined;
          continue;
        }
        const headerEnd = findHeaderEnd(work, Math.max(pos, this.headerScanFrom - base), end);
        if (headerEnd < 0) {
          if (end - pos > MAX_HEADER_BYTES) {
            this.discard(out, work, pos, end, base, isView, 'sip.stream_header_too_long');
            this.resync = 'sip.stream_garbage';
            pos = end;
            break;
          }
          this.headerScanFrom = base + Math.max(pos, end - 3);
          break;
        }
        const contentLength = readStreamContentLength(work, pos, headerEnd, MAX_CONTENT_LENGTH);
        this.messageIssues = [];
        let bodyLength = contentLength;
        if (contentLength === -1) {
          this.messageIssues.push(makeIssue(SIP_ISSUES, 'sip.stream_missing_content_length', { frame: this.lastFrame }));
          bodyLength = 0;
        } else if (contentLength === -2) {
          bodyLength = 0; // parseSipMessage reports sip.content_length_invalid
        } else if (contentLength > MAX_CONTENT_LENGTH) {
          this.discard(out, work, pos, headerEnd, base, isView, 'sip.stream_content_length_too_large');
          this.resync = 'sip.stream_garbage';
          pos = headerEnd;
          continue;
        }
        this.messageEnd = base + headerEnd + bodyLength;
      }
      const messageEnd = this.messageEnd - base;
      if (messageEnd > end) break;
      out.push({
        kind: 'message',
        bytes: isView ? work.subarray(pos, messageEnd) : work.slice(pos, messageEnd),
        frames: this.framesOf(base + pos, base + messageEnd),
        issues: this.messageIssues,
      });
      this.messageEnd = -1;
      this.messageIssues = [];
      pos = messageEnd;
      this.headerScanFrom = base + pos;
    }
    return pos;
  }

  private discard(out: FramerOutput[], work: Uint8Array, from: number, to: number, base: number, isView: boolean, code: ResyncCode | 'sip.stream_header_too_long' | 'sip.stream_content_length_too_large' | 'sip.stream_truncated'): void {
    const length = to - from;
    out.push({
      kind: 'discarded',
      bytes: isView ? work.subarray(from, to) : work.slice(from, to),
      frames: this.framesOf(base + from, base + to),
      issues: [makeIssue(SIP_ISSUES, code, { value: length, frame: this.lastFrame })],
    });
  }

  private finishKeepAlives(): void {
    if (this.crlfRun === 0) return;
    this.pings += Math.floor(this.crlfRun / 2);
    this.pongs += this.crlfRun % 2;
    this.crlfRun = 0;
  }

  /** Frames whose bytes overlap stream offsets [from, to), ascending and unique. */
  private framesOf(from: number, to: number): number[] {
    const marks = this.marks;
    const frames: number[] = [];
    for (let k = 0; k < marks.length; k += 2) {
      const chunkStart = marks[k]!;
      const chunkEnd = k + 2 < marks.length ? marks[k + 2]! : this.received;
      if (chunkStart < to && chunkEnd > from) frames.push(marks[k + 1]!);
    }
    if (frames.length > 1) {
      frames.sort((a, b) => a - b);
      let unique = 1;
      for (let k = 1; k < frames.length; k++) if (frames[k] !== frames[unique - 1]) frames[unique++] = frames[k]!;
      frames.length = unique;
    }
    return frames;
  }

  private append(data: Uint8Array): void {
    const needed = this.bufferLength + data.length;
    if (needed > this.buffer.length) {
      const grown = new Uint8Array(Math.max(needed, this.buffer.length * 2, 4096));
      grown.set(this.buffer.subarray(0, this.bufferLength));
      this.buffer = grown;
    }
    this.buffer.set(data, this.bufferLength);
    this.bufferLength = needed;
  }

  /** Keeps work[consumed..] as the pending bytes and forgets marks of chunks wholly consumed. */
  private keep(work: Uint8Array, consumed: number, isView: boolean): void {
    const rest = work.length - consumed;
    if (isView) {
      this.bufferLength = 0;
      if (rest > 0) this.append(work.subarray(consumed));
    } else if (consumed > 0) {
      this.buffer.copyWithin(0, consumed, work.length);
      this.bufferLength = rest;
    }
    this.bufferStart = this.received - rest;
    let drop = 0;
    while (drop + 2 < this.marks.length && this.marks[drop + 2]! <= this.bufferStart) drop += 2;
    if (rest === 0) drop = this.marks.length;
    if (drop > 0) this.marks.splice(0, drop);
  }
}

function isOnlyLineEnds(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (bytes[i] !== CR && bytes[i] !== LF) return false;
  return true;
}
