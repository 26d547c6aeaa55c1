/**
 * "Nothing silently lost": every frame read ends in exactly one category, and the categories add up to
 * the frames read. A frame's category is final when it is decoded, except that a stream frame becomes
 * SIP when the end of the capture completes a message in it.
 */
export interface Accounting {
  readonly framesRead: number;
  /** Frames that completed (or, for datagrams, carried) at least one SIP message. */
  readonly sip: number;
  /** IP fragments held for, or used in, a reassembly (the completing fragment is counted by what it completed). */
  readonly fragment: number;
  /** TCP segments (data or control) of streams that carry or may carry SIP, WebSocket or HEP, completing no message. */
  readonly stream: number;
  /** Traffic that is not SIP, by protocol class (e.g. rtp, dns, tls, arp, udp). */
  readonly other: Readonly<Record<string, number>>;
  /** Frames that could not be decoded, by issue code. */
  readonly malformed: Readonly<Record<string, number>>;
  /** Frames the capture cut (snaplen) before the bytes needed. */
  readonly truncated: number;
}

export type FrameCategory =
  | { readonly kind: 'sip' | 'fragment' | 'stream' | 'truncated' }
  | { readonly kind: 'other'; readonly protocol: string }
  | { readonly kind: 'malformed'; readonly code: string };

const UNSET = 0, SIP = 1, STREAM = 2, FRAGMENT = 3, OTHER = 4, MALFORMED = 5, TRUNCATED = 6;

export class FrameAccounting {
  private categories = new Uint8Array(1024);
  private framesRead = 0;
  private readonly counts = [0, 0, 0, 0, 0, 0, 0];
  private readonly other = new Map<string, number>();
  private readonly malformed = new Map<string, number>();

  /** Records the category of frame `number` (1-based). Each frame once. */
  count(number: number, category: FrameCategory): void {
    if (number >= this.categories.length) {
      const grown = new Uint8Array(Math.max(number + 1, this.categories.length * 2));
      grown.set(this.categories);
      this.categories = grown;
    }
    let code: number;
    switch (category.kind) {
      case 'sip': code = SIP; break;
      case 'stream': code = STREAM; break;
      case 'fragment': code = FRAGMENT; break;
      case 'truncated': code = TRUNCATED; break;
      case 'other': code = OTHER; bump(this.other, category.protocol); break;
      case 'malformed': code = MALFORMED; bump(this.malformed, category.code); break;
    }
    if (this.categories[number] === UNSET) this.framesRead++;
    else this.counts[this.categories[number]!]!--;
    this.categories[number] = code;
    this.counts[code]!++;
  }

  /** A message completed at the end of the capture in a frame counted as a stream segment. */
  promoteToSip(number: number): void {
    if (this.categories[number] === STREAM) {
      this.counts[STREAM]!--;
      this.counts[SIP]!++;
      this.categories[number] = SIP;
    }
  }

  snapshot(): Accounting {
    return {
      framesRead: this.framesRead,
      sip: this.counts[SIP]!,
      fragment: this.counts[FRAGMENT]!,
      stream: this.counts[STREAM]!,
      other: sorted(this.other),
      malformed: sorted(this.malformed),
      truncated: this.counts[TRUNCATED]!,
    };
  }
}

/** Sum of every category: equals framesRead by construction; tests check it on every fixture. */
export function accountedFrames(a: Accounting): number {
  let total = a.sip + a.fragment + a.stream + a.truncated;
  for (const n of Object.values(a.other)) total += n;
  for (const n of Object.values(a.malformed)) total += n;
  return total;
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function sorted(map: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of [...map].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) out[k] = v;
  return out;
}
