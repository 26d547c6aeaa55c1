/**
 * The call list after correlation: one row per call (its legs joined, RFC 3261 §12 dialogs grouped by
 * the correlator) and one per other usage (registration, OPTIONS, MESSAGE…), in capture order, with the
 * record indices of each row in one compact table (row r owns rowMessages[rowStart[r] .. rowStart[r+1])).
 */
import type { Analysis } from '../../core/src/analyze/analysis.ts';
import type { CorrelationModel, RecordLookup } from '../../core/src/correlate/model.ts';
import type { CallRow } from '../shared/apiTypes.ts';
import { clip, epochMs } from './rowText.ts';

export interface RowTable {
  rows: CallRow[];
  rowStart: Int32Array;
  rowMessages: Int32Array;
  rowOfRecord: Int32Array;
}

interface Entry {
  firstIndex: number;
  call: number;
  usage: number;
}

export function buildFinalRows(model: CorrelationModel, analysis: Analysis, lookup: RecordLookup): RowTable {
  const entries: Entry[] = [];
  for (const c of model.calls) entries.push({ firstIndex: c.firstIndex, call: c.id, usage: -1 });
  for (const u of model.usages) entries.push({ firstIndex: u.firstIndex, call: -1, usage: u.id });
  entries.sort((a, b) => a.firstIndex - b.firstIndex);
  const rowOfCall = new Int32Array(model.calls.length).fill(-1);
  const rowOfUsage = new Int32Array(model.usages.length).fill(-1);
  const rows: CallRow[] = entries.map((e, id) => {
    if (e.call >= 0) {
      rowOfCall[e.call] = id;
      return callRow(id, e.call, model, analysis, lookup);
    }
    rowOfUsage[e.usage] = id;
    return usageRow(id, e.usage, model, lookup);
  });

  const n = model.records;
  const rowOfRecord = new Int32Array(n).fill(-1);
  const counts = new Int32Array(rows.length + 1);
  const { call, usage } = model.columns;
  for (let i = 0; i < n; i++) {
    const c = call[i]!;
    const r = c >= 0 ? rowOfCall[c]! : (usage[i]! >= 0 ? rowOfUsage[usage[i]!]! : -1);
    rowOfRecord[i] = r;
    if (r < 0) continue;
    counts[r + 1]!++;
    const row = rows[r]!;
    const record = lookup(i);
    if (record === undefined) continue;
    row.issues += record.issues.length;
    if (row.kind === 'usage') {
      row.messages++;
      const status = record.facts.statusCode ?? 0;
      if (record.facts.kind === 'response' && status >= 200) row.status = status;
    }
  }
  for (const x of model.issues) {
    const r = rowOfRecord[x.index] ?? -1;
    if (r >= 0 && rows[r]!.kind === 'usage') rows[r]!.issues++;
  }
  const rowStart = new Int32Array(rows.length + 1);
  for (let r = 0; r < rows.length; r++) rowStart[r + 1] = rowStart[r]! + counts[r + 1]!;
  const fill = rowStart.slice(0, rows.length);
  const rowMessages = new Int32Array(rowStart[rows.length]!);
  for (let i = 0; i < n; i++) {
    const r = rowOfRecord[i]!;
    if (r >= 0) rowMessages[fill[r]!++] = i;
  }
  return { rows, rowStart, rowMessages, rowOfRecord };
}

function callRow(id: number, callId: number, model: CorrelationModel, analysis: Analysis, lookup: RecordLookup): CallRow {
  const call = model.calls[callId]!;
  const a = analysis.calls[callId];
  const leg = call.legs[0];
  const initial = leg !== undefined ? lookup(leg.initialIndex) : undefined;
  return {
    id, kind: 'call', startMs: epochMs(call.start), from: clip(a?.from ?? leg?.from ?? ''), to: clip(a?.to ?? leg?.to ?? ''),
    callId: clip(leg?.callId ?? ''), method: clip(initial?.facts.method ?? 'INVITE'), outcome: a?.outcome ?? 'inProgress',
    status: a?.finalStatus ?? 0, pddMs: a?.postDialDelayMs ?? null, durationMs: a?.durationMs ?? null,
    messages: call.messages, legs: call.legs.length, issues: a?.issues.length ?? 0, noise: false,
  };
}

function usageRow(id: number, usageId: number, model: CorrelationModel, lookup: RecordLookup): CallRow {
  const u = model.usages[usageId]!;
  const first = lookup(u.firstIndex);
  return {
    id, kind: 'usage', startMs: first ? epochMs(first.timestamp) : 0, from: clip(first?.facts.from?.uri ?? ''),
    to: clip(first?.facts.to?.uri ?? ''), callId: clip(u.callId), method: clip(u.methods[0] ?? ''),
    outcome: clip(u.registration?.outcome ?? u.kind), status: 0, pddMs: null, durationMs: null, messages: 0, legs: 1, issues: 0,
    noise: u.noise || u.kind === 'registration' || u.kind === 'options',
  };
}
