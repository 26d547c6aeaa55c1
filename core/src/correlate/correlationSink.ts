/**
 * The streaming face of the correlator: instead of a whole model at the end, it reports each record as it
 * is processed and each Call-ID group (RFC 3261 §8.1.1.4) once everything of it has retired — every
 * transaction idle past its timers (§17), every dialog idle or ended (§12) — so a consumer can summarise
 * a capture of any length while only live calls are held in memory.
 */
import type { Issue } from '../shared/issue.ts';
import type { MessageRecord } from '../sip/messageRecord.ts';
import type { CallIdGroup } from './callIdGroups.ts';
import type { Dialog, LogicalTransaction, Transaction, Usage } from './model.ts';
import type { TxRuntime } from './transactionRuntime.ts';
import type { TrackedRole } from './transactionTracker.ts';

/** One record as correlated (one object reused for every record: read it during the call only). */
export interface RecordCorrelation {
  record: MessageRecord;
  /** Its Call-ID group, -1 without a Call-ID. */
  group: number;
  transaction: Transaction | undefined;
  role: TrackedRole;
  /** This record created the transaction. */
  created: boolean;
  /** First transmission (neither a retransmission nor a capture duplicate). */
  distinct: boolean;
  retransmissionOf: number;
  duplicateOf: number;
  /**
   * The dialog matched while streaming, -1 if none; a record without one may still belong to its
   * transaction's dialog, known once the group settles (as the model's dialog column does).
   */
  dialog: number;
}

/** Everything of one Call-ID group since its last settlement; none of it changes any more. */
export interface SettledGroup {
  readonly group: CallIdGroup;
  /** Ascending ids. */
  readonly transactions: readonly TxRuntime[];
  readonly logicalTransactions: readonly LogicalTransaction[];
  readonly dialogs: readonly Dialog[];
}

export interface CorrelationSink {
  issue(index: number, issue: Issue): void;
  record(entry: RecordCorrelation): void;
  settled(settled: SettledGroup): void;
}

/** What is left to say at the end of a stream: counts, and the calls built from every group. */
export interface StreamEnd {
  /** Records seen (highest index + 1). */
  readonly records: number;
  readonly transactions: number;
  readonly logicalTransactions: number;
  readonly dialogs: number;
  readonly nodes: number;
  /** Every Call-ID group (slim: see CallIdGroups), by id. */
  readonly groups: readonly CallIdGroup[];
  /** Calls, numbered as the model numbers them, and the call of each group (-1: another usage). */
  readonly calls: number;
  readonly callOfGroup: Int32Array;
  readonly usages: readonly Usage[];
}
