/** What the view builders (ladder, message detail, statistics, exports) read from a capture session. */
import type { Analysis } from '../../core/src/analyze/analysis.ts';
import type { FilterData } from '../../core/src/analyze/filter/filterData.ts';
import type { CorrelationModel } from '../../core/src/correlate/model.ts';
import type { MessageRecord } from '../../core/src/sip/messageRecord.ts';
import type { CallRow } from '../shared/apiTypes.ts';
import type { ProvisionalRows } from './provisionalRows.ts';

export interface FinalState {
  model: CorrelationModel;
  analysis: Analysis;
  /** The core's rows (calls and other usages) with their messages: what filters and exports take. */
  data: FilterData;
  /** The call list's columns, one per data.rows entry (same positions). */
  rows: CallRow[];
}

/** Records carry their message bytes (`raw`) up to a budget; past it, later ones have none. */
export interface RawKeeping {
  budgetBytes: number;
  /** Records that got no bytes because the budget was reached. */
  dropped: number;
}

export interface EngineState {
  session: number;
  generation: number;
  records: readonly MessageRecord[];
  raw: RawKeeping;
  provisional: ProvisionalRows;
  final: FinalState | undefined;
  precisionDigits: number;
}

/** Record indices of a row, capture order (final rows after correlation, else Call-ID rows). */
export function rowMessages(state: EngineState, row: number): ArrayLike<number> {
  const f = state.final;
  if (f !== undefined) return f.data.rows[row]?.messages ?? [];
  return state.provisional.messages[row] ?? [];
}

export function rowOfRecord(state: EngineState, index: number): number {
  const f = state.final;
  if (f !== undefined) return f.data.rowOfRecord[index] ?? -1;
  const record = state.records[index];
  return record === undefined ? -1 : state.provisional.rowOf(record.facts.callId);
}

/** A column of the correlation model at a record, -1 before correlation. */
export function column(state: EngineState, name: keyof CorrelationModel['columns'], index: number): number {
  return state.final?.model.columns[name][index] ?? -1;
}

/** The rows as the core filter and the exports see them: correlated ones, else the Call-ID rows read so far. */
export function filterData(state: EngineState): FilterData {
  return state.final?.data ?? state.provisional.filterData((i) => state.records[i]);
}

/** Why a record has no raw bytes (the detail view says it). */
export function rawMissingReason(state: EngineState, index: number): string {
  const record = state.records[index];
  if (record !== undefined && record.raw === undefined && state.raw.dropped > 0) {
    return `raw text not kept: the capture exceeds the raw-text memory budget (${Math.round(state.raw.budgetBytes / 2 ** 20)} MiB)`;
  }
  return 'raw text not available for this message';
}
