/**
 * Finds each message of a capture again in a copy of it — the frames of some calls copied into a new file,
 * perhaps anonymised (addresses and names change, lengths and timestamps do not, and a few frames may be
 * left out) — so the notes a teacher wrote on the original's arrows go to the same arrows of the copy.
 * Both lists are in capture order and the copy keeps that order: a greedy walk with a bounded look-ahead
 * matches kind, method, status and time since the first message (linear time, no O(n²) alignment).
 */
import type { MessageRecord } from '../../sip/messageRecord.ts';
import { diffMs } from '../../shared/time.ts';

export interface MessageSignature {
  readonly request: boolean;
  /** The request's method, or a response's CSeq method. */
  readonly method: string;
  /** 0 for a request. */
  readonly statusCode: number;
  /** Milliseconds since the first message of its list. */
  readonly offsetMs: number;
}

export interface AlignOptions {
  /** Messages of the copy skipped at most to find the next one (messages the original list did not have). */
  readonly lookahead?: number;
  /** Largest difference in relative time still the same message (timestamps are copied, not recomputed). */
  readonly toleranceMs?: number;
}

export function recordSignatures(records: readonly MessageRecord[]): MessageSignature[] {
  const first = records[0]?.timestamp;
  return records.map((r) => {
    const f = r.facts;
    return {
      request: f.kind === 'request', method: f.method ?? f.cseqMethod ?? '', statusCode: f.statusCode ?? 0,
      offsetMs: first === undefined ? 0 : diffMs(first, r.timestamp),
    };
  });
}

const same = (a: MessageSignature, b: MessageSignature): boolean =>
  a.request === b.request && a.statusCode === b.statusCode && a.method.toUpperCase() === b.method.toUpperCase();

/**
 * For each message of `before`, the index of the same message in `after`, or -1 when the copy lacks it.
 * The first match fixes the offset between the two lists' clocks; later matches must agree with it.
 */
export function alignMessages(before: readonly MessageSignature[], after: readonly MessageSignature[], options: AlignOptions = {}): number[] {
  const lookahead = options.lookahead ?? 32;
  const tolerance = options.toleranceMs ?? 1;
  const out = new Array<number>(before.length).fill(-1);
  let cursor = 0;
  let delta: number | undefined;
  for (let i = 0; i < before.length && cursor < after.length; i++) {
    const b = before[i]!;
    const end = Math.min(after.length, cursor + lookahead);
    for (let j = cursor; j < end; j++) {
      const a = after[j]!;
      if (!same(a, b)) continue;
      if (delta !== undefined && Math.abs(a.offsetMs - b.offsetMs - delta) > tolerance) continue;
      delta ??= a.offsetMs - b.offsetMs;
      out[i] = j;
      cursor = j + 1;
      break;
    }
  }
  return out;
}
