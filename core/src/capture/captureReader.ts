/**
 * Streaming capture reader: byte chunks of any size in, frames out, never the whole file in memory.
 * Formats: classic pcap, pcapng, and either inside gzip (RFC 1952, concatenated members too).
 *
 * Frame data and chunk ownership: a record that lies inside one pushed chunk is returned as a view of that
 * chunk (no copy), so the caller must not overwrite a chunk after pushing it (fresh chunks from a
 * ReadableStream, fs stream or fetch are fine). Records spanning chunks are copied into fresh buffers.
 * A frame view keeps its whole chunk alive; pass `copyFrameData: true` to copy each frame instead (costs
 * time, frees chunks sooner when only a few frames are kept).
 *
 * For gzip input, Frame.fileOffset is an offset in the decompressed stream, and `bytesRead` counts
 * compressed bytes (`counters.decompressedBytes` counts the others).
 */
import type { CaptureCounters } from './captureContext.ts';
import { CaptureContext } from './captureContext.ts';
import type { CaptureFormat, CaptureInterface, FrameBatch } from './frame.ts';
import { StreamRouter } from './streamRouter.ts';

export interface CaptureReaderOptions {
  /** Copy each frame's bytes out of the input chunks (default false: frames view the chunks). */
  readonly copyFrameData?: boolean;
}

export class CaptureReader {
  private readonly ctx: CaptureContext;
  private readonly router: StreamRouter;
  private ended = false;

  constructor(options: CaptureReaderOptions = {}) {
    this.ctx = new CaptureContext(options.copyFrameData ?? false);
    this.router = new StreamRouter(this.ctx, true);
  }

  /** Reads what it can from one more chunk; the chunk must not be modified afterwards. */
  push(chunk: Uint8Array): FrameBatch {
    if (!this.ended) {
      this.ctx.bytesRead += chunk.length;
      this.router.push(chunk);
    }
    return this.ctx.takeBatch();
  }

  /** The input is over: returns the last frames and the issues about how the input ended. */
  end(): FrameBatch {
    if (!this.ended) {
      this.ended = true;
      this.router.end();
      this.ctx.reportSuppressed();
    }
    return this.ctx.takeBatch();
  }

  /** The outer format ('gzip' for compressed input); 'unknown' until the first bytes have been seen. */
  get format(): CaptureFormat {
    return this.router.format ?? 'unknown';
  }

  /** The format of the records themselves: what gzip decompressed to, else the same as `format`. */
  get contentFormat(): CaptureFormat {
    if (this.router.format === 'gzip') return this.router.inner?.format ?? 'unknown';
    return this.format;
  }

  /** Interfaces described so far (one for classic pcap), indexed by Frame.interfaceId; a copy. */
  get interfaces(): CaptureInterface[] {
    return this.ctx.interfaces.slice();
  }

  /** Input bytes pushed so far (compressed bytes for gzip). */
  get bytesRead(): number {
    return this.ctx.bytesRead;
  }

  get counters(): CaptureCounters {
    const counters = this.ctx.counters();
    if (this.router.format === 'gzip') return counters;
    return { ...counters, decompressedBytes: counters.bytesRead };
  }
}
