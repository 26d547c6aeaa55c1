/**
 * What the exports read: the correlation model, the records (by index) and the per-call analysis — the
 * shape of pipeline/captureAnalysis.ts's CaptureAnalysis, restated here because export must not import
 * the pipeline wiring (stages import backwards only). A CaptureAnalysis is an ExportSource as it is.
 */
import type { Analysis } from '../analyze/analysis.ts';
import { buildLadderModel, recordsOfCalls } from '../analyze/ladder/buildLadderModel.ts';
import type { LadderModel, LaneMerge } from '../analyze/ladder/ladderModel.ts';
import type { CorrelationModel, RecordLookup } from '../correlate/model.ts';

export interface ExportSource {
  readonly model: CorrelationModel;
  readonly lookup: RecordLookup;
  readonly analysis: Analysis;
  readonly capture?: { readonly timePrecisionDigits: number };
}

/** What every ladder export accepts besides its own options. */
export interface LadderSelectionOptions {
  /** How addresses become lanes (default 'node': the correlator's nodes). */
  readonly merge?: LaneMerge;
  /** Fold retransmissions and duplicates into their first copy's row (default true). */
  readonly foldRetransmissions?: boolean;
  /**
   * Draw exactly these record indices instead of the calls' messages (usages such as a registration,
   * or messages a filter chose); `calls` then only names what the title says.
   */
  readonly records?: readonly number[];
}

export interface LadderSelection {
  ladder: LadderModel;
  warnings: string[];
}

/** The ladder of the given calls (indices into analysis.calls / model.calls); none = the whole capture. */
export function selectLadder(source: ExportSource, calls: readonly number[], options: LadderSelectionOptions = {}): LadderSelection {
  const warnings: string[] = [];
  const known = calls.filter((c) => Number.isInteger(c) && c >= 0 && c < source.model.calls.length);
  for (const c of calls) {
    if (!known.includes(c)) warnings.push(`no call ${c}: the capture has ${source.model.calls.length} call${source.model.calls.length === 1 ? '' : 's'} (0–${Math.max(0, source.model.calls.length - 1)})`);
  }
  const indices = options.records !== undefined
    ? options.records.filter((i) => Number.isInteger(i) && i >= 0 && i < source.model.records)
    : calls.length > 0 && known.length === 0 ? [] : recordsOfCalls(source.model, known);
  const ladder = buildLadderModel(source, indices, options);
  if (ladder.rows.length === 0) warnings.push('no SIP messages to draw');
  return { ladder, warnings };
}

/** Fractional digits for times: the capture's clock, 6 when unknown. */
export function timeDigits(source: ExportSource, override?: number): number {
  return override ?? source.capture?.timePrecisionDigits ?? 6;
}
