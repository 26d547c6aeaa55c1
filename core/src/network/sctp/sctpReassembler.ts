/**
 * SCTP user-message reassembly (RFC 9260 §6.9 for DATA, RFC 8260 §2.1 for I-DATA), per association direction.
 * DATA fragments of one message have consecutive TSNs from the B-flagged to the E-flagged one, all with the
 * same stream (and SSN when ordered); I-DATA fragments share (stream, U, MID) and count FSN 0 (the B one,
 * whose FSN field holds the PPID) up to the E one. A retransmitted chunk (a TSN delivered or held already,
 * within the last DELIVERED_WINDOW delivered) is the transport repeating itself and yields nothing.
 * Bounded: past the byte budget the oldest association's fragments are dropped and reported; at most
 * MAX_ASSOCIATIONS directions are tracked (the oldest is forgotten first).
 */
import { makeIssue, type Issue } from '../../shared/issue.ts';
import { NETWORK_ISSUES } from '../issues.ts';
import type { SctpUserMessage } from '../packetResult.ts';

export const FLAG_END = 0x01;
export const FLAG_BEGIN = 0x02;
export const FLAG_UNORDERED = 0x04;

export interface SctpDataChunk {
  /** true for I-DATA (type 64). */
  readonly interleaved: boolean;
  readonly flags: number;
  readonly tsn: number;
  readonly streamIdentifier: number;
  /** SSN for DATA, MID for I-DATA. */
  readonly messageNumber: number;
  /** The PPID, except in non-first I-DATA fragments, where the field is the FSN. */
  readonly ppidOrFsn: number;
  readonly payload: Uint8Array;
}

interface HeldFragment {
  readonly chunk: SctpDataChunk;
  readonly frames: readonly number[];
}

interface InterleavedMessage {
  readonly fragments: Map<number, HeldFragment>;
  /** FSN of the E fragment once seen; -1 before. */
  lastFsn: number;
}

interface Association {
  readonly key: string;
  readonly firstFrame: number;
  readonly byTsn: Map<number, HeldFragment>;
  readonly interleaved: Map<string, InterleavedMessage>;
  /** TSNs delivered lately: a set for lookup, a ring for forgetting the oldest. */
  readonly delivered: Set<number>;
  readonly deliveredRing: number[];
  deliveredNext: number;
  heldBytes: number;
}

const DELIVERED_WINDOW = 512;
const MAX_ASSOCIATIONS = 4096;

const FRAGMENT_OVERHEAD_BYTES = 64;

export class SctpReassembler {
  private readonly associations = new Map<string, Association>();
  private heldBytes = 0;
  private readonly maxBytes: number;

  constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
  }

  /** Adds one DATA or I-DATA chunk; returns the user message it completed, if any. */
  add(associationKey: string, chunk: SctpDataChunk, frames: readonly number[], frame: number, issues: Issue[]): SctpUserMessage | undefined {
    let association = this.associations.get(associationKey);
    if (association === undefined) {
      association = {
        key: associationKey, firstFrame: frame, byTsn: new Map(), interleaved: new Map(),
        delivered: new Set(), deliveredRing: [], deliveredNext: 0, heldBytes: 0,
      };
      this.associations.set(associationKey, association);
      if (this.associations.size > MAX_ASSOCIATIONS) this.forgetOldest(issues, frame);
    }
    if (association.delivered.has(chunk.tsn)) return undefined;
    if ((chunk.flags & (FLAG_BEGIN | FLAG_END)) === (FLAG_BEGIN | FLAG_END)) {
      remember(association, chunk.tsn);
      return { streamIdentifier: chunk.streamIdentifier, payloadProtocolIdentifier: chunk.ppidOrFsn, payload: chunk.payload, frames };
    }
    const held: HeldFragment = { chunk, frames };
    const message = chunk.interleaved ? this.addInterleaved(association, held) : this.addData(association, held);
    if (message === undefined) this.enforceMemoryLimit(issues, frame);
    return message;
  }

  /** End of capture: reports associations with fragments that never formed a message. */
  flush(issues: Issue[]): void {
    for (const a of this.associations.values()) {
      let count = a.byTsn.size;
      for (const m of a.interleaved.values()) count += m.fragments.size;
      if (count > 0) {
        issues.push(makeIssue(NETWORK_ISSUES, 'sctp.message_incomplete', { value: `${a.key}: ${count} fragments`, frame: a.firstFrame }));
      }
    }
    this.associations.clear();
    this.heldBytes = 0;
  }

  private addData(a: Association, held: HeldFragment): SctpUserMessage | undefined {
    const tsn = held.chunk.tsn;
    if (a.byTsn.has(tsn)) return undefined;
    a.byTsn.set(tsn, held);
    this.charge(a, held, 1);

    let first = tsn;
    let at = held;
    while ((at.chunk.flags & FLAG_BEGIN) === 0) {
      const previous = a.byTsn.get((first - 1) >>> 0);
      if (previous === undefined || !sameMessage(previous.chunk, at.chunk) || (previous.chunk.flags & FLAG_END) !== 0) return undefined;
      first = (first - 1) >>> 0;
      at = previous;
    }
    let last = tsn;
    at = held;
    while ((at.chunk.flags & FLAG_END) === 0) {
      const next = a.byTsn.get((last + 1) >>> 0);
      if (next === undefined || !sameMessage(next.chunk, at.chunk) || (next.chunk.flags & FLAG_BEGIN) !== 0) return undefined;
      last = (last + 1) >>> 0;
      at = next;
    }
    const parts: HeldFragment[] = [];
    for (let t = first; ; t = (t + 1) >>> 0) {
      const part = a.byTsn.get(t)!;
      a.byTsn.delete(t);
      this.charge(a, part, -1);
      remember(a, t);
      parts.push(part);
      if (t === last) break;
    }
    return assemble(parts, parts[0]!.chunk.ppidOrFsn);
  }

  private addInterleaved(a: Association, held: HeldFragment): SctpUserMessage | undefined {
    const c = held.chunk;
    const groupKey = `${c.streamIdentifier}|${c.flags & FLAG_UNORDERED}|${c.messageNumber}`;
    let group = a.interleaved.get(groupKey);
    if (group === undefined) {
      group = { fragments: new Map(), lastFsn: -1 };
      a.interleaved.set(groupKey, group);
    }
    // FSN 0 belongs to the B fragment only; a non-B fragment claiming it is ignored.
    const fsn = (c.flags & FLAG_BEGIN) !== 0 ? 0 : c.ppidOrFsn;
    if (fsn === 0 && (c.flags & FLAG_BEGIN) === 0) return undefined;
    if (group.fragments.has(fsn) || (group.lastFsn >= 0 && fsn > group.lastFsn)) return undefined;
    group.fragments.set(fsn, held);
    this.charge(a, held, 1);
    if ((c.flags & FLAG_END) !== 0 && group.lastFsn < 0) {
      group.lastFsn = fsn;
      for (const [f, h] of group.fragments) {
        if (f > fsn) { group.fragments.delete(f); this.charge(a, h, -1); }
      }
    }
    if (group.lastFsn < 0 || group.fragments.size !== group.lastFsn + 1) return undefined;
    const parts: HeldFragment[] = [];
    for (let f = 0; f <= group.lastFsn; f++) {
      const part = group.fragments.get(f)!;
      this.charge(a, part, -1);
      remember(a, part.chunk.tsn);
      parts.push(part);
    }
    a.interleaved.delete(groupKey);
    return assemble(parts, parts[0]!.chunk.ppidOrFsn);
  }

  private charge(a: Association, held: HeldFragment, sign: 1 | -1): void {
    const bytes = sign * (held.chunk.payload.length + FRAGMENT_OVERHEAD_BYTES);
    a.heldBytes += bytes;
    this.heldBytes += bytes;
  }

  private enforceMemoryLimit(issues: Issue[], frame: number): void {
    for (const a of this.associations.values()) {
      if (this.heldBytes <= this.maxBytes) return;
      if (a.heldBytes === 0) continue;
      this.drop(a);
      issues.push(makeIssue(NETWORK_ISSUES, 'sctp.reassembly_memory_limit', { value: a.key, frame }));
    }
  }

  private forgetOldest(issues: Issue[], frame: number): void {
    const oldest = this.associations.values().next().value!;
    this.drop(oldest);
    if (oldest.heldBytes > 0) issues.push(makeIssue(NETWORK_ISSUES, 'sctp.reassembly_memory_limit', { value: oldest.key, frame }));
  }

  private drop(a: Association): void {
    this.associations.delete(a.key);
    this.heldBytes -= a.heldBytes;
  }
}

function remember(a: Association, tsn: number): void {
  if (a.deliveredRing.length < DELIVERED_WINDOW) {
    a.deliveredRing.push(tsn);
  } else {
    a.delivered.delete(a.deliveredRing[a.deliveredNext]!);
    a.deliveredRing[a.deliveredNext] = tsn;
    a.deliveredNext = (a.deliveredNext + 1) % DELIVERED_WINDOW;
  }
  a.delivered.add(tsn);
}

function sameMessage(a: SctpDataChunk, b: SctpDataChunk): boolean {
  if (a.streamIdentifier !== b.streamIdentifier) return false;
  const unordered = a.flags & FLAG_UNORDERED;
  if (unordered !== (b.flags & FLAG_UNORDERED)) return false;
  return unordered !== 0 || a.messageNumber === b.messageNumber;
}

function assemble(parts: readonly HeldFragment[], payloadProtocolIdentifier: number): SctpUserMessage {
  let total = 0;
  for (const p of parts) total += p.chunk.payload.length;
  const payload = new Uint8Array(total);
  const frames: number[] = [];
  let at = 0;
  for (const p of parts) {
    payload.set(p.chunk.payload, at);
    at += p.chunk.payload.length;
    for (const f of p.frames) frames.push(f);
  }
  frames.sort((x, y) => x - y);
  return {
    streamIdentifier: parts[0]!.chunk.streamIdentifier,
    payloadProtocolIdentifier,
    payload,
    frames: frames.filter((f, i) => i === 0 || frames[i - 1] !== f),
  };
}
