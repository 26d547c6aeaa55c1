/**
 * One byte stream's route: gather the first bytes, name the format (detectCaptureFormat), then feed the
 * pcap or pcapng framer, or a gzip inflater whose output is routed again one level down.
 */
import type { CaptureContext } from './captureContext.ts';
import { detectCaptureFormat, SNIFF_TEXT_BYTES } from './detectCaptureFormat.ts';
import type { CaptureFormat } from './frame.ts';
import { GzipInflater } from './gzipInflater.ts';
import { PcapngReader } from './pcapngReader.ts';
import { PcapReader } from './pcapReader.ts';
import type { RecordParser } from './recordParser.ts';
import { RecordFramer } from './recordFramer.ts';

/** Bytes enough to tell every binary format apart. */
const MAGIC_BYTES = 4;

export class StreamRouter {
  /** Undefined until enough bytes arrived to decide. */
  format: CaptureFormat | undefined;
  /** The decompressed stream's route, for gzip. */
  inner: StreamRouter | undefined;
  /** Bytes routed here (decompressed bytes for the inner route). */
  totalBytes = 0;
  private head: Uint8Array | null = null;
  private headLength = 0;
  private parser: RecordParser | undefined;
  private framer: RecordFramer | undefined;
  private gzip: GzipInflater | undefined;

  constructor(
    private readonly ctx: CaptureContext,
    private readonly allowGzip: boolean,
  ) {}

  push(chunk: Uint8Array): void {
    this.totalBytes += chunk.length;
    if (this.format !== undefined) {
      this.route(chunk);
      return;
    }
    if (this.headLength === 0 && this.decide(chunk, false)) {
      this.route(chunk);
      return;
    }
    this.gather(chunk);
    const head = this.head!.subarray(0, this.headLength);
    if (this.decide(head, false)) {
      this.head = null;
      this.headLength = 0;
      this.route(head);
    }
  }

  end(): void {
    if (this.format === undefined) {
      const head = this.head === null ? new Uint8Array(0) : this.head.subarray(0, this.headLength);
      this.head = null;
      this.decide(head, true);
      this.route(head);
    }
    if (this.framer !== undefined) {
      this.framer.end();
      const stoppedAt = this.parser!.stoppedAt;
      if (stoppedAt >= 0) {
        const unread = this.framer.totalBytes - stoppedAt;
        this.ctx.report(
          'capture.garbage_tail',
          `${unread} bytes from offset ${stoppedAt} to the end were not read.`,
          unread,
        );
      }
    }
    if (this.gzip !== undefined) {
      this.gzip.end();
      // A gzip failure before any output is already named; "decompresses to nothing" would repeat it.
      if (this.gzip.healthy || this.inner!.totalBytes > 0) this.inner!.end();
    }
  }

  private route(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    if (this.framer !== undefined) this.framer.push(chunk);
    else if (this.gzip !== undefined) this.gzip.push(chunk);
  }

  /** Names the format from `first` if it can (or must, at the end) and sets up the route. */
  private decide(first: Uint8Array, final: boolean): boolean {
    let format = detectCaptureFormat(first);
    const binary = format === 'pcap' || format === 'pcapng' || format === 'gzip';
    // Not a binary magic yet: either fewer than MAGIC_BYTES arrived, or it is text, whose whole first
    // line is needed to tell SIP from anything else. No frames come from text, so waiting costs nothing.
    if (!final && !binary && first.length < SNIFF_TEXT_BYTES) return false;
    if (format === 'gzip' && !this.allowGzip) format = 'unknown';
    this.format = format;
    if (format === 'pcap' || format === 'pcapng') {
      this.parser = format === 'pcap' ? new PcapReader(this.ctx) : new PcapngReader(this.ctx);
      this.framer = new RecordFramer(this.parser);
    } else if (format === 'gzip') {
      const inner = new StreamRouter(this.ctx, false);
      this.inner = inner;
      this.gzip = new GzipInflater(this.ctx, (chunk) => inner.push(chunk));
    } else if (first.length === 0) {
      this.ctx.report('capture.empty', this.allowGzip ? 'The input is empty.' : 'The gzip data decompresses to nothing.');
    } else if (format === 'sip-text') {
      this.ctx.report('capture.sip_text', 'The input starts with a SIP start line: it is SIP text, not a packet capture.');
    } else {
      const shown = Array.from(first.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
      this.ctx.report(
        'capture.unknown_format',
        `The ${this.allowGzip ? 'input' : 'decompressed data'} starts with bytes ${shown}, which no supported ` +
          'capture format starts with; no frames were read.',
        shown,
      );
    }
    return true;
  }

  private gather(chunk: Uint8Array): void {
    const needed = this.headLength + chunk.length;
    if (this.head === null || this.head.length < needed) {
      const grown = new Uint8Array(Math.max(needed, 2 * (this.head?.length ?? 0), MAGIC_BYTES * 4));
      if (this.head !== null) grown.set(this.head.subarray(0, this.headLength));
      this.head = grown;
    }
    this.head.set(chunk, this.headLength);
    this.headLength = needed;
  }
}
