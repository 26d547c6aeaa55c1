/**
 * The call list after correlation: the core's filter rows (core/src/analyze/filter/filterData.ts: one per
 * call, its legs joined by RFC 3261 §12 dialogs, and one per other usage, in order of first message), each
 * turned into the columns the list shows. Row ids are positions in data.rows, so the filter's row
 * predicate, the CLI's `--index N` (N = id + 1) and the list name the same rows.
 */
import type { FilterData, FilterRow } from '../../core/src/analyze/filter/filterData.ts';
import { issuesOfRow, rowCall, rowUsage, usageFinalStatus } from '../../core/src/analyze/filter/filterData.ts';
import { rowMethod } from '../../core/src/export/jsonExport.ts';
import type { CallRow } from '../shared/apiTypes.ts';
import { clip, epochMs } from './rowText.ts';

export function buildFinalRows(data: FilterData): CallRow[] {
  return data.rows.map((row, id) => finalRow(data, row, id));
}

function finalRow(data: FilterData, row: FilterRow, id: number): CallRow {
  const issues = issuesOfRow(data, row).length;
  const call = rowCall(data, row);
  const first = data.lookup(row.firstIndex);
  if (call !== undefined) {
    const leg = data.model.calls[row.call]?.legs[0];
    return {
      id, kind: 'call', startMs: epochMs(call.start),
      from: clip(call.from ?? leg?.from ?? ''), to: clip(call.to ?? leg?.to ?? ''), callId: clip(leg?.callId ?? call.callIds[0] ?? ''),
      method: clip(rowMethod(data, row)), outcome: call.outcome, status: call.finalStatus, pddMs: call.postDialDelayMs ?? null,
      durationMs: call.durationMs ?? null, messages: row.messages.length, legs: call.legs, issues,
    };
  }
  const usage = rowUsage(data, row);
  return {
    id, kind: 'usage', startMs: first ? epochMs(first.timestamp) : 0, from: clip(first?.facts.from?.uri ?? ''),
    to: clip(first?.facts.to?.uri ?? ''), callId: clip(usage?.callId ?? first?.facts.callId ?? ''), method: clip(rowMethod(data, row)),
    outcome: clip(usage?.registration?.outcome ?? row.kind), status: usageFinalStatus(data, row), pddMs: null, durationMs: null,
    messages: row.messages.length, legs: 1, issues,
  };
}
