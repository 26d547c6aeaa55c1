/**
 * Async frame batches from a chunked source (Web ReadableStream, async iterable or iterable of chunks):
 * one batch per input chunk plus a last one at the end, so the await cost is per chunk, never per frame.
 */
import type { CaptureReaderOptions } from './captureReader.ts';
import { CaptureReader } from './captureReader.ts';
import type { ByteSource, FrameBatch } from './frame.ts';

export interface ReadFramesOptions extends CaptureReaderOptions {
  /** Aborting stops the reading: the generator throws the signal's reason and cancels a Web stream. */
  readonly signal?: AbortSignal;
  /** A reader to use, so the caller can look at its format, interfaces and counters during and after. */
  readonly reader?: CaptureReader;
}

/**
 * Yields the frames of `source` batch by batch. Damaged input never throws (it becomes issues); only an
 * abort or an error of the source itself (a failed stream) ends the generator with an exception.
 * A single Uint8Array is accepted too and read as one chunk.
 */
export async function* readFrames(
  source: ByteSource | Uint8Array,
  options: ReadFramesOptions = {},
): AsyncGenerator<FrameBatch, void, undefined> {
  const reader = options.reader ?? new CaptureReader(options);
  const signal = options.signal;
  signal?.throwIfAborted();
  if (source instanceof Uint8Array) {
    yield reader.push(source);
  } else if (isReadableStream(source)) {
    const streamReader = source.getReader();
    let done = false;
    try {
      for (;;) {
        const next = await streamReader.read();
        signal?.throwIfAborted();
        if (next.done) break;
        yield reader.push(next.value);
      }
      done = true;
    } finally {
      if (!done) await streamReader.cancel().catch(() => undefined);
      streamReader.releaseLock();
    }
  } else if (Symbol.asyncIterator in source) {
    for await (const chunk of source) {
      signal?.throwIfAborted();
      yield reader.push(chunk);
    }
  } else {
    for (const chunk of source) {
      signal?.throwIfAborted();
      yield reader.push(chunk);
    }
  }
  yield reader.end();
}

/** All frames and issues of a capture held in memory, or of chunks at hand, read synchronously. */
export function readCapture(input: Uint8Array | Iterable<Uint8Array>, options: CaptureReaderOptions = {}): FrameBatch {
  const reader = new CaptureReader(options);
  const all: FrameBatch = { frames: [], issues: [] };
  const chunks = input instanceof Uint8Array ? [input] : input;
  for (const chunk of chunks) appendBatch(all, reader.push(chunk));
  appendBatch(all, reader.end());
  return all;
}

function appendBatch(into: FrameBatch, batch: FrameBatch): void {
  // A loop, not push(...spread): a batch of a 1 MiB chunk can hold more frames than the stack has room for.
  for (const frame of batch.frames) into.frames.push(frame);
  for (const issue of batch.issues) into.issues.push(issue);
}

function isReadableStream(source: ByteSource): source is ReadableStream<Uint8Array> {
  return typeof (source as ReadableStream<Uint8Array>).getReader === 'function';
}
