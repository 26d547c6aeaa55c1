/**
 * The anomalies and parse problems of a capture grouped by issue code, with the catalogue's sentence and
 * severity, and where each happened: frame, message (record index), row of the call list, and the input
 * for merged captures. Counts are exact; occurrences are listed up to a limit per code.
 */
import type { FilterRow } from '../core/src/analyze/filter/filterData.ts';
import { describeIssueCode } from '../core/src/issueCatalogue.ts';
import type { Issue } from '../core/src/shared/issue.ts';
import type { LoadedCapture } from './loadCapture.ts';

export interface IssueOccurrence {
  frame: number | null;
  message: number | null;
  row: number | null;
  /** For merged inputs: the input (0-based) and the frame number in it. */
  input: number | null;
  inputFrame: number | null;
  detail: string;
  value: string | number | null;
}

export interface IssueGroup {
  code: string;
  severity: string;
  stage: string;
  summary: string;
  count: number;
  occurrences: IssueOccurrence[];
}

const SEVERITY_ORDER: Record<string, number> = { error: 0, warning: 1, info: 2 };

/** `rows` undefined: the whole capture (capture and network issues included); else only issues of those rows. */
export function groupIssues(loaded: LoadedCapture, rows: readonly FilterRow[] | undefined, limit: number): IssueGroup[] {
  const { data, result } = loaded;
  const groups = new Map<string, IssueGroup>();
  const seen = new Set<string>();
  const group = (issue: Issue): IssueGroup => {
    let g = groups.get(issue.code);
    if (g === undefined) {
      const d = describeIssueCode(issue.code);
      g = { code: issue.code, severity: d?.severity ?? issue.severity, stage: d?.stage ?? 'unknown', summary: d?.summary ?? issue.message, count: 0, occurrences: [] };
      groups.set(issue.code, g);
    }
    return g;
  };
  const occur = (issue: Issue, message: number | null, countIt: boolean, input?: number): void => {
    const g = group(issue);
    if (countIt) g.count++;
    const record = message === null ? undefined : data.lookup(message);
    const frame = issue.frame ?? record?.frame ?? null;
    // Keyed without the message: the pipeline's examples of a message's issue carry only the frame.
    const key = `${issue.code}|${frame}|${issue.message}|${String(issue.value)}`;
    if (seen.has(key) || g.occurrences.length >= limit) return;
    seen.add(key);
    const origin = frame !== null ? loaded.origins?.get(frame) : undefined;
    const row = message === null ? -1 : data.rowOfRecord[message] ?? -1;
    g.occurrences.push({
      frame, message, row: row >= 0 ? data.rows[row]!.number : null,
      input: origin?.input ?? input ?? null, inputFrame: origin?.frame ?? null,
      detail: issue.message, value: issue.value ?? null,
    });
  };
  const messages: number[] = [];
  if (rows === undefined) for (let i = 0; i < data.model.records; i++) messages.push(i);
  else for (const r of rows) messages.push(...r.messages);
  const selected = rows === undefined ? undefined : new Set(rows.map((r) => r.call).filter((c) => c >= 0));
  // Parse issues on the messages; the whole-capture counts come from the pipeline's log below.
  for (const i of messages) for (const issue of data.lookup(i)?.issues ?? []) occur(issue, i, rows !== undefined);
  for (const x of data.model.issues) {
    if (rows === undefined || (x.index >= 0 && inRows(loaded, x.index, rows))) occur(x.issue, x.index >= 0 ? x.index : null, true);
  }
  for (const x of data.analysis.issues) {
    const keep = rows === undefined || (x.index >= 0 ? inRows(loaded, x.index, rows) : selected!.has(x.call));
    if (keep) occur(x.issue, x.index >= 0 ? x.index : null, true);
  }
  if (rows === undefined) {
    for (const [code, n] of Object.entries(result.capture.issues)) group({ code, severity: 'info', message: code }).count += n;
    for (const issue of result.issueExamples) occur(issue, null, false);
    for (const { input, issue } of loaded.mergeIssues) occur(issue, null, true, input);
  }
  return [...groups.values()].filter((g) => g.count > 0).sort((a, b) =>
    (SEVERITY_ORDER[a.severity] ?? 3) - (SEVERITY_ORDER[b.severity] ?? 3) || b.count - a.count || (a.code < b.code ? -1 : 1));
}

function inRows(loaded: LoadedCapture, index: number, rows: readonly FilterRow[]): boolean {
  const r = loaded.data.rowOfRecord[index] ?? -1;
  if (r < 0) return false;
  const number = r + 1;
  // Selected rows are in list order: binary search by row number.
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const n = rows[mid]!.number;
    if (n === number) return true;
    if (n < number) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
