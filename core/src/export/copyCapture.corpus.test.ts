/**
 * Copying frames read from real captures: classic pcap files written back with their own header values
 * must come out byte-identical; pcapng files written back must read as the same frames.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CaptureReader } from '../capture/captureReader.ts';
import type { Frame } from '../capture/frame.ts';
import { writePcap } from './pcapWriter.ts';
import { writePcapng } from './pcapngWriter.ts';

const CAPTURES = new URL('../../../fixtures/corpus/captures/', import.meta.url);
const files = readdirSync(CAPTURES).filter((n) => /\.(pcap|pcapng)(\.v\d)?$/.test(n));

function read(bytes: Uint8Array): { frames: Frame[]; reader: CaptureReader; issues: number } {
  const reader = new CaptureReader();
  const first = reader.push(bytes);
  const last = reader.end();
  return { frames: [...first.frames, ...last.frames], reader, issues: first.issues.length + last.issues.length };
}

const comparable = (f: Frame) => ({ t: f.timestamp, data: f.data, originalLength: f.originalLength, interfaceId: f.interfaceId, linkType: f.linkType });

describe('copying frames read from real captures', () => {
  it('finds corpus captures to copy', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('writes classic little-endian pcap files back byte for byte', () => {
    let identical = 0;
    for (const name of files) {
      const original = new Uint8Array(readFileSync(new URL(name, CAPTURES)));
      const view = new DataView(original.buffer, original.byteOffset, original.byteLength);
      const magic = view.getUint32(0, true);
      // Only plain LE files whose header has thiszone = sigfigs = 0 and no FCS bits can round-trip exactly.
      if (magic !== 0xa1b2c3d4 && magic !== 0xa1b23c4d) continue;
      if (view.getUint32(8, true) !== 0 || view.getUint32(12, true) !== 0 || view.getUint32(20, true) > 0xffff) continue;
      const { frames, reader, issues } = read(original);
      if (issues > 0) continue; // damaged files are the reader's business, not a copy test
      const copy = writePcap(frames, { linkType: reader.interfaces[0]!.linkType, snapLength: view.getUint32(16, true), nanosecond: magic === 0xa1b23c4d });
      expect({ name, equal: copy.length === original.length && copy.every((b, i) => b === original[i]) }).toEqual({ name, equal: true });
      identical++;
    }
    expect(identical).toBeGreaterThan(10);
  });

  it('writes pcapng files back as the same frames on the same interfaces', () => {
    let copied = 0;
    for (const name of files) {
      const original = new Uint8Array(readFileSync(new URL(name, CAPTURES)));
      if (new DataView(original.buffer, original.byteOffset).getUint32(0, true) !== 0x0a0d0d0a) continue;
      const { frames, reader, issues } = read(original);
      if (issues > 0 || frames.length === 0) continue;
      const copy = writePcapng(frames, {
        interfaces: reader.interfaces.map((i) => ({ linkType: i.linkType, tsresolDigits: i.timePrecisionDigits, snapLength: i.snapLength })),
      });
      const again = read(copy);
      expect(again.issues).toBe(0);
      expect(again.frames.map(comparable)).toEqual(frames.map(comparable));
      copied++;
    }
    expect(copied).toBeGreaterThan(2);
  });
});
