import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { concatBytes, hex } from '../shared/bytes.ts';
import { buildPcap, pcapngInterface, pcapngPacket, pcapngSectionHeader } from './buildCapture.ts';
import { CaptureReader } from './captureReader.ts';
import type { FrameBatch } from './frame.ts';
import { readCapture } from './readFrames.ts';

const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

/** Three Ethernet-ish records of growing size. */
const PCAP = buildPcap({}, [
  { seconds: 100, fraction: 1, data: hex('00 01 02 03 04 05 06 07 08 09') },
  { seconds: 101, fraction: 2, data: new Uint8Array(300).fill(0x41) },
  { seconds: 102, fraction: 3, data: new Uint8Array(1500).fill(0x42) },
]);
const PCAPNG = concatBytes([
  pcapngSectionHeader(),
  pcapngInterface(1, 0),
  pcapngPacket({ interfaceId: 0, ticks: 1_000_001n, data: hex('01 02 03') }),
  pcapngPacket({ interfaceId: 0, ticks: 2_000_002n, data: new Uint8Array(700).fill(7) }),
]);

function readAll(reader: CaptureReader, chunks: Uint8Array[]): FrameBatch {
  const all: FrameBatch = { frames: [], issues: [] };
  for (const batch of [...chunks.map((c) => reader.push(c)), reader.end()]) {
    all.frames.push(...batch.frames);
    all.issues.push(...batch.issues);
  }
  return all;
}

function chunksOf(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.slice(i, i + size));
  return out;
}

