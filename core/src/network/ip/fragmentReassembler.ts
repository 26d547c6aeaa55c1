/**
 * IP fragment reassembly for IPv4 (RFC 791 §3.2) and IPv6 (RFC 8200 §4.5), keyed by (src, dst, protocol, id).
 * Overlap policy: the FIRST copy of every byte wins; a later fragment whose overlapping bytes differ is
 * reported as `<family>.fragment_overlap` (identical re-sends as `<family>.fragment_duplicate`).
 * Bounded: a set is dropped when older than the timeout (capture time, from its first fragment) or when all
 * sets together hold more than the byte budget (oldest first), and every drop is reported.
 */
import { makeIssue, type Issue } from '../../shared/issue.ts';
import { diffMs, type Timestamp } from '../../shared/time.ts';
import { NETWORK_ISSUES } from '../issues.ts';

export type IpFamily = 'ipv4' | 'ipv6';

export interface FragmentInput {
  readonly family: IpFamily;
  /** Readable and unique per datagram: "src>dst proto P id I". */
  readonly key: string;
  readonly offsetBytes: number;
  readonly payload: Uint8Array;
  readonly moreFragments: boolean;
  /** Frames that carried this fragment (more than one when it was itself inside a reassembled tunnel). */
  readonly frames: readonly number[];
  readonly frame: number;
  readonly timestamp: Timestamp;
}

export interface ReassembledDatagram {
  readonly payload: Uint8Array;
  /** Every frame that carried a fragment of it, ascending. */
  readonly frames: readonly number[];
}

/** A run of held bytes [start, end); pieces of a set are sorted and never overlap. */
interface Piece {
  readonly start: number;
  readonly end: number;
  readonly bytes: Uint8Array;
}

interface FragmentSet {
  readonly family: IpFamily;
  readonly key: string;
  readonly created: Timestamp;
  readonly firstFrame: number;
  readonly pieces: Piece[];
  readonly frames: number[];
  coveredBytes: number;
  /** Known once the last fragment (MF = 0) arrived; -1 before. */
  totalLength: number;
  heldBytes: number;
}

const MAX_DATAGRAM_BYTES = 65535;
/** Charged per fragment on top of its bytes, so floods of empty fragments are bounded too. */
const FRAGMENT_OVERHEAD_BYTES = 64;

export class FragmentReassembler {
  private readonly sets = new Map<string, FragmentSet>();
  private heldBytes = 0;
  private readonly timeoutMs: number;
  private readonly maxBytes: number;

  constructor(timeoutMs: number, maxBytes: number) {
    this.timeoutMs = timeoutMs;
    this.maxBytes = maxBytes;
  }

  /** Number of incomplete datagrams held. */
  get pendingSets(): number {
    return this.sets.size;
  }

  /** Bytes held (fragment bytes plus a fixed per-fragment charge). */
  get pendingBytes(): number {
    return this.heldBytes;
  }

  /** Adds one fragment; returns the datagram when this fragment completed it. */
  add(input: FragmentInput, issues: Issue[]): ReassembledDatagram | undefined {
    const { family, offsetBytes: start } = input;
    const end = start + input.payload.length;
    if (end > MAX_DATAGRAM_BYTES) {
      issues.push(makeIssue(NETWORK_ISSUES, `${family}.fragment_too_large`, { value: end, frame: input.frame }));
      return undefined;
    }
    let set = this.sets.get(input.key);
    if (set === undefined) {
      set = {
        family, key: input.key, created: input.timestamp, firstFrame: input.frame,
        pieces: [], frames: [], coveredBytes: 0, totalLength: -1, heldBytes: 0,
      };
      this.sets.set(input.key, set);
    }
    for (const f of input.frames) set.frames.push(f);

    if (!this.acceptsEnd(set, end, input.moreFragments)) {
      issues.push(makeIssue(NETWORK_ISSUES, `${family}.fragment_bad_length`, { value: `${input.key} end ${end}`, frame: input.frame }));
    } else {
      if (!input.moreFragments) set.totalLength = end;
      const added = this.insert(set, start, input.payload, issues, input.frame);
      set.coveredBytes += added;
      set.heldBytes += added + FRAGMENT_OVERHEAD_BYTES;
      this.heldBytes += added + FRAGMENT_OVERHEAD_BYTES;
    }

    if (set.totalLength >= 0 && set.coveredBytes === set.totalLength) return this.complete(set);
    this.enforceMemoryLimit(issues, input.frame);
    return undefined;
  }

