/**
 * A finished group of a live session: its records (renumbered from 0 so a per-call correlation stays small),
 * and the call (or other usage: registration, OPTIONS, subscription…) the correlator and analyser made of it.
 */
import { analyze } from '../analyze/analyze.ts';
import type { Analysis, CallAnalysis } from '../analyze/analysis.ts';
import { Correlator, type CorrelatorOptions } from '../correlate/correlator.ts';
import type { CorrelationModel, RecordLookup, Usage } from '../correlate/model.ts';
import type { MessageRecord } from '../sip/messageRecord.ts';
import type { Timestamp } from '../shared/time.ts';
import type { LiveGroup } from './liveGroup.ts';
import { ENTRY_BASE_BYTES } from './liveMemory.ts';

/** Why a group was closed: its dialogs ended; silence; the memory limit; the end of the input. */
export type CloseReason = 'ended' | 'idle' | 'limit' | 'end';

export interface LiveEntry {
  /** Stable for the session; a call reopened by late messages keeps its id. */
  readonly id: number;
  /** 'call' when the analysis found an INVITE call; else 'usage' (REGISTER, OPTIONS, SUBSCRIBE, MESSAGE…). */
  readonly kind: 'call' | 'usage';
  readonly callIds: readonly string[];
  /** Usually one call; B2BUA legs joined through a correlation header are one call with several legs. */
  readonly calls: readonly CallAnalysis[];
  readonly usages: readonly Usage[];
  readonly messages: number;
  readonly firstTimestamp: Timestamp;
  readonly lastTimestamp: Timestamp;
  /** `index` of each record in the session (capture order), by local index. */
  readonly sessionIndices: readonly number[];
  /** Every frame that carried one of its messages, ascending (for saving selected calls). */
  readonly frames: readonly number[];
  readonly closedBy: CloseReason;
  /** How many times late messages reopened it. */
  readonly updates: number;
  /** Estimated heap it holds (records and analysis). */
  readonly sizeBytes: number;
  /** Its records, renumbered 0…n-1 in capture order (the model's record indices). */
  readonly records: readonly MessageRecord[];
}

/** Everything a ladder view needs for one entry, built on demand (not kept, to save memory). */
export interface LiveDetail {
  readonly records: readonly MessageRecord[];
  readonly model: CorrelationModel;
  readonly analysis: Analysis;
  readonly lookup: RecordLookup;
}

export function localRecords(group: LiveGroup): MessageRecord[] {
  const sorted = group.records.slice().sort((a, b) => a.index - b.index);
  return sorted.map((r, i) => ({ ...r, index: i }));
}

export function correlateRecords(records: readonly MessageRecord[], options: CorrelatorOptions): LiveDetail {
  const correlator = new Correlator(options);
  for (const r of records) correlator.add(r);
  const model = correlator.finish();
  const lookup: RecordLookup = (i) => records[i];
  return { records, model, analysis: analyze(model, lookup), lookup };
}

/** The entry to keep, and the detail it was made from (handed out with the event, not kept). */
export function buildEntry(group: LiveGroup, options: CorrelatorOptions, closedBy: CloseReason, updates: number): { entry: LiveEntry; detail: LiveDetail } {
  const sessionIndices = group.records.map((r) => r.index).sort((a, b) => a - b);
  const records = localRecords(group);
  const detail = correlateRecords(records, options);
  const { model, analysis } = detail;
  const frameSet = new Set<number>();
  for (const r of records) for (const f of r.frames) frameSet.add(f);
  for (const r of records) frameSet.add(r.frame);
  const frames = [...frameSet].sort((a, b) => a - b);
  const entry: LiveEntry = {
    id: group.id, kind: analysis.calls.length > 0 ? 'call' : 'usage', callIds: group.callIds.slice(),
    calls: analysis.calls, usages: model.usages, messages: records.length,
    firstTimestamp: records[0]!.timestamp, lastTimestamp: records[records.length - 1]!.timestamp,
    sessionIndices, frames, closedBy, updates, sizeBytes: group.bytes + ENTRY_BASE_BYTES + frames.length * 8, records,
  };
  return { entry, detail };
}
