/**
 * Typed header values by the exact text they were read from. SIP repeats header values verbatim: From,
 * To and Call-ID on every message of a dialog (RFC 3261 §12.2.1.1), the Via of a request in each of its
 * responses (§8.2.6.2), a proxy's Record-Route in every call; a value read once is reused, not parsed
 * again. Only values that parsed without a problem are kept, so a hit reports nothing. Facts are
 * immutable, so sharing them between messages is safe. Two generations bound the memory: when the young
 * one is full it becomes the old one and the previous old one is dropped.
 */
import type { NameAddrFacts, ViaFacts } from './sipFacts.ts';

const GENERATION = 2048;

class TwoGenerations<T> {
  private young = new Map<string, T>();
  private old = new Map<string, T>();

  get(key: string): T | undefined {
    const hit = this.young.get(key);
    if (hit !== undefined) return hit;
    const aged = this.old.get(key);
    if (aged !== undefined) this.set(key, aged);
    return aged;
  }

  set(key: string, value: T): void {
    if (this.young.size >= GENERATION) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }
}

export class FactCache {
  readonly nameAddrs = new TwoGenerations<NameAddrFacts>();
  readonly vias = new TwoGenerations<ViaFacts>();
}
