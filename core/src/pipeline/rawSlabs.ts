/**
 * Where kept message bytes live (SipPipeline's keepRawMessages): copied into shared 1 MiB slabs, each
 * message a view of its own range, instead of one ArrayBuffer per message — a million messages would
 * otherwise pay a buffer object and an allocation each (hundreds of MB). The copies never pin capture
 * chunks; a budget bounds the total, and once a message does not fit nothing later is kept.
 */
const SLAB_BYTES = 1 << 20;
/** Messages at least this big get a buffer of their own (no slab space wasted behind them). */
const OWN_BUFFER_BYTES = SLAB_BYTES / 4;

export class RawSlabs {
  private slab = new Uint8Array(0);
  private used = 0;
  private kept = 0;
  private dropped = 0;

  constructor(private readonly budgetBytes = Infinity) {}

  /** Bytes kept so far. */
  get bytesKept(): number {
    return this.kept;
  }

  /** Messages refused because the budget was reached. */
  get messagesDropped(): number {
    return this.dropped;
  }

  /** A copy of `bytes` (a view of a slab), or undefined past the budget. */
  keep(bytes: Uint8Array): Uint8Array | undefined {
    if (this.dropped > 0 || this.kept + bytes.length > this.budgetBytes) {
      this.dropped++;
      return undefined;
    }
    this.kept += bytes.length;
    if (bytes.length >= OWN_BUFFER_BYTES) return bytes.slice();
    if (this.used + bytes.length > this.slab.length) {
      this.slab = new Uint8Array(SLAB_BYTES);
      this.used = 0;
    }
    const view = this.slab.subarray(this.used, this.used + bytes.length);
    view.set(bytes);
    this.used += bytes.length;
    return view;
  }
}