describe('CaptureReader', () => {
  it('reads a gzip-compressed pcap as the pcap itself, offsets in the decompressed stream', () => {
    const gz = gzipSync(PCAP);
    const reader = new CaptureReader();
    const { frames, issues } = readAll(reader, [gz]);
    expect(issues).toEqual([]);
    expect(frames).toEqual(readCapture(PCAP).frames);
    expect(reader.format).toBe('gzip');
    expect(reader.contentFormat).toBe('pcap');
    expect(reader.bytesRead).toBe(gz.length);
    expect(reader.counters).toMatchObject({ bytesRead: gz.length, decompressedBytes: PCAP.length, recordsRead: 3 });
  });

  it('reads concatenated gzip members of a pcapng, one byte at a time', () => {
    const gz = concatBytes([gzipSync(PCAPNG.subarray(0, 50)), gzipSync(PCAPNG.subarray(50))]);
    const { frames, issues } = readAll(new CaptureReader(), chunksOf(gz, 1));
    expect(issues).toEqual([]);
    expect(frames).toEqual(readCapture(PCAPNG).frames);
  });

  it('keeps the frames before a gzip stream that is cut short', () => {
    // 60 records of poorly compressible bytes, so that half the gzip data holds about half the records.
    let state = 1;
    const noise = () => ((state ^= state << 13), (state ^= state >>> 17), (state ^= state << 5), state & 0xff); // xorshift32
    const records = Array.from({ length: 60 }, (_, i) => ({
      seconds: i,
      fraction: 0,
      data: Uint8Array.from({ length: 200 }, noise),
    }));
    const pcap = buildPcap({}, records);
    const gz = gzipSync(pcap);
    const whole = readCapture(pcap).frames;
    const { frames, issues } = readCapture(gz.subarray(0, gz.length >> 1));
    expect(frames.length).toBeGreaterThan(10);
    expect(frames.length).toBeLessThan(50);
    expect(frames).toEqual(whole.slice(0, frames.length));
    expect(codes(issues)).toEqual(['gzip.truncated', 'pcap.truncated_record']);
  });

  it('notices a gzip stream cut inside its trailer', () => {
    const gz = gzipSync(PCAP);
    const { frames, issues } = readCapture(gz.subarray(0, gz.length - 3));
    expect(frames).toHaveLength(3);
    expect(codes(issues)).toEqual(['gzip.truncated']);
    expect(readCapture(gz.subarray(0, 6)).issues.map((i) => i.code)).toEqual(['gzip.truncated']);
  });

  it('names corrupt gzip data and stops there', () => {
    const gz = gzipSync(PCAP);
    gz[10] = 0x07; // first deflate block: BFINAL 1, BTYPE 11 (reserved, invalid)
    const { frames, issues } = readCapture(gz);
    expect(frames).toEqual([]);
    expect(issues[0]).toMatchObject({ code: 'gzip.corrupt', severity: 'error' });
  });

  it('checks each member against its CRC-32, which fflate does not', () => {
    // Stored (level 0) deflate blocks inflate whatever their bytes are: only the CRC can tell.
    const members = [gzipSync(PCAP.subarray(0, 1000), { level: 0 }), gzipSync(PCAP.subarray(1000), { level: 0 })];
    const flip = (m: Uint8Array) => {
      const copy = m.slice();
      copy[copy.length - 20] ^= 0x01; // a data byte near the member's end
      return copy;
    };
    const last = readCapture(concatBytes([members[0], flip(members[1])]));
    expect(last.frames).toHaveLength(3);
    expect(codes(last.issues)).toEqual(['gzip.crc_mismatch']);
    expect(last.issues[0].message).toContain('gzip member 2');
    const first = readCapture(concatBytes([flip(members[0]), members[1]]));
    expect(first.frames).toHaveLength(3);
    expect(codes(first.issues)).toEqual(['gzip.crc_mismatch']);
    expect(first.issues[0].message).toContain('gzip member 1');
  });

  it('ignores bytes after the last gzip member, saying so', () => {
    const gz = concatBytes([gzipSync(PCAP), new Uint8Array(16)]);
    const { frames, issues } = readCapture(gz);
    expect(frames).toHaveLength(3);
    expect(codes(issues)).toEqual(['gzip.trailing_garbage']);
  });

  it('reports gzip that holds no capture as an unknown format', () => {
    const reader = new CaptureReader();
    const { frames, issues } = readAll(reader, [gzipSync(new TextEncoder().encode('hello, world\n'))]);
    expect(frames).toEqual([]);
    expect(codes(issues)).toEqual(['capture.unknown_format']);
    expect(reader.contentFormat).toBe('unknown');
  });

  it('reports an unknown format with its first bytes and reads nothing', () => {
    const reader = new CaptureReader();
    const { frames, issues } = readAll(reader, [hex('50 4b 03 04 14 00 00 00'), new Uint8Array(5000)]);
    expect(frames).toEqual([]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'capture.unknown_format', severity: 'error', value: '50 4b 03 04 14 00 00 00' });
    expect(reader.format).toBe('unknown');
  });

  it('leaves SIP text to the caller', () => {
    const reader = new CaptureReader();
    const text = new TextEncoder().encode('OPTIONS sip:a@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h\r\n\r\n');
    const { frames, issues } = readAll(reader, chunksOf(text, 7));
    expect(frames).toEqual([]);
    expect(codes(issues)).toEqual(['capture.sip_text']);
    expect(reader.format).toBe('sip-text');
  });

  it('names empty input', () => {
    expect(codes(readCapture(new Uint8Array(0)).issues)).toEqual(['capture.empty']);
  });

  it('detects the format across tiny first chunks', () => {
    const reader = new CaptureReader();
    const { frames } = readAll(reader, [PCAPNG.subarray(0, 1), PCAPNG.subarray(1, 3), PCAPNG.subarray(3)]);
    expect(reader.format).toBe('pcapng');
    expect(frames).toHaveLength(2);
  });

  it('copies a record that spans chunks, so the frame survives reuse of the chunks', () => {
    const chunks = chunksOf(PCAP, 100); // the 300-byte record spans chunks
    const { frames } = readAll(new CaptureReader(), chunks);
    for (const chunk of chunks) chunk.fill(0xee);
    expect(frames[1].data).toEqual(new Uint8Array(300).fill(0x41));
  });

  it('views the chunk for a record inside it, unless asked to copy', () => {
    const chunk = PCAP.slice();
    const viewed = readAll(new CaptureReader(), [chunk]).frames[0];
    const copied = readAll(new CaptureReader({ copyFrameData: true }), [chunk]).frames[0];
    expect(viewed.data.buffer).toBe(chunk.buffer);
    expect(copied.data.buffer).not.toBe(chunk.buffer);
    expect(copied.data).toEqual(viewed.data);
  });

  it('ignores input pushed after the end', () => {
    const reader = new CaptureReader();
    reader.push(PCAP);
    reader.end();
    expect(reader.push(PCAP)).toEqual({ frames: [], issues: [] });
    expect(reader.end()).toEqual({ frames: [], issues: [] });
    expect(reader.counters.recordsRead).toBe(3);
  });

  it('lists at most 50 issues of one code and counts the rest', () => {
    const packets = Array.from({ length: 60 }, () => pcapngPacket({ interfaceId: 9, ticks: 0n, data: hex('00') }));
    const { issues } = readCapture(concatBytes([pcapngSectionHeader(), ...packets]));
    expect(issues.filter((i) => i.code === 'pcapng.unknown_interface')).toHaveLength(50);
    expect(issues.at(-1)).toMatchObject({ code: 'capture.issues_suppressed', value: 10 });
  });
});
