/**
 * A map with a capacity that forgets its least recently used entry when full, handing it to `onEvict` first.
 * Per-stream state (framers, classifiers, WebSocket and HEP streams) lives in these so a long live capture with
 * many short TCP connections stays bounded, as the TCP reassembler's own connection table is.
 */
export class RecentTable<K, V> {
  /** Insertion order is recency order: `get` re-inserts the entry it finds. */
  private readonly entries = new Map<K, V>();
  private lastKey: K | undefined;

  constructor(
    readonly capacity: number,
    private readonly onEvict: (key: K, value: V) => void,
  ) {
    if (!(capacity >= 1)) throw new RangeError('RecentTable capacity must be at least 1');
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value, made the most recent. */
  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined && key !== this.lastKey) {
      this.entries.delete(key);
      this.entries.set(key, value);
      this.lastKey = key;
    }
    return value;
  }

  /** The value without touching its recency. */
  peek(key: K): V | undefined {
    return this.entries.get(key);
  }

  /** Adds or replaces; evicts the least recent entries beyond the capacity. */
  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    this.lastKey = key;
    while (this.entries.size > this.capacity) {
      const [oldKey, oldValue] = this.entries.entries().next().value as [K, V];
      this.entries.delete(oldKey);
      this.onEvict(oldKey, oldValue);
    }
  }

  values(): IterableIterator<V> {
    return this.entries.values();
  }
}
