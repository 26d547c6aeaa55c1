/**
 * `--write FILE --ring N [--ring-mb M]`: the capture saved as a ring of N files of about M MB each, the oldest
 * deleted as a new one starts (dumpcap's `-b files:N -b filesize:KB`, tcpdump's `-W N -C M`), so a capture
 * left running for days keeps a bounded window on disk. Files are cut between whole blocks (pcapng) or records
 * (pcap), and each starts with the stream's headers (pcapng section and interface blocks, the pcap file header),
 * so every file of the ring opens on its own. Names follow dumpcap: calls_00001_20261121093000.pcapng.
 */
import { closeSync, openSync, unlinkSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { CliError, EXIT } from '../cliError.ts';
import { describeWriteError } from '../writeOutput.ts';
import { CAPTURE_WORDING } from './captureWriter.ts';
import { writeAllSync } from './writeAllSync.ts';

export interface RingOptions {
  /** Files kept (the oldest beyond it is deleted). */
  readonly files: number;
  /** A new file starts once the current one holds this many bytes. */
  readonly fileBytes: number;
}

/** A block or record this big means the stream is not what its header said. */
const MAX_BLOCK_BYTES = 64 << 20;
const PCAPNG_SHB = 0x0a0d0d0a;
const PCAPNG_IDB = 0x00000001;
const PCAP_MAGICS = new Set([0xa1b2c3d4, 0xa1b23c4d]);

type Format = { kind: 'pcapng'; littleEndian: boolean } | { kind: 'pcap'; littleEndian: boolean };

export class CaptureRingWriter {
  /** Bytes written over all files. */
  bytes = 0;
  /** Files written so far, oldest first (the deleted ones included). */
  readonly written: string[] = [];
  private readonly kept: string[] = [];
  private fd: number | undefined;
  private fileBytes = 0;
  private format: Format | undefined;
  private pending: Uint8Array = new Uint8Array(0);
  /** pcapng: the current section header and its interface blocks; pcap: the file header. */
  private headers: Uint8Array[] = [];
  private sequence = 0;
  private closed = false;

  constructor(readonly path: string, readonly ring: RingOptions, private readonly force: boolean, private readonly now: () => Date = () => new Date()) {
    if (!(ring.files >= 2) || !(ring.fileBytes >= 1024)) throw new CliError('--ring needs at least 2 files of at least 1 KB', EXIT.usage);
  }

  /** The file being written (or about to be). */
  get currentPath(): string | undefined {
    return this.kept[this.kept.length - 1];
  }

  write(chunk: Uint8Array): void {
    if (this.closed || chunk.length === 0) return;
    this.pending = this.pending.length === 0 ? chunk : concat(this.pending, chunk);
    let at = 0;
    for (;;) {
      const size = this.nextUnit(at);
      if (size === undefined) break;
      this.emit(this.pending.subarray(at, at + size));
      at += size;
    }
    this.pending = at === 0 ? this.pending : this.pending.slice(at);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    // A partial block at the end (the tool was stopped mid-write) is kept as it is, as a plain --write would.
    if (this.fd === undefined && this.written.length === 0 && (this.headers.length > 0 || this.pending.length > 0)) this.rotate();
    if (this.pending.length > 0 && this.fd !== undefined) this.writeBytes(this.pending);
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  /** Length of the block or record at `at` when all of it is pending, else undefined. */
  private nextUnit(at: number): number | undefined {
    const bytes = this.pending;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (this.format === undefined) {
      if (bytes.length - at < 12) return undefined;
      this.format = detect(view, at);
      if (this.format.kind === 'pcap') return 24;
    }
    const le = this.format.littleEndian;
    if (this.format.kind === 'pcap') {
      if (bytes.length - at < 16) return undefined;
      const size = 16 + view.getUint32(at + 8, le);
      if (size > MAX_BLOCK_BYTES) throw damaged(`a pcap record of ${size} bytes at byte ${this.bytes}`);
      return bytes.length - at >= size ? size : undefined;
    }
    if (bytes.length - at < 12) return undefined;
    if (view.getUint32(at, true) === PCAPNG_SHB) {
      // A new section may change the byte order (RFC draft-ietf-opsawg-pcapng §4.1).
      this.format = { kind: 'pcapng', littleEndian: view.getUint32(at + 8, true) === 0x1a2b3c4d };
    }
    const size = view.getUint32(at + 4, this.format.littleEndian);
    if (size < 12 || size % 4 !== 0 || size > MAX_BLOCK_BYTES) throw damaged(`a pcapng block of ${size} bytes at byte ${this.bytes}`);
    return bytes.length - at >= size ? size : undefined;
  }

  private emit(unit: Uint8Array): void {
    const format = this.format!;
    let header: boolean;
    if (format.kind === 'pcap') {
      header = this.headers.length === 0;
    } else {
      // The section header's type reads the same in both byte orders (0A 0D 0D 0A).
      const type = new DataView(unit.buffer, unit.byteOffset, 4).getUint32(0, format.littleEndian);
      if (type === PCAPNG_SHB) this.headers = [];
      header = type === PCAPNG_SHB || type === PCAPNG_IDB;
    }
    if (header) {
      this.headers.push(unit.slice());
      // Written with the first file; one arriving mid-file (a new section or interface) goes into it too.
      if (this.fd !== undefined) this.writeBytes(unit);
      return;
    }
    if (this.fd === undefined || this.fileBytes >= this.ring.fileBytes) this.rotate();
    this.writeBytes(unit);
  }

  /** Starts the next file with the stream's headers, deleting the oldest beyond the ring's size. */
  private rotate(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    const path = this.nextPath();
    try {
      this.fd = openSync(path, this.force ? 'w' : 'wx');
    } catch (error) {
      throw ringWriteError(path, error);
    }
    this.kept.push(path);
    this.written.push(path);
    this.fileBytes = 0;
    while (this.kept.length > this.ring.files) {
      const old = this.kept.shift()!;
      try { unlinkSync(old); } catch { /* already gone: nothing to keep bounded */ }
    }
    for (const h of this.headers) this.writeBytes(h);
  }

  private nextPath(): string {
    this.sequence++;
    const ext = extname(this.path) || '.pcapng';
    const stem = basename(this.path, extname(this.path));
    const t = this.now();
    const stamp = `${t.getFullYear()}${pad(t.getMonth() + 1)}${pad(t.getDate())}${pad(t.getHours())}${pad(t.getMinutes())}${pad(t.getSeconds())}`;
    return join(dirname(this.path), `${stem}_${String(this.sequence).padStart(5, '0')}_${stamp}${ext}`);
  }

  private writeBytes(bytes: Uint8Array): void {
    try {
      writeAllSync(this.fd!, bytes);
    } catch (error) {
      throw ringWriteError(this.currentPath ?? this.path, error);
    }
    this.fileBytes += bytes.length;
    this.bytes += bytes.length;
  }
}

function detect(view: DataView, at: number): Format {
  const first = view.getUint32(at, true);
  if (first === PCAPNG_SHB) return { kind: 'pcapng', littleEndian: view.getUint32(at + 8, true) === 0x1a2b3c4d };
  if (PCAP_MAGICS.has(first)) return { kind: 'pcap', littleEndian: true };
  if (PCAP_MAGICS.has(view.getUint32(at, false))) return { kind: 'pcap', littleEndian: false };
  throw new CliError('--ring needs a pcap or pcapng stream (not gzip or text): save it with --write alone', EXIT.usage);
}

function damaged(what: string): CliError {
  return new CliError(`the capture stream is damaged (${what}); the ring stops there`, EXIT.inputErrors);
}

function ringWriteError(path: string, error: unknown): CliError {
  return new CliError(describeWriteError(path, error, CAPTURE_WORDING), EXIT.cannotWrite);
}

const pad = (n: number): string => String(n).padStart(2, '0');

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
