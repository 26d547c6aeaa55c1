/** Frame.dataOffset must point at the frame's bytes in the input, for every frame of every real capture (pcap and pcapng). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaptureReader } from './captureReader.ts';

const CAPTURES = join(__dirname, '../../../fixtures/corpus/captures');

describe('Frame.dataOffset', () => {
  for (const file of readdirSync(CAPTURES).filter((f) => /\.(pcap|pcapng|cap|gz)$/.test(f))) {
    it(`locates every frame's bytes in ${file}`, () => {
      const bytes = new Uint8Array(readFileSync(join(CAPTURES, file)));
      const reader = new CaptureReader();
      // Odd chunk sizes make frames straddle chunks (the reader then copies them: the offset must still hold).
      const frames = [];
      for (let at = 0; at < bytes.length; at += 4093) frames.push(...reader.push(bytes.subarray(at, at + 4093)).frames);
      frames.push(...reader.end().frames);
      if (reader.format === 'gzip') return; // offsets are in the decompressed stream, checked by the other files
      expect(frames.length).toBeGreaterThan(0);
      for (const f of frames) {
        expect(bytes.subarray(f.dataOffset, f.dataOffset + f.data.length)).toEqual(f.data);
      }
    });
  }
});
