/** The vocabulary of a live session: its options, the events it emits, its views and statistics. */
import type { CallOutcome } from '../analyze/analysis.ts';
import type { CorrelatorOptions } from '../correlate/correlator.ts';
import type { Timestamp } from '../shared/time.ts';
import type { LiveDetail, LiveEntry } from './liveEntry.ts';
import type { LivePhase } from './liveGroup.ts';

export interface LiveSessionOptions {
  readonly correlator?: CorrelatorOptions;
  /** Completed calls kept (and, separately, completed usages); unlimited when absent. */
  readonly limitCalls?: number;
  /** Estimated bytes of everything kept, active groups included (default 256 MiB). */
  readonly limitBytes?: number;
  /** Capture time a finished group waits for ACKs and retransmissions before it is reported (default 2 s). */
  readonly lingerMs?: number;
  /** Silence after which a group without a confirmed dialog is closed (default 200 s: Timer C plus margin). */
  readonly idleMs?: number;
  /** Silence after which a group with a confirmed dialog (a call in progress) is closed (default 1 h). */
  readonly confirmedIdleMs?: number;
}

export const DEFAULT_LIVE_LIMIT_BYTES = 256 * 1024 * 1024;

export type LiveEvent =
  | { readonly type: 'callStarted'; readonly call: LiveActive }
  /** `detail` (its correlation model and analysis) comes with the event only; the session keeps `entry`. */
  | { readonly type: 'completed'; readonly entry: LiveEntry; readonly detail: LiveDetail }
  /** Late messages reopened a completed entry; this replaces it (same id). */
  | { readonly type: 'updated'; readonly entry: LiveEntry; readonly detail: LiveDetail }
  | { readonly type: 'evicted'; readonly id: number; readonly kind: 'call' | 'usage' };

/** A group still in progress. */
export interface LiveActive {
  readonly id: number;
  readonly callIds: readonly string[];
  readonly phase: LivePhase;
  readonly from?: string;
  readonly to?: string;
  readonly firstTimestamp: Timestamp;
  readonly lastTimestamp: Timestamp;
  readonly messages: number;
}

export interface LiveStats {
  readonly messages: number;
  readonly activeCalls: number;
  readonly activeUsages: number;
  /** Ever completed (first completions; `updates` counts reopenings). */
  readonly completedCalls: number;
  readonly completedUsages: number;
  readonly keptCalls: number;
  readonly keptUsages: number;
  readonly evictedCalls: number;
  readonly evictedUsages: number;
  /** Groups closed early because active groups alone exceeded the memory limit. */
  readonly forcedClosures: number;
  readonly updates: number;
  readonly estimatedBytes: number;
  readonly limitBytes: number;
  readonly limitCalls?: number;
  /** Outcomes of every completed call, evicted ones included. */
  readonly outcomes: Readonly<Record<CallOutcome, number>>;
}