  /** Drops (and reports) sets whose first fragment is older than the timeout at capture time `now`. */
  expire(now: Timestamp, issues: Issue[]): void {
    if (this.sets.size === 0) return;
    // Map order is creation order, so the oldest come first (capture clocks that jump back only delay this).
    for (const set of this.sets.values()) {
      if (diffMs(set.created, now) <= this.timeoutMs) break;
      this.drop(set);
      issues.push(makeIssue(NETWORK_ISSUES, `${set.family}.fragment_timeout`, { value: describe(set), frame: set.firstFrame }));
    }
  }

  /** End of capture: reports every incomplete set and forgets them. */
  flush(issues: Issue[]): void {
    for (const set of this.sets.values()) {
      issues.push(makeIssue(NETWORK_ISSUES, `${set.family}.fragment_incomplete`, { value: describe(set), frame: set.firstFrame }));
    }
    this.sets.clear();
    this.heldBytes = 0;
  }

  /** Earlier information wins: a second "last fragment" or bytes past a known end are refused. */
  private acceptsEnd(set: FragmentSet, end: number, more: boolean): boolean {
    if (set.totalLength >= 0) return more ? end <= set.totalLength : end === set.totalLength;
    if (more) return true;
    const last = set.pieces[set.pieces.length - 1];
    return last === undefined || last.end <= end;
  }

  /** Stores the parts of [start, start+len) not yet held; returns how many bytes were new. */
  private insert(set: FragmentSet, start: number, bytes: Uint8Array, issues: Issue[], frame: number): number {
    const pieces = set.pieces;
    const end = start + bytes.length;
    if (end === start) return 0;
    let lo = 0;
    let hi = pieces.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (pieces[mid]!.end <= start) lo = mid + 1;
      else hi = mid;
    }
    const first = lo;
    let i = first;
    let cursor = start;
    let added = 0;
    let overlapped = false;
    let differs = false;
    const merged: Piece[] = [];
    for (; i < pieces.length && pieces[i]!.start < end; i++) {
      const p = pieces[i]!;
      if (p.start > cursor) {
        merged.push({ start: cursor, end: p.start, bytes: bytes.subarray(cursor - start, p.start - start) });
        added += p.start - cursor;
      }
      overlapped = true;
      if (!differs) differs = !sameBytes(p, bytes, start);
      merged.push(p);
      if (p.end > cursor) cursor = p.end;
    }
    if (cursor < end) {
      merged.push({ start: cursor, end, bytes: bytes.subarray(cursor - start) });
      added += end - cursor;
    }
    pieces.splice(first, i - first, ...merged);
    if (overlapped) {
      const code = differs ? `${set.family}.fragment_overlap` as const : `${set.family}.fragment_duplicate` as const;
      issues.push(makeIssue(NETWORK_ISSUES, code, { value: `${set.key} bytes ${start}-${end}`, frame }));
    }
    return added;
  }

  private complete(set: FragmentSet): ReassembledDatagram {
    const payload = new Uint8Array(set.totalLength);
    for (const p of set.pieces) payload.set(p.bytes, p.start);
    this.drop(set);
    const frames = set.frames.sort((a, b) => a - b).filter((f, i, all) => i === 0 || all[i - 1] !== f);
    return { payload, frames };
  }

  private enforceMemoryLimit(issues: Issue[], frame: number): void {
    for (const set of this.sets.values()) {
      if (this.heldBytes <= this.maxBytes) return;
      this.drop(set);
      issues.push(makeIssue(NETWORK_ISSUES, 'ip.fragment_memory_limit', { value: describe(set), frame }));
    }
  }

  private drop(set: FragmentSet): void {
    this.sets.delete(set.key);
    this.heldBytes -= set.heldBytes;
  }
}

/** Whether `bytes` (placed at `start`) agree with piece `p` where they overlap. */
function sameBytes(p: Piece, bytes: Uint8Array, start: number): boolean {
  const from = Math.max(p.start, start);
  const to = Math.min(p.end, start + bytes.length);
  for (let k = from; k < to; k++) if (p.bytes[k - p.start] !== bytes[k - start]) return false;
  return true;
}

function describe(set: FragmentSet): string {
  const total = set.totalLength >= 0 ? String(set.totalLength) : '?';
  return `${set.key}: ${set.coveredBytes} of ${total} bytes from ${set.frames.length} frames`;
}
