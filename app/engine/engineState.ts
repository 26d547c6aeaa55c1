/** What the view builders (ladder, message detail, statistics) read from a capture session. */
import type { Analysis } from '../../core/src/analyze/analysis.ts';
import type { CorrelationModel } from '../../core/src/correlate/model.ts';
import type { MessageRecord } from '../../core/src/sip/messageRecord.ts';
import type { RowTable } from './finalRows.ts';
import type { ProvisionalRows } from './provisionalRows.ts';
import type { RawStore } from './rawStore.ts';

export interface FinalState {
  model: CorrelationModel;
  analysis: Analysis;
  table: RowTable;
}

export interface EngineState {
  session: number;
  generation: number;
  records: readonly MessageRecord[];
  raw: RawStore;
  provisional: ProvisionalRows;
  final: FinalState | undefined;
  precisionDigits: number;
}

/** Record indices of a row, capture order (final rows after correlation, else Call-ID rows). */
export function rowMessages(state: EngineState, row: number): ArrayLike<number> {
  const f = state.final;
  if (f !== undefined) {
    if (row < 0 || row >= f.table.rows.length) return [];
    return f.table.rowMessages.subarray(f.table.rowStart[row]!, f.table.rowStart[row + 1]!);
  }
  return state.provisional.messages[row] ?? [];
}

export function rowOfRecord(state: EngineState, index: number): number {
  const f = state.final;
  if (f !== undefined) return f.table.rowOfRecord[index] ?? -1;
  const record = state.records[index];
  return record === undefined ? -1 : state.provisional.rowOf(record.facts.callId);
}

/** A column of the correlation model at a record, -1 before correlation. */
export function column(state: EngineState, name: keyof CorrelationModel['columns'], index: number): number {
  return state.final?.model.columns[name][index] ?? -1;
}
