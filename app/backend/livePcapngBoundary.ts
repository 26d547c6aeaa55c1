/**
 * Where the last whole pcapng block ends in a stream written as it arrives (pcapng §3.1: every block starts
 * with its type and total length and ends with the length again), so "save the live capture" can hand out a
 * file that ends on a block boundary while the capture tool is still in the middle of writing the next one.
 *
 *   0               4               8               12
 *   +---------------+---------------+---------------+------ … ------+---------------+
 *   | block type    | total length  | body (SHB: byte-order magic 0x1A2B3C4D first) | total length  |
 *   +---------------+---------------+---------------+------ … ------+---------------+
 *
 * The Section Header Block (type 0x0A0D0D0A, the same in either byte order) sets the byte order of the blocks
 * after it through its magic. A length that cannot be (under 12, not a multiple of 4) stops the tracking:
 * the boundary stays at the last good block.
 */

const SHB_TYPE = 0x0a0d0d0a;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

export class PcapngBoundary {
  /** Bytes up to the end of the last whole block. */
  committed = 0;
  /** Why tracking stopped (a length that cannot be), or undefined while it goes on. */
  problem: string | undefined;
  private total = 0;
  /** Start of the block being read; its header bytes gathered so far. */
  private blockStart = 0;
  private readonly header = new Uint8Array(12);
  private headerBytes = 0;
  private blockLength = 0;
  private littleEndian = true;

  push(chunk: Uint8Array): void {
    let at = 0;
    while (at < chunk.length && this.problem === undefined) {
      if (this.blockLength === 0) {
        const n = Math.min(12 - this.headerBytes, chunk.length - at);
        this.header.set(chunk.subarray(at, at + n), this.headerBytes);
        this.headerBytes += n;
        at += n;
        if (this.headerBytes < 12) break;
        this.readHeader();
        continue;
      }
      const end = this.blockStart + this.blockLength;
      const take = Math.min(end - (this.total + at), chunk.length - at);
      at += take;
      if (this.total + at === end) {
        this.committed = end;
        this.blockStart = end;
        this.blockLength = 0;
        this.headerBytes = 0;
      }
    }
    this.total += chunk.length;
  }

  private readHeader(): void {
    const view = new DataView(this.header.buffer);
    if (view.getUint32(0, true) === SHB_TYPE) {
      const magic = view.getUint32(8, true);
      if (magic === BYTE_ORDER_MAGIC) this.littleEndian = true;
      else if (view.getUint32(8, false) === BYTE_ORDER_MAGIC) this.littleEndian = false;
      else {
        this.problem = `section header at byte ${this.blockStart} has no byte-order magic`;
        return;
      }
    }
    const length = view.getUint32(4, this.littleEndian);
    if (length < 12 || length % 4 !== 0) {
      this.problem = `block at byte ${this.blockStart} has an impossible length ${length}`;
      return;
    }
    // The 12 header bytes already read count towards the block.
    this.blockLength = length;
    if (length === 12) {
      this.committed = this.blockStart + 12;
      this.blockStart += 12;
      this.blockLength = 0;
      this.headerBytes = 0;
    }
  }
}
