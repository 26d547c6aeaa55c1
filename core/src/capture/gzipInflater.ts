/**
 * Streaming gzip (RFC 1952) over fflate's synchronous Gunzip, concatenated members included. fflate does
 * not check member trailers (CRC-32 and ISIZE, §2.3.1), so they are checked here: a bit flip that still
 * inflates, or input cut inside a trailer, would otherwise pass silently.
 *
 * Input goes to fflate in fixed units, whatever the caller's chunks: when fflate meets corrupt data it
 * throws away the output of the push in progress, so only fixed units make the frames and issues read
 * before corruption independent of chunking.
 */
import { Gunzip } from 'fflate';
import type { CaptureContext } from './captureContext.ts';
import { updateCrc32 } from './crc32.ts';

/** fflate's error code for input that ends inside a deflate stream. */
const FFLATE_UNEXPECTED_EOF = 0;
/** fflate's error code for bytes that are not a gzip member header. */
const FFLATE_INVALID_HEADER = 6;
/** 10-byte header, 2-byte empty deflate stream, 8-byte trailer. */
const MIN_MEMBER_BYTES = 20;
/** Compressed bytes per fflate push. */
export const GZIP_UNIT_BYTES = 65536;

export class GzipInflater {
  private readonly gunzip: Gunzip;
  private failed = false;
  private finished = false;
  /** Compressed bytes handed to fflate so far. */
  private inputBytes = 0;
  /** The current member's CRC-32 and length modulo 2^32, as its trailer will state them. */
  private memberCrc = 0;
  private memberSize = 0;
  private member = 1;
  /** The unit being filled; a new one after each push, as fflate may keep a view of what it was given. */
  private unit = new Uint8Array(GZIP_UNIT_BYTES);
  private unitLength = 0;
  /** The last two units given to fflate, where a finished member's trailer can be looked up. */
  private current: Uint8Array = new Uint8Array(0);
  private currentStart = 0;
  private previous: Uint8Array = new Uint8Array(0);
  private previousStart = 0;

  /** `onData` receives decompressed chunks; each is a fresh array that is never reused. */
  constructor(
    private readonly ctx: CaptureContext,
    private readonly onData: (chunk: Uint8Array) => void,
  ) {
    this.gunzip = new Gunzip((chunk: Uint8Array) => {
      if (chunk.length === 0) return;
      this.memberCrc = updateCrc32(this.memberCrc, chunk);
      this.memberSize = (this.memberSize + chunk.length) % 4294967296;
      this.ctx.decompressedBytes += chunk.length;
      this.onData(chunk);
    });
    // Called once the next member's header is parsed, after all output of the one before.
    this.gunzip.onmember = (nextMemberOffset: number) => this.endMember(nextMemberOffset, false);
  }

  /** False once the stream failed or a check did: later input is not decompressed. */
  get healthy(): boolean {
    return !this.failed;
  }

  push(chunk: Uint8Array): void {
    if (this.failed || this.finished) return;
    let pos = 0;
    while (pos < chunk.length && !this.failed) {
      if (this.unitLength === 0 && chunk.length - pos >= GZIP_UNIT_BYTES) {
        // A whole unit inside the chunk goes to fflate without a copy.
        this.run(chunk.subarray(pos, pos + GZIP_UNIT_BYTES), false);
        pos += GZIP_UNIT_BYTES;
        continue;
      }
      const take = Math.min(GZIP_UNIT_BYTES - this.unitLength, chunk.length - pos);
      this.unit.set(chunk.subarray(pos, pos + take), this.unitLength);
      this.unitLength += take;
      pos += take;
      if (this.unitLength === GZIP_UNIT_BYTES) {
        const full = this.unit;
        this.unit = new Uint8Array(GZIP_UNIT_BYTES);
        this.unitLength = 0;
        this.run(full, false);
      }
    }
  }

  end(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.failed) return;
    this.run(this.unit.subarray(0, this.unitLength), true);
    if (this.failed) return;
    if (this.inputBytes < MIN_MEMBER_BYTES) {
      this.fail('gzip.truncated', `The gzip data is only ${this.inputBytes} bytes long.`, this.inputBytes);
      return;
    }
    this.endMember(this.inputBytes, true);
  }

  private run(unit: Uint8Array, final: boolean): void {
    this.previous = this.current;
    this.previousStart = this.currentStart;
    this.current = unit;
    this.currentStart = this.inputBytes;
    this.inputBytes += unit.length;
    try {
      this.gunzip.push(unit, final);
    } catch (error) {
      if (!this.failed) this.reportError(error, final);
      this.failed = true;
    }
  }

  private reportError(error: unknown, final: boolean): void {
    const code = typeof error === 'object' && error !== null && 'code' in error ? (error as { code: unknown }).code : -1;
    const message = error instanceof Error ? error.message : String(error);
    const where = `within the first ${this.inputBytes} compressed bytes (${this.ctx.decompressedBytes} decompressed)`;
    if (code === FFLATE_UNEXPECTED_EOF && final) {
      this.ctx.report('gzip.truncated', `The gzip data ends inside member ${this.member}, ${where}.`, this.inputBytes);
    } else if (code === FFLATE_INVALID_HEADER && (this.member > 1 || this.ctx.decompressedBytes > 0)) {
      // A header error after output means fflate finished a member and found no next one: not gzip.
      this.ctx.report(
        'gzip.trailing_garbage',
        `Bytes after gzip member ${this.member} are not gzip data (${message}), ${where}.`,
        this.inputBytes,
      );
    } else {
      this.ctx.report('gzip.corrupt', `gzip data is corrupt (${message}) ${where}.`, message);
    }
  }

  /** Checks the trailer ending at compressed offset `trailerEnd` against the member just inflated. */
  private endMember(trailerEnd: number, last: boolean): void {
    const crc = this.readUint32(trailerEnd - 8);
    const size = this.readUint32(trailerEnd - 4);
    const n = this.member;
    if (last && size !== this.memberSize) {
      this.fail(
        'gzip.truncated',
        `gzip member ${n} ends without a matching trailer: ISIZE says ${size} bytes but ${this.memberSize} were ` +
          'inflated (input cut short or trailer damaged).',
        size ?? -1,
      );
    } else if (crc !== undefined && (crc !== this.memberCrc || size !== this.memberSize)) {
      const hex = (v: number) => `0x${v.toString(16).padStart(8, '0')}`;
      this.ctx.report(
        'gzip.crc_mismatch',
        `gzip member ${n} inflates to ${this.memberSize} bytes with CRC-32 ${hex(this.memberCrc)}, but its trailer ` +
          `says ${size} bytes and ${hex(crc)}: its frames may be damaged.`,
        hex(this.memberCrc),
      );
    }
    this.member++;
    this.memberCrc = 0;
    this.memberSize = 0;
  }

  /** Little-endian u32 at a compressed offset still held in the last two units, else undefined. */
  private readUint32(offset: number): number | undefined {
    if (offset < this.previousStart || offset + 4 > this.inputBytes) return undefined;
    let value = 0;
    for (let i = 3; i >= 0; i--) {
      const at = offset + i;
      const byte = at >= this.currentStart ? this.current[at - this.currentStart] : this.previous[at - this.previousStart];
      value = value * 256 + byte;
    }
    return value;
  }

  private fail(code: 'gzip.truncated', detail: string, value: number): void {
    this.failed = true;
    this.ctx.report(code, detail, value);
  }
}
