/**
 * The raw bytes of every SIP message, kept in the analysis worker so the message-detail view can show
 * the text exactly as captured (records keep only facts). Append-only slabs, copied out of the capture
 * chunks so no chunk stays alive; a byte budget bounds memory on huge captures (later messages then
 * have no raw text, and the detail view says why).
 */
const SLAB_BYTES = 8 * 1024 * 1024;

export interface RawStoreOptions {
  /** Total bytes kept; default 768 MiB. */
  readonly budgetBytes?: number;
  /** Longest message kept whole; longer ones keep their first bytes. Default 256 KiB. */
  readonly maxMessageBytes?: number;
}

export type RawLookup =
  | { kind: 'kept'; bytes: Uint8Array; originalLength: number }
  | { kind: 'missing'; reason: string };

export class RawStore {
  private readonly slabs: Uint8Array[] = [];
  private used = SLAB_BYTES;
  private total = 0;
  /** Per record index: slab number (-1 none), offset, stored length, original length. */
  private readonly slab: number[] = [];
  private readonly offset: number[] = [];
  private readonly stored: number[] = [];
  private readonly original: number[] = [];
  private readonly budget: number;
  private readonly maxMessage: number;
  private overBudget = false;
  private misaligned = -1;

  constructor(options: RawStoreOptions = {}) {
    this.budget = options.budgetBytes ?? 768 * 1024 * 1024;
    this.maxMessage = Math.min(options.maxMessageBytes ?? 256 * 1024, SLAB_BYTES);
  }

  get bytesKept(): number {
    return this.total;
  }

  /** Keeps a copy of `bytes` for record `index` (indices arrive in order; gaps are allowed). */
  add(index: number, bytes: Uint8Array): void {
    while (this.slab.length < index) this.pushMissing(0);
    const length = Math.min(bytes.length, this.maxMessage);
    if (this.total + length > this.budget) {
      this.overBudget = true;
      this.pushMissing(bytes.length);
      return;
    }
    if (this.used + length > SLAB_BYTES) {
      this.slabs.push(new Uint8Array(SLAB_BYTES));
      this.used = 0;
    }
    const s = this.slabs.length - 1;
    this.slabs[s]!.set(bytes.subarray(0, length), this.used);
    this.slab.push(s);
    this.offset.push(this.used);
    this.stored.push(length);
    this.original.push(bytes.length);
    this.used += length;
    this.total += length;
  }

  /** From record `index` on, the decoder tap and the records disagreed: keep nothing more (see messageTap). */
  markMisaligned(index: number): void {
    if (this.misaligned < 0) this.misaligned = index;
  }

  get(index: number): RawLookup {
    const s = this.slab[index];
    if (s === undefined || s < 0) {
      if (this.misaligned >= 0 && index >= this.misaligned) return { kind: 'missing', reason: 'raw text unavailable: the decoder tap lost alignment with the records' };
      if (this.overBudget && index < this.slab.length) return { kind: 'missing', reason: 'raw text not kept: the capture exceeds the raw-text memory budget' };
      return { kind: 'missing', reason: 'raw text not available for this message' };
    }
    const start = this.offset[index]!;
    return { kind: 'kept', bytes: this.slabs[s]!.subarray(start, start + this.stored[index]!), originalLength: this.original[index]! };
  }

  private pushMissing(originalLength: number): void {
    this.slab.push(-1);
    this.offset.push(0);
    this.stored.push(0);
    this.original.push(originalLength);
  }
}
