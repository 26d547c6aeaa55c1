/**
 * What filters (and the call list) see: one row per call (INVITE dialogs and their legs, RFC 3261 §12) or
 * per other usage (registration, OPTIONS, subscription, MESSAGE…), in order of first message, with the
 * record indices of each row. Row numbers are 1-based and do not change with filters, so `--index N`
 * always names the same row.
 */
import type { CorrelationModel, RecordLookup, Usage, UsageKind } from '../../correlate/model.ts';
import type { Issue } from '../../shared/issue.ts';
import type { Analysis, CallAnalysis } from '../analysis.ts';

export type RowKind = 'call' | UsageKind;

export interface FilterRow {
  /** 1-based position in the full list. */
  readonly number: number;
  readonly kind: RowKind;
  /** Model call id (-1 for a usage). */
  readonly call: number;
  /** Model usage id (-1 for a call). */
  readonly usage: number;
  readonly firstIndex: number;
  /** Record indices of the row's messages, ascending. */
  readonly messages: readonly number[];
}

export interface FilterData {
  readonly model: CorrelationModel;
  readonly analysis: Analysis;
  readonly lookup: RecordLookup;
  readonly rows: readonly FilterRow[];
  /** Row position (0-based, rows[i]) of each record, -1 for messages outside any call or usage. */
  readonly rowOfRecord: Int32Array;
  /** Correlation and analysis issues about each record (parse issues stay on the record). */
  readonly issuesOfRecord: ReadonlyMap<number, readonly Issue[]>;
}

export function buildFilterData(model: CorrelationModel, analysis: Analysis, lookup: RecordLookup): FilterData {
  const entries: { firstIndex: number; call: number; usage: number; kind: RowKind }[] = [];
  for (const c of model.calls) entries.push({ firstIndex: c.firstIndex, call: c.id, usage: -1, kind: 'call' });
  for (const u of model.usages) entries.push({ firstIndex: u.firstIndex, call: -1, usage: u.id, kind: u.kind });
  entries.sort((a, b) => a.firstIndex - b.firstIndex || a.call - b.call);
  const rowOfCall = new Int32Array(model.calls.length).fill(-1);
  const rowOfUsage = new Int32Array(model.usages.length).fill(-1);
  entries.forEach((e, r) => {
    if (e.call >= 0) rowOfCall[e.call] = r;
    else rowOfUsage[e.usage] = r;
  });
  const n = model.records;
  const rowOfRecord = new Int32Array(n).fill(-1);
  const messages: number[][] = entries.map(() => []);
  const { call, usage } = model.columns;
  for (let i = 0; i < n; i++) {
    const c = call[i] ?? -1;
    const u = usage[i] ?? -1;
    const r = c >= 0 ? rowOfCall[c]! : u >= 0 ? rowOfUsage[u]! : -1;
    rowOfRecord[i] = r;
    if (r >= 0) messages[r]!.push(i);
  }
  const rows: FilterRow[] = entries.map((e, r) => ({
    number: r + 1, kind: e.kind, call: e.call, usage: e.usage, firstIndex: e.firstIndex, messages: messages[r]!,
  }));
  const issuesOfRecord = new Map<number, Issue[]>();
  const add = (index: number, issue: Issue): void => {
    if (index < 0) return;
    const list = issuesOfRecord.get(index);
    if (list === undefined) issuesOfRecord.set(index, [issue]);
    else list.push(issue);
  };
  for (const x of model.issues) add(x.index, x.issue);
  for (const x of analysis.issues) add(x.index, x.issue);
  return { model, analysis, lookup, rows, rowOfRecord, issuesOfRecord };
}

export function rowCall(data: FilterData, row: FilterRow): CallAnalysis | undefined {
  return row.call >= 0 ? data.analysis.calls[row.call] : undefined;
}

export function rowUsage(data: FilterData, row: FilterRow): Usage | undefined {
  return row.usage >= 0 ? data.model.usages[row.usage] : undefined;
}

/** The final status of a usage: the last final response among its messages (0 when none). */
export function usageFinalStatus(data: FilterData, row: FilterRow): number {
  let status = 0;
  for (const i of row.messages) {
    const f = data.lookup(i)?.facts;
    if (f?.kind === 'response' && (f.statusCode ?? 0) >= 200) status = f.statusCode!;
  }
  return status;
}

/** Every issue that concerns a row: the call's correlation and analysis issues (or, for a usage, those of its
 * messages) plus the parse issues of its messages. */
export function issuesOfRow(data: FilterData, row: FilterRow): Issue[] {
  const out: Issue[] = [];
  const call = rowCall(data, row);
  if (call !== undefined) out.push(...call.issues);
  for (const i of row.messages) {
    const r = data.lookup(i);
    if (r !== undefined) out.push(...r.issues);
    if (call === undefined) out.push(...(data.issuesOfRecord.get(i) ?? []));
  }
  return out;
}

/** A message's parse issues and the correlation/analysis issues about it. */
export function issuesOfMessage(data: FilterData, index: number): Issue[] {
  const own = data.lookup(index)?.issues ?? [];
  const more = data.issuesOfRecord.get(index);
  return more === undefined ? [...own] : [...own, ...more];
}
