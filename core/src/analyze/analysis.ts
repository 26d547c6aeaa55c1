/**
 * The analysis model: per-call outcome and timings (RFC 6076 terms: post-dial delay, session setup time,
 * session duration), media negotiated by offer/answer (RFC 3264), anomalies, and summary counts.
 * Plain JSON-serialisable data referring to records by index and to calls by id.
 */
import type { Issue } from '../shared/issue.ts';
import type { Timestamp } from '../shared/time.ts';
import type { ReasonValue } from './reasonHeader.ts';

export type { RecordLookup } from '../correlate/model.ts';

export type CallOutcome =
  | 'answered' | 'cancelled' | 'busy' | 'declined' | 'rejected' | 'redirected' | 'timedOut' | 'failed' | 'inProgress';

export const CALL_OUTCOMES: readonly CallOutcome[] = [
  'answered', 'cancelled', 'busy', 'declined', 'rejected', 'redirected', 'timedOut', 'failed', 'inProgress',
];

export interface MediaSide {
  address?: string;
  port?: number;
  codecs: string[];
  direction: string;
}

export interface HoldEvent {
  index: number;
  byCaller: boolean;
  action: 'hold' | 'resume';
  direction: string;
}

export interface CallAnalysis {
  call: number;
  start: Timestamp;
  from?: string;
  to?: string;
  callIds: string[];
  outcome: CallOutcome;
  /** Final status of the caller's last INVITE attempt (0 when none was captured). */
  finalStatus: number;
  reasonPhrase?: string;
  /** Reason headers (RFC 3326) of the final response, the CANCEL and the BYE. */
  reasons: ReasonValue[];
  /** INVITE → first 18x, INVITE → 2xx, ACK (or 2xx) → BYE, in milliseconds of capture time. */
  postDialDelayMs?: number;
  setupTimeMs?: number;
  durationMs?: number;
  hungUpBy?: 'caller' | 'callee';
  /** Codecs of the answer that the offer also listed, answer order (the first one is in use). */
  codecs: string[];
  callerMedia?: MediaSide;
  calleeMedia?: MediaSide;
  holds: HoldEvent[];
  messages: number;
  legs: number;
  issues: Issue[];
}

export interface AnalysisIssue {
  /** Record the issue is about, -1 for none. */
  index: number;
  call: number;
  issue: Issue;
}

export interface Analysis {
  calls: CallAnalysis[];
  issues: AnalysisIssue[];
}

export interface Summary {
  messages: number;
  retransmissions: number;
  transactions: number;
  logicalTransactions: number;
  dialogs: number;
  calls: number;
  nodes: number;
  outcomes: Record<CallOutcome, number>;
  usages: Record<string, number>;
  issues: Record<string, number>;
}
