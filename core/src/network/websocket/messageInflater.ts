/**
 * permessage-deflate decompression of one direction (RFC 7692 §7.2.2): each message is raw DEFLATE with the
 * trailing 00 00 ff ff of its sync flush removed. With context takeover (the default) the LZ77 window
 * carries over between messages, so one streaming inflater lives as long as the direction.
 */
import { Inflate } from 'fflate';
import { concatBytes } from '../../shared/bytes.ts';

const SYNC_FLUSH_TAIL = new Uint8Array([0x00, 0x00, 0xff, 0xff]);
/** Input is fed in slices so a decompression bomb is stopped after at most ~1000× one slice. */
const SLICE_BYTES = 16 * 1024;

export type InflateResult = Uint8Array | 'failed' | 'too-large';

export class MessageInflater {
  private inflate: Inflate | undefined;
  private parts: Uint8Array[] = [];
  private produced = 0;

  constructor(
    private readonly contextTakeover: boolean,
    private readonly maxOutputBytes: number,
  ) {}

  inflateMessage(payload: Uint8Array): InflateResult {
    if (this.inflate === undefined || !this.contextTakeover) {
      this.inflate = new Inflate((chunk) => this.collect(chunk));
    }
    this.parts = [];
    this.produced = 0;
    try {
      for (let at = 0; at < payload.length && this.produced <= this.maxOutputBytes; at += SLICE_BYTES) {
        this.inflate.push(payload.subarray(at, Math.min(payload.length, at + SLICE_BYTES)), false);
      }
      if (this.produced <= this.maxOutputBytes) this.inflate.push(SYNC_FLUSH_TAIL, false);
    } catch {
      // A lost earlier message breaks the shared window; start afresh for the next one.
      this.inflate = undefined;
      return 'failed';
    }
    if (this.produced > this.maxOutputBytes) {
      this.inflate = undefined;
      return 'too-large';
    }
    const out = this.parts.length === 1 ? this.parts[0]! : concatBytes(this.parts);
    this.parts = [];
    return out;
  }

  private collect(chunk: Uint8Array): void {
    this.produced += chunk.length;
    if (this.produced <= this.maxOutputBytes && chunk.length > 0) this.parts.push(chunk);
  }
}
