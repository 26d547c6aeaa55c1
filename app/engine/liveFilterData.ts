/**
 * The live call list as the core filter language sees it (core/src/analyze/filter/filterData.ts): one filter
 * row per live row, its messages, and its call analysis or usage, so `--filter` expressions (`outcome ==
 * busy`, `from contains alice`, `ua ~ "^Asterisk"`) test live rows as `sipladder calls` tests a file's.
 * Records are numbered by position in this list only (it is rebuilt when rows change).
 */
import type { CallAnalysis } from '../../core/src/analyze/analysis.ts';
import type { FilterData, FilterRow, RowKind } from '../../core/src/analyze/filter/filterData.ts';
import type { Usage } from '../../core/src/correlate/model.ts';
import type { MessageRecord } from '../../core/src/sip/messageRecord.ts';
import { emptyModel } from './provisionalRows.ts';

/** One row's material: its records (capture order) and, once correlated, its call or usage. */
export interface FilterSource {
  readonly records: readonly MessageRecord[];
  readonly calls: readonly CallAnalysis[];
  readonly usages: readonly Usage[];
}

export function buildLiveFilterData(sources: readonly FilterSource[]): FilterData {
  let total = 0;
  for (const s of sources) total += s.records.length;
  const records: MessageRecord[] = new Array(total);
  const rowOfRecord = new Int32Array(total);
  const calls: CallAnalysis[] = [];
  const usages: Usage[] = [];
  const rows: FilterRow[] = [];
  let at = 0;
  sources.forEach((s, position) => {
    const messages: number[] = [];
    for (const r of s.records) {
      records[at] = r;
      rowOfRecord[at] = position;
      messages.push(at++);
    }
    const call = s.calls[0];
    const usage = call === undefined ? s.usages[0] : undefined;
    let kind: RowKind = 'other';
    if (call !== undefined) kind = 'call';
    else if (usage !== undefined) kind = usage.kind;
    else if (s.records.some((r) => (r.facts.kind === 'request' ? r.facts.method : r.facts.cseqMethod) === 'INVITE')) kind = 'call';
    if (call !== undefined) calls.push(call);
    if (usage !== undefined) usages.push(usage);
    rows.push({
      number: position + 1, kind, call: call !== undefined ? calls.length - 1 : -1, usage: usage !== undefined ? usages.length - 1 : -1,
      firstIndex: messages[0] ?? -1, messages,
    });
  });
  return {
    model: { ...emptyModel(total), usages }, analysis: { calls, issues: [] }, lookup: (i) => records[i], rows, rowOfRecord,
    issuesOfRecord: new Map(),
  };
}
