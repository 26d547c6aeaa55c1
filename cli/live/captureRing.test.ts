import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaptureReader } from '../../core/src/capture/captureReader.ts';
import { PcapngWriter } from '../../core/src/export/pcapngWriter.ts';
import { PcapWriter } from '../../core/src/export/pcapWriter.ts';
import { concatBytes } from '../../core/src/shared/bytes.ts';
import { CliError } from '../cliError.ts';
import { CaptureRingWriter } from './captureRing.ts';

/** Frame i carries its own number in its first 4 bytes, so the files can be checked for which frames they hold. */
function frame(i: number, size: number): { timestamp: { seconds: number; nanoseconds: number }; data: Uint8Array } {
  const data = new Uint8Array(size);
  new DataView(data.buffer).setUint32(0, i);
  return { timestamp: { seconds: 1_700_000_000 + i, nanoseconds: 0 }, data };
}

function pcapngStream(count: number): Uint8Array {
  const w = new PcapngWriter({ interfaces: [{ linkType: 1, name: 'lo' }, { linkType: 1, name: 'eth0' }] });
  return concatBytes([w.header(), ...Array.from({ length: count }, (_, i) => w.frame({ ...frame(i, 200 + (i % 7) * 50), interfaceId: i % 2 }))]);
}

function pcapStream(count: number): Uint8Array {
  const w = new PcapWriter();
  return concatBytes([w.header(), ...Array.from({ length: count }, (_, i) => w.frame(frame(i, 300)))]);
}

function framesOf(path: string): number[] {
  const reader = new CaptureReader();
  const batch = reader.push(new Uint8Array(readFileSync(path)));
  const end = reader.end();
  expect([...batch.issues, ...end.issues]).toEqual([]);
  return [...batch.frames, ...end.frames].map((f) => new DataView(f.data.buffer, f.data.byteOffset).getUint32(0));
}

function writeInChunks(stream: Uint8Array, sizes: readonly number[], files: number, fileBytes: number): { dir: string; ring: CaptureRingWriter } {
  const dir = mkdtempSync(join(tmpdir(), 'sipladder-ring-'));
  const ring = new CaptureRingWriter(join(dir, 'calls.pcapng'), { files, fileBytes }, false, () => new Date(2026, 10, 21, 9, 30, 0));
  let at = 0;
  for (let k = 0; at < stream.length; k++) {
    const n = sizes.length === 0 ? stream.length : Math.max(1, sizes[k % sizes.length]!);
    ring.write(stream.subarray(at, at + n));
    at += n;
  }
  ring.close();
  return { dir, ring };
}

describe('CaptureRingWriter', () => {
  it('keeps the last N files, each a pcapng that opens on its own, holding the newest frames in order', () => {
    const { dir, ring } = writeInChunks(pcapngStream(400), [1000, 7, 4096], 3, 8 * 1024);
    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(3);
    expect(ring.written.length).toBeGreaterThan(3);
    expect(files[0]).toMatch(/^calls_\d{5}_20261121093000\.pcapng$/);
    const frames = files.flatMap((f) => framesOf(join(dir, f)));
    expect(frames[frames.length - 1]).toBe(399);
    expect(frames).toEqual(Array.from({ length: frames.length }, (_, k) => 400 - frames.length + k));
    // the interfaces are described again in every file
    for (const f of files) {
      const r = new CaptureReader();
      r.push(new Uint8Array(readFileSync(join(dir, f))));
      expect(r.interfaces.map((i) => i.name)).toEqual(['lo', 'eth0']);
    }
    for (const old of ring.written.slice(0, -3)) expect(existsSync(old)).toBe(false);
  });

  it('cuts classic pcap between records and repeats the file header', () => {
    const { dir } = writeInChunks(pcapStream(100), [333], 2, 4 * 1024);
    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(2);
    const frames = files.flatMap((f) => framesOf(join(dir, f)));
    expect(frames[frames.length - 1]).toBe(99);
  });

  it('loses no frame of the window whatever the chunking (property)', () => {
    const stream = pcapngStream(120);
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 3000 }), { maxLength: 20 }), (sizes) => {
      const { dir, ring } = writeInChunks(stream, sizes, 100, 4 * 1024);
      const frames = readdirSync(dir).sort().flatMap((f) => framesOf(join(dir, f)));
      expect(frames).toEqual(Array.from({ length: 120 }, (_, i) => i));
      expect(ring.bytes).toBeGreaterThan(stream.length); // headers repeated per file
    }), { numRuns: 15 });
  });

  it('refuses a stream that is not pcap or pcapng, and a damaged block length', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sipladder-ring-'));
    const gzip = new CaptureRingWriter(join(dir, 'a.pcapng'), { files: 2, fileBytes: 4096 }, false);
    expect(() => gzip.write(new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0]))).toThrow(/pcap or pcapng/);
    // The block after the section header claims 6 bytes: not a pcapng block length.
    const broken = pcapngStream(3);
    const shbLength = new DataView(broken.buffer).getUint32(4, true);
    new DataView(broken.buffer).setUint32(shbLength + 4, 6, true);
    const ring = new CaptureRingWriter(join(dir, 'b.pcapng'), { files: 2, fileBytes: 4096 }, false);
    expect(() => ring.write(broken)).toThrow(CliError);
  });

  it('needs at least two files', () => {
    expect(() => new CaptureRingWriter('/tmp/x.pcapng', { files: 1, fileBytes: 4096 }, false)).toThrow(/at least 2 files/);
  });
});
