/**
 * A growable Int32Array column indexed by record index, -1 where unset: per-record annotations for
 * a million messages cost 4 bytes each instead of an object per message.
 */
export class ColumnBuffer {
  private data = new Int32Array(1024).fill(-1);
  private size = 0;

  get length(): number {
    return this.size;
  }

  set(index: number, value: number): void {
    if (index < 0) return;
    if (index >= this.data.length) {
      let capacity = this.data.length * 2;
      while (capacity <= index) capacity *= 2;
      const grown = new Int32Array(capacity).fill(-1);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[index] = value;
    if (index >= this.size) this.size = index + 1;
  }

  get(index: number): number {
    return index >= 0 && index < this.size ? this.data[index]! : -1;
  }

  /** Plain array of the first `length` entries (JSON-serialisable). */
  toArray(length = this.size): number[] {
    const out = new Array<number>(length);
    for (let i = 0; i < length; i++) out[i] = i < this.size ? this.data[i]! : -1;
    return out;
  }
}
