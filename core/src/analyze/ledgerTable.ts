/**
 * Every Call-ID group's outcome ledger (settledGroup.ts) until the end of a streamed capture, in growable
 * typed columns indexed by group id: a few bytes per call leg instead of an object each, since these are
 * kept for every leg of the capture (calls and their first legs are known only at the end).
 */
import { makeTimestamp } from '../shared/time.ts';
import { newLedger, type OutcomeLedger } from './settledGroup.ts';

const CANCELLED = 1;
const RINGING = 2;
const CONFIRMED = 4;

export class LedgerTable {
  private size = 0;
  private firstAttempt = new Int32Array(1024).fill(-1);
  private firstSeconds = new Float64Array(1024);
  private firstNanoseconds = new Int32Array(1024);
  private answer = new Int32Array(1024).fill(-1);
  private answerStatus = new Int32Array(1024);
  private final = new Int32Array(1024).fill(-1);
  private finalStatus = new Int32Array(1024);
  private flags = new Uint8Array(1024);

  /** The group's ledger so far (a fresh object; an empty ledger for a group never settled). */
  get(group: number): OutcomeLedger {
    const l = newLedger();
    if (group < 0 || group >= this.size) return l;
    l.firstAttempt = this.firstAttempt[group]!;
    if (l.firstAttempt >= 0) l.firstStart = makeTimestamp(this.firstSeconds[group]!, this.firstNanoseconds[group]!);
    l.answer = this.answer[group]!;
    l.answerStatus = this.answerStatus[group]!;
    l.final = this.final[group]!;
    l.finalStatus = this.finalStatus[group]!;
    const f = this.flags[group]!;
    l.cancelled = (f & CANCELLED) !== 0;
    l.ringing = (f & RINGING) !== 0;
    l.confirmed = (f & CONFIRMED) !== 0;
    return l;
  }

  set(group: number, l: OutcomeLedger): void {
    this.ensure(group);
    this.firstAttempt[group] = l.firstAttempt;
    this.firstSeconds[group] = l.firstStart?.seconds ?? 0;
    this.firstNanoseconds[group] = l.firstStart?.nanoseconds ?? 0;
    this.answer[group] = l.answer;
    this.answerStatus[group] = l.answerStatus;
    this.final[group] = l.final;
    this.finalStatus[group] = l.finalStatus;
    this.flags[group] = (l.cancelled ? CANCELLED : 0) | (l.ringing ? RINGING : 0) | (l.confirmed ? CONFIRMED : 0);
  }

  private ensure(group: number): void {
    if (group >= this.size) this.size = group + 1;
    if (group < this.flags.length) return;
    let capacity = this.flags.length * 2;
    while (capacity <= group) capacity *= 2;
    const grow = <T extends Int32Array | Float64Array | Uint8Array>(old: T, make: (n: number) => T, fill?: number): T => {
      const next = make(capacity);
      if (fill !== undefined) next.fill(fill);
      next.set(old);
      return next;
    };
    this.firstAttempt = grow(this.firstAttempt, (n) => new Int32Array(n), -1);
    this.firstSeconds = grow(this.firstSeconds, (n) => new Float64Array(n));
    this.firstNanoseconds = grow(this.firstNanoseconds, (n) => new Int32Array(n));
    this.answer = grow(this.answer, (n) => new Int32Array(n), -1);
    this.answerStatus = grow(this.answerStatus, (n) => new Int32Array(n));
    this.final = grow(this.final, (n) => new Int32Array(n), -1);
    this.finalStatus = grow(this.finalStatus, (n) => new Int32Array(n));
    this.flags = grow(this.flags, (n) => new Uint8Array(n));
  }
}
