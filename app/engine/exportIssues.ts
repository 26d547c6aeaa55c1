/**
 * The `issues` of the app's JSON export: the issues of the selected rows grouped by code with the
 * catalogue's sentence, severity and stage, and where each happened — the shape `sipladder export
 * --format json` writes for a selection (docs/export-schemas.md), so both files read the same.
 */
import type { FilterData, FilterRow } from '../../core/src/analyze/filter/filterData.ts';
import { describeIssueCode } from '../../core/src/issueCatalogue.ts';
import type { Issue } from '../../core/src/shared/issue.ts';

export interface ExportIssueGroup {
  code: string;
  severity: string;
  stage: string;
  summary: string;
  count: number;
  occurrences: {
    frame: number | null; message: number | null; row: number | null; input: null; inputFrame: null; detail: string;
    value: string | number | null;
  }[];
}

const SEVERITY_ORDER: Record<string, number> = { error: 0, warning: 1, info: 2 };

export function groupRowIssues(data: FilterData, rows: readonly FilterRow[], limit: number): ExportIssueGroup[] {
  const groups = new Map<string, ExportIssueGroup>();
  const records = new Set<number>();
  for (const r of rows) for (const i of r.messages) records.add(i);
  const calls = new Set(rows.map((r) => r.call).filter((c) => c >= 0));
  const occur = (issue: Issue, message: number | null): void => {
    let g = groups.get(issue.code);
    if (g === undefined) {
      const d = describeIssueCode(issue.code);
      g = { code: issue.code, severity: d?.severity ?? issue.severity, stage: d?.stage ?? 'unknown', summary: d?.summary ?? issue.message, count: 0, occurrences: [] };
      groups.set(issue.code, g);
    }
    g.count++;
    if (g.occurrences.length >= limit) return;
    const record = message === null ? undefined : data.lookup(message);
    const row = message === null ? -1 : data.rowOfRecord[message] ?? -1;
    g.occurrences.push({
      frame: issue.frame ?? record?.frame ?? null, message, row: row >= 0 ? data.rows[row]!.number : null, input: null, inputFrame: null,
      detail: issue.message, value: issue.value ?? null,
    });
  };
  for (const i of [...records].sort((a, b) => a - b)) for (const issue of data.lookup(i)?.issues ?? []) occur(issue, i);
  for (const x of data.model.issues) if (x.index >= 0 && records.has(x.index)) occur(x.issue, x.index);
  for (const x of data.analysis.issues) {
    if (x.index >= 0 ? records.has(x.index) : calls.has(x.call)) occur(x.issue, x.index >= 0 ? x.index : null);
  }
  return [...groups.values()].sort((a, b) =>
    (SEVERITY_ORDER[a.severity] ?? 3) - (SEVERITY_ORDER[b.severity] ?? 3) || b.count - a.count || (a.code < b.code ? -1 : 1));
}
