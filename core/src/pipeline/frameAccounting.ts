/**
 * "Nothing silently lost": every frame read ends in exactly one category, and the categories add up to
 * the frames read. A frame's category is final when it is decoded, except that a stream frame becomes
 * SIP when the end of the capture completes a message in it. Memory stays bounded for endless live
 * captures: only the most recent stream frames are remembered for that promotion.
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

/** Stream frames remembered for promotion at the end of the capture (oldest forgotten first). */
const STREAM_FRAMES_KEPT = 1 << 20;

export class FrameAccounting {
  private framesRead = 0;
  private sip = 0;
  private fragment = 0;
  private stream = 0;
  private truncated = 0;
  private readonly other = new Map<string, number>();
  private readonly malformed = new Map<string, number>();
  /** Stream frames not (yet) promoted, in insertion order. */
  private readonly streamFrames = new Set<number>();

  /** Records the category of frame `number` (1-based). Each frame once. */
  count(number: number, category: FrameCategory): void {
    this.framesRead++;
    switch (category.kind) {
      case 'sip': this.sip++; break;
      case 'fragment': this.fragment++; break;
      case 'truncated': this.truncated++; break;
      case 'stream':
        this.stream++;
        this.streamFrames.add(number);
        if (this.streamFrames.size > STREAM_FRAMES_KEPT) this.streamFrames.delete(this.streamFrames.values().next().value!);
        break;
      case 'other': bump(this.other, category.protocol); break;
      case 'malformed': bump(this.malformed, category.code); break;
    }
  }

  /** A message completed at the end of the capture in a frame counted as a stream segment. */
  promoteToSip(number: number): void {
    if (this.streamFrames.delete(number)) {
      this.stream--;
      this.sip++;
    }
  }

  snapshot(): Accounting {
    return {
      framesRead: this.framesRead,
      sip: this.sip,
      fragment: this.fragment,
      stream: this.stream,
      other: sorted(this.other),
      malformed: sorted(this.malformed),
      truncated: this.truncated,
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
