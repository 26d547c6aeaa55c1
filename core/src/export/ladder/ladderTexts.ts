/**
 * The text of every row of a ladder, once, for all renderers: the label (title, SDP marker, fold count,
 * fork) and, when asked, the hop annotation lines (correlate/hopAnnotation.ts, built on demand).
 */
import type { LadderModel } from '../../analyze/ladder/ladderModel.ts';
import { hopAnnotation } from '../../correlate/hopAnnotation.ts';
import type { CorrelationModel, RecordLookup } from '../../correlate/model.ts';
import { hopNoteLines } from './hopNoteLines.ts';
import { dialogIndex, rowLabel } from './rowText.ts';

export interface RowTexts {
  label: string;
  notes: string[];
}

export interface RowTextOptions {
  readonly hops: boolean;
  readonly ascii?: boolean;
  /** Every Via entry in the notes (default), or only the one pushed or popped on the hop. */
  readonly viaStack?: boolean;
}

export function ladderTexts(source: { model: CorrelationModel; lookup: RecordLookup }, ladder: LadderModel, options: RowTextOptions): RowTexts[] {
  const dialogs = dialogIndex(ladder);
  return ladder.rows.map((row) => {
    const label = rowLabel(row, dialogs, { ascii: options.ascii ?? false });
    if (!options.hops || row.hop < 0) return { label, notes: [] };
    const hop = hopAnnotation(source.model, row.hop, source.lookup);
    const viaStack = options.viaStack ?? true;
    return { label, notes: hop === undefined ? [] : hopNoteLines(hop, row.kind, { viaStack }) };
  });
}
