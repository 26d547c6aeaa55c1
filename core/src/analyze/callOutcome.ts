/**
 * The outcome of a call attempt from the caller's side (RFC 3261 §21 status classes; RFC 6076 §4.2 separates
 * successful, failed and cancelled attempts): what a reader would write next to the call.
 */
import type { CallOutcome } from './analysis.ts';

export interface OutcomeInput {
  /** Some initial INVITE of the caller got a 2xx. */
  answered: boolean;
  /** Final status of the last initial INVITE attempt, 0 when none was captured. */
  finalStatus: number;
  /** The caller sent CANCEL. */
  cancelled: boolean;
  /** A provisional response (other than 100) was seen. */
  ringing: boolean;
  /** Capture time from the first INVITE to the end of the capture, ms. */
  observedMs: number;
}

/** Timer B: a client gives up an INVITE that got no response at all within 64·T1. */
const TIMER_B_MS = 32_000;

export function classifyOutcome(input: OutcomeInput): CallOutcome {
  if (input.answered) return 'answered';
  const status = input.finalStatus;
  if (status === 0) {
    if (input.cancelled) return 'cancelled';
    return input.ringing || input.observedMs < TIMER_B_MS ? 'inProgress' : 'timedOut';
  }
  if (status === 487) return 'cancelled';
  if (status >= 300 && status < 400) return 'redirected';
  if (status === 486 || status === 600) return 'busy';
  if (status === 603 || status === 607 || status === 608) return 'declined';
  if (status === 408 || status === 504) return 'timedOut';
  if (status >= 500 && status < 600) return 'failed';
  return 'rejected';
}
