/**
 * The ladder of one or more rows: the core's ladder model (core/src/analyze/ladder/buildLadderModel.ts:
 * lanes merged as asked, one row per message with retransmissions folded per RFC 3261 §17.1.1.2,
 * transaction brackets, dialog spans) — the same model the SVG, Mermaid and text exports draw — plus
 * the Via depth of each row and, when asked, its hop notes (core/src/export/ladder/ladderTexts.ts).
 * Before correlation ends the model is empty, so each message is its own row and lanes are addresses.
 */
import { buildLadderModel } from '../../core/src/analyze/ladder/buildLadderModel.ts';
import { ladderTexts } from '../../core/src/export/ladder/ladderTexts.ts';
import type { LadderData, LadderQuery } from '../shared/apiTypes.ts';
import { type EngineState, rowMessages } from './engineState.ts';
import { emptyModel } from './provisionalRows.ts';

/** More messages than this in one ladder are cut (the ladder says so). */
export const MAX_LADDER_MESSAGES = 500_000;
/** Hop notes are built per row on demand (whole header values): past this many rows they are left out. */
export const MAX_NOTE_ROWS = 50_000;

/** Record indices of the rows, merged, capture order. */
export function recordsOfRows(state: EngineState, rows: readonly number[]): number[] {
  const seen = new Set<number>();
  for (const row of rows) {
    const list = rowMessages(state, row);
    for (let i = 0; i < list.length; i++) seen.add(list[i]!);
  }
  return [...seen].sort((a, b) => a - b);
}

export function buildLadder(state: EngineState, query: LadderQuery): LadderData {
  const indices = recordsOfRows(state, query.rows);
  const truncated = indices.length > MAX_LADDER_MESSAGES;
  if (truncated) indices.length = MAX_LADDER_MESSAGES;
  const source = { model: state.final?.model ?? emptyModel(state.records.length), lookup: (i: number) => state.records[i] };
  const ladder = buildLadderModel(source, indices, { merge: query.merge, foldRetransmissions: query.fold });
  const viaDepth = ladder.rows.map((row) => state.records[row.index]?.facts.vias.length ?? 0);
  const notes = query.hops && state.final !== undefined && ladder.rows.length <= MAX_NOTE_ROWS
    ? ladderTexts(source, ladder, { hops: true, viaStack: false }).map((t) => t.notes)
    : null;
  return {
    session: state.session, generation: state.generation, rows: [...query.rows], ladder, viaDepth, notes,
    precisionDigits: state.precisionDigits, truncated,
  };
}
