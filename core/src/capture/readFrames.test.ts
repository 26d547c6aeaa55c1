import { describe, expect, it } from 'vitest';
import { hex } from '../shared/bytes.ts';
import { buildPcap } from './buildCapture.ts';
import { CaptureReader } from './captureReader.ts';
import type { FrameBatch } from './frame.ts';
import { readCapture, readFrames } from './readFrames.ts';

const PCAP = buildPcap(
  {},
  Array.from({ length: 5 }, (_, i) => ({ seconds: i, fraction: i, data: new Uint8Array(40 + i).fill(i) })),
);
const CHUNKS = [PCAP.slice(0, 30), PCAP.slice(30, 130), PCAP.slice(130)];

async function collect(batches: AsyncGenerator<FrameBatch>): Promise<FrameBatch[]> {
  const out: FrameBatch[] = [];
  for await (const batch of batches) out.push(batch);
  return out;
}

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++]);
      else controller.close();
    },
  });
}

describe('readFrames', () => {
  const expected = readCapture(PCAP).frames;

  it('yields one batch per chunk of a Web ReadableStream, then a last one', async () => {
    const batches = await collect(readFrames(streamOf(CHUNKS)));
    expect(batches).toHaveLength(CHUNKS.length + 1);
    expect(batches.flatMap((b) => b.frames)).toEqual(expected);
  });

  it('reads async iterables, iterables and a single Uint8Array alike', async () => {
    async function* generate() {
      for (const chunk of CHUNKS) yield chunk;
    }
    for (const source of [generate(), CHUNKS, new Set(CHUNKS), PCAP]) {
      const batches = await collect(readFrames(source));
      expect(batches.flatMap((b) => b.frames)).toEqual(expected);
    }
  });

  it('lets the caller watch the reader it passes in', async () => {
    const reader = new CaptureReader();
    await collect(readFrames(CHUNKS, { reader }));
    expect(reader.format).toBe('pcap');
    expect(reader.counters.recordsRead).toBe(5);
    expect(reader.bytesRead).toBe(PCAP.length);
  });

  it('turns damage into issues, not exceptions', async () => {
    const batches = await collect(readFrames([hex('d4 c3 b2 a1 02 00 04 00 00')]));
    expect(batches.flatMap((b) => b.issues).map((i) => i.code)).toEqual(['pcap.truncated_header']);
  });

  it('stops with the abort reason and cancels the stream', async () => {
    const controller = new AbortController();
    let cancelled = false;
    let i = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        c.enqueue(CHUNKS[i++ % CHUNKS.length]);
      },
      cancel() {
        cancelled = true;
      },
    });
    const seen: FrameBatch[] = [];
    const run = async () => {
      for await (const batch of readFrames(stream, { signal: controller.signal })) {
        seen.push(batch);
        if (seen.length === 2) controller.abort(new Error('enough'));
      }
    };
    await expect(run()).rejects.toThrow('enough');
    expect(seen).toHaveLength(2);
    expect(cancelled).toBe(true);
  });

  it('refuses to start when already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('before'));
    await expect(collect(readFrames(CHUNKS, { signal: controller.signal }))).rejects.toThrow('before');
  });

  it('releases a stream when the consumer stops early', async () => {
    const stream = streamOf(CHUNKS);
    for await (const batch of readFrames(stream)) {
      expect(batch).toBeDefined();
      break;
    }
    expect(stream.locked).toBe(false);
  });
});
