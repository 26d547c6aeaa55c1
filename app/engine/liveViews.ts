/**
 * A view over some rows of a live capture: their records correlated together (RFC 3261 §17 transactions, §12
 * dialogs) as a small EngineState, so the file views' builders (ladder, message detail, exports) work on it
 * unchanged. Inside the view records are numbered 0…n-1; everything handed to the page uses the capture's
 * record numbers (session indices), which stay valid while the call is kept.
 */
import { buildFilterData } from '../../core/src/analyze/filter/filterData.ts';
import { buildLadderModel } from '../../core/src/analyze/ladder/buildLadderModel.ts';
import { ladderTexts } from '../../core/src/export/ladder/ladderTexts.ts';
import type { CorrelatorOptions } from '../../core/src/correlate/correlator.ts';
import { correlateRecords } from '../../core/src/pipeline/liveEntry.ts';
import type { MessageRecord } from '../../core/src/sip/messageRecord.ts';
import type { LadderData, LadderQuery, MessageDetail } from '../shared/apiTypes.ts';
import type { EngineState } from './engineState.ts';
import { buildFinalRows } from './finalRows.ts';
import { MAX_LADDER_MESSAGES, MAX_NOTE_ROWS } from './ladderData.ts';
import { buildMessageDetail } from './messageDetail.ts';
import { ProvisionalRows } from './provisionalRows.ts';

export interface LiveView {
  /** Live row ids the view shows, as asked. */
  readonly ids: readonly number[];
  readonly state: EngineState;
  /** Session index of each local record. */
  readonly sessionIndices: readonly number[];
  /** Live row id of each local record. */
  readonly idOfLocal: readonly number[];
  readonly localOf: ReadonlyMap<number, number>;
}

export interface ViewPart {
  readonly id: number;
  /** Ascending session indices and their records, same positions. */
  readonly sessionIndices: readonly number[];
  readonly records: readonly MessageRecord[];
}

/** Correlates the parts' records together, in capture order. */
export function buildLiveView(parts: readonly ViewPart[], session: number, version: number, precisionDigits: number, correlator: CorrelatorOptions): LiveView {
  const merged: { index: number; id: number; record: MessageRecord }[] = [];
  for (const p of parts) p.records.forEach((record, k) => merged.push({ index: p.sessionIndices[k]!, id: p.id, record }));
  merged.sort((a, b) => a.index - b.index);
  const local = merged.map((m, i) => ({ ...m.record, index: i }));
  const { model, analysis, lookup } = correlateRecords(local, correlator);
  const data = buildFilterData(model, analysis, lookup);
  const state: EngineState = {
    session, generation: version, records: local, raw: { budgetBytes: Infinity, dropped: 0 }, provisional: new ProvisionalRows(),
    final: { model, analysis, data, rows: buildFinalRows(data) }, precisionDigits,
  };
  return {
    ids: parts.map((p) => p.id), state, sessionIndices: merged.map((m) => m.index), idOfLocal: merged.map((m) => m.id),
    localOf: new Map(merged.map((m, i) => [m.index, i])),
  };
}

/** The ladder of every message of the view (the core model the exports draw), in session indices. */
export function liveLadder(view: LiveView, query: LadderQuery): LadderData {
  const state = view.state;
  const final = state.final!;
  const indices = Array.from({ length: Math.min(state.records.length, MAX_LADDER_MESSAGES) }, (_, i) => i);
  const source = { model: final.model, lookup: (i: number) => state.records[i] };
  const ladder = buildLadderModel(source, indices, { merge: query.merge, foldRetransmissions: query.fold });
  const viaDepth = ladder.rows.map((row) => state.records[row.index]?.facts.vias.length ?? 0);
  const notes = query.hops && ladder.rows.length <= MAX_NOTE_ROWS ? ladderTexts(source, ladder, { hops: true, viaStack: false }).map((t) => t.notes) : null;
  const g = (i: number): number => (i < 0 ? i : view.sessionIndices[i] ?? -1);
  for (const row of ladder.rows) {
    row.index = g(row.index);
    row.counterpart = g(row.counterpart);
    row.hop = g(row.hop);
    row.retransmissionOf = g(row.retransmissionOf);
    row.retransmissions = row.retransmissions.map(g);
    row.duplicates = row.duplicates.map(g);
  }
  return {
    session: state.session, generation: state.generation, rows: [...query.rows], ladder, viaDepth, notes, precisionDigits: state.precisionDigits,
    truncated: state.records.length > MAX_LADDER_MESSAGES,
  };
}

/** One message of the view in full, its record numbers as the page knows them (its row: the live row id). */
export function liveMessage(view: LiveView, sessionIndex: number): MessageDetail | undefined {
  const local = view.localOf.get(sessionIndex);
  if (local === undefined) return undefined;
  const detail = buildMessageDetail(view.state, local);
  if (detail === undefined) return undefined;
  const g = (i: number): number => (i < 0 ? i : view.sessionIndices[i] ?? -1);
  return { ...detail, index: sessionIndex, copies: detail.copies.map(g), retransmissionOf: g(detail.retransmissionOf), row: view.idOfLocal[local] ?? -1 };
}
