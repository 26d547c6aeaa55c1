/**
 * Throughput of the capture reader on ~200 MB built in memory (not run by the tests):
 *   npx tsx core/src/capture/capture.bench.ts [megabytes]
 * Compares pcap, pcapng and gzip reading in 1 MiB chunks with a bare DataView loop over the same pcap
 * (the floor any reader pays to visit every record header).
 */
import { gzipSync } from 'fflate';
import { concatBytes } from '../shared/bytes.ts';
import { buildPcap, pcapngInterface, pcapngSectionHeader } from './buildCapture.ts';
import { CaptureReader } from './captureReader.ts';

const CHUNK_BYTES = 1 << 20;
/** Frame sizes seen in SIP/RTP captures: ACKs, RTP, SIP requests, SDP-laden INVITEs, full-size segments. */
const SIZES = [60, 214, 342, 590, 1400, 920, 128, 1514, 214, 214];

function syntheticPcap(targetBytes: number): Uint8Array {
  const records = [];
  let total = 24;
  for (let i = 0; total < targetBytes; i++) {
    const size = SIZES[i % SIZES.length];
    const data = new Uint8Array(size);
    for (let j = 0; j < size; j += 7) data[j] = (i + j) & 0xff;
    records.push({ seconds: 1_700_000_000 + (i >> 10), fraction: (i * 37) % 1_000_000, data });
    total += 16 + size;
  }
  return buildPcap({ snapLength: 262144 }, records);
}

/** The same records as pcapng EPBs (nanosecond interface), built directly for speed. */
function syntheticPcapng(pcap: Uint8Array): Uint8Array {
  const tsresolNs = new Uint8Array([9, 0, 1, 0, 9, 0, 0, 0]);
  const head = concatBytes([pcapngSectionHeader(), pcapngInterface(1, 262144, tsresolNs)]);
  const view = new DataView(pcap.buffer, pcap.byteOffset, pcap.byteLength);
  let blocksBytes = 0;
  for (let at = 24; at < pcap.length; at += 16 + view.getUint32(at + 8, true)) {
    blocksBytes += 32 + ((view.getUint32(at + 8, true) + 3) & ~3);
  }
  const out = new Uint8Array(head.length + blocksBytes);
  out.set(head);
  const w = new DataView(out.buffer);
  let pos = head.length;
  for (let at = 24; at < pcap.length; ) {
    const caplen = view.getUint32(at + 8, true);
    const length = 32 + ((caplen + 3) & ~3);
    const ticks = BigInt(view.getUint32(at, true)) * 1_000_000_000n + BigInt(view.getUint32(at + 4, true)) * 1000n;
    w.setUint32(pos, 6, true);
    w.setUint32(pos + 4, length, true);
    w.setUint32(pos + 12, Number(ticks >> 32n), true);
    w.setUint32(pos + 16, Number(ticks & 0xffffffffn), true);
    w.setUint32(pos + 20, caplen, true);
    w.setUint32(pos + 24, caplen, true);
    out.set(pcap.subarray(at + 16, at + 16 + caplen), pos + 28);
    w.setUint32(pos + length - 4, length, true);
    pos += length;
    at += 16 + caplen;
  }
  return out;
}

function chunks(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK_BYTES) out.push(bytes.subarray(i, i + CHUNK_BYTES));
  return out;
}

function timeReader(name: string, bytes: Uint8Array, megabytesOf = bytes.length): void {
  const parts = chunks(bytes);
  let best = Infinity;
  let frames = 0;
  for (let run = 0; run < 3; run++) {
    const reader = new CaptureReader();
    frames = 0;
    const start = performance.now();
    for (const part of parts) frames += reader.push(part).frames.length;
    frames += reader.end().frames.length;
    best = Math.min(best, performance.now() - start);
  }
  report(name, megabytesOf, best, frames);
}

/** Walks the records of a whole in-memory pcap and touches each timestamp and data view: the floor. */
function timeBareLoop(bytes: Uint8Array): void {
  let best = Infinity;
  let frames = 0;
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const kept: { seconds: number; nanoseconds: number; data: Uint8Array }[] = [];
    frames = 0;
    for (let at = 24; at + 16 <= bytes.length; ) {
      const caplen = view.getUint32(at + 8, true);
      kept.push({ seconds: view.getUint32(at, true), nanoseconds: view.getUint32(at + 4, true) * 1000, data: bytes.subarray(at + 16, at + 16 + caplen) });
      if (kept.length === 4096) kept.length = 0;
      frames++;
      at += 16 + caplen;
    }
    best = Math.min(best, performance.now() - start);
  }
  report('bare DataView loop (pcap)', bytes.length, best, frames);
}

function report(name: string, bytes: number, ms: number, frames: number): void {
  const mbPerSecond = bytes / 1e6 / (ms / 1000);
  const framesPerSecond = frames / (ms / 1000);
  console.log(
    `${name.padEnd(34)} ${(bytes / 1e6).toFixed(0).padStart(5)} MB  ${ms.toFixed(0).padStart(6)} ms  ` +
      `${mbPerSecond.toFixed(0).padStart(6)} MB/s  ${(framesPerSecond / 1e6).toFixed(2)} M frames/s  (${frames} frames)`,
  );
}

const megabytes = Number(globalThis.process?.argv[2] ?? 200);
const pcap = syntheticPcap(megabytes * 1e6);
const pcapng = syntheticPcapng(pcap);
timeBareLoop(pcap);
timeReader('CaptureReader pcap, 1 MiB chunks', pcap);
timeReader('CaptureReader pcapng, 1 MiB chunks', pcapng);
const gzipSource = pcap.subarray(0, Math.min(pcap.length, 50e6));
const gz = gzipSync(gzipSource, { level: 6 });
timeReader('CaptureReader gzip pcap (MB inflated)', gz, gzipSource.length);
