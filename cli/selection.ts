/**
 * What a command works on: the rows of the call list (calls and other usages) that pass --filter, --hide,
 * --call and --index, or, for `messages`, the messages that pass them. Bad filters and selections become
 * usage errors that show the expression with a caret under the offending column.
 */
import { compileFilter, type CompiledFilter, type FilterScope } from '../core/src/analyze/filter/compileFilter.ts';
import type { FilterData, FilterRow } from '../core/src/analyze/filter/filterData.ts';
import { rowCall, rowUsage } from '../core/src/analyze/filter/filterData.ts';
import { HIDE_NOTHING, isRowHidden, parseHide, type HideSet } from '../core/src/analyze/filter/hidePresets.ts';
import { pointAt } from '../core/src/analyze/filter/filterSyntax.ts';
import { CliError, EXIT } from './cliError.ts';
import type { CommandContext } from './command.ts';

export interface Criteria {
  readonly filters: readonly string[];
  readonly hide: HideSet;
  readonly calls: readonly string[];
  readonly indices: readonly string[];
}

/** Reads and checks --filter, --hide, --call and --index (before any input is read: errors come first). */
export function readCriteria(ctx: Pick<CommandContext, 'lists'>, scope: FilterScope): Criteria {
  const lists = ctx.lists ?? {};
  const filters = lists.filter ?? [];
  for (const text of filters) compileOrThrow(text, scope);
  let hide = HIDE_NOTHING;
  const hideText = (lists.hide ?? []).join(',');
  if (hideText.trim() !== '') {
    const parsed = parseHide(hideText);
    if (!parsed.ok) throw new CliError(parsed.error, EXIT.usage);
    hide = parsed.value;
  }
  const indices = lists.index ?? [];
  for (const text of indices) parseIndexRange(text);
  return { filters, hide, calls: lists.call ?? [], indices };
}

export function compileOrThrow(text: string, scope: FilterScope): CompiledFilter {
  const compiled = compileFilter(text, scope);
  if (!compiled.ok) {
    const e = compiled.error;
    throw new CliError(`bad --filter expression at column ${e.at + 1}: ${e.message}\n${indent(pointAt(text, e))}`, EXIT.usage);
  }
  return compiled.value;
}

const indent = (text: string): string => text.split('\n').map((l) => `  ${l}`).join('\n');

function parseIndexRange(text: string): [number, number] {
  const m = /^\s*(\d{1,9})\s*(?:-\s*(\d{1,9}))?\s*$/.exec(text);
  if (!m || Number(m[1]) < 1 || (m[2] !== undefined && Number(m[2]) < Number(m[1]))) {
    throw new CliError(`--index: expected a row number N ≥ 1 or a range N-M, got '${text.slice(0, 40)}'`, EXIT.usage);
  }
  return [Number(m[1]), Number(m[2] ?? m[1])];
}

/** Whether --call or --index chose rows explicitly. */
export function hasExplicitRows(c: Criteria): boolean {
  return c.calls.length > 0 || c.indices.length > 0;
}

/** The rows --call and --index name (all rows when neither is given). Unknown ones are usage errors. */
function explicitRows(data: FilterData, c: Criteria): FilterRow[] {
  if (!hasExplicitRows(c)) return [...data.rows];
  const chosen = new Set<number>();
  for (const text of c.indices) {
    const [from, to] = parseIndexRange(text);
    if (from > data.rows.length) {
      throw new CliError(`--index ${text}: the call list has ${data.rows.length} row${data.rows.length === 1 ? '' : 's'}`, EXIT.usage);
    }
    for (let n = from; n <= Math.min(to, data.rows.length); n++) chosen.add(n - 1);
  }
  for (const id of c.calls) {
    const exact: number[] = [];
    const prefix: number[] = [];
    data.rows.forEach((row, r) => {
      const ids = callIdsOf(data, row);
      if (ids.includes(id)) exact.push(r);
      else if (ids.some((x) => x.startsWith(id))) prefix.push(r);
    });
    const found = exact.length > 0 ? exact : prefix;
    if (found.length === 0) throw new CliError(`--call ${id}: no call or usage has this Call-ID (\`sipladder calls FILE\` lists them)`, EXIT.usage);
    if (exact.length === 0 && new Set(prefix.map((r) => callIdsOf(data, data.rows[r]!).find((x) => x.startsWith(id)))).size > 1) {
      throw new CliError(`--call ${id}: ${prefix.length} Call-IDs start with this; give more of it`, EXIT.usage);
    }
    for (const r of found) chosen.add(r);
  }
  return [...chosen].sort((a, b) => a - b).map((r) => data.rows[r]!);
}

export function callIdsOf(data: FilterData, row: FilterRow): readonly string[] {
  const call = rowCall(data, row);
  if (call !== undefined) return call.callIds;
  const usage = rowUsage(data, row);
  return usage ? [usage.callId] : [];
}

/** Rows of the call list that pass every criterion, in list order. */
export function selectRows(data: FilterData, c: Criteria): FilterRow[] {
  const filters = c.filters.map((t) => compileOrThrow(t, 'row'));
  const explicit = hasExplicitRows(c);
  return explicitRows(data, c).filter((row) => {
    // Rows asked for by --call/--index are shown even when a preset would hide them.
    if (!explicit && isRowHidden(c.hide, row, data)) return false;
    const r = row.number - 1;
    for (const f of filters) if (!f.test(r, data)) return false;
    return true;
  });
}

/** Record indices of the messages that pass every criterion, in capture order. */
export function selectMessages(data: FilterData, c: Criteria): number[] {
  const filters = c.filters.map((t) => compileOrThrow(t, 'message'));
  const explicit = hasExplicitRows(c);
  const allowedRows = explicit ? new Set(explicitRows(data, c).map((r) => r.number - 1)) : undefined;
  const out: number[] = [];
  for (let i = 0; i < data.model.records; i++) {
    const r = data.rowOfRecord[i] ?? -1;
    if (allowedRows !== undefined && !allowedRows.has(r)) continue;
    if (allowedRows === undefined && r >= 0 && isRowHidden(c.hide, data.rows[r]!, data)) continue;
    let ok = true;
    for (const f of filters) {
      if (!f.test(i, data)) {
        ok = false;
        break;
      }
    }
    if (ok) out.push(i);
  }
  return out;
}

/** Whether any criterion narrows the selection (commands then say what was filtered). */
export function narrows(c: Criteria): boolean {
  return c.filters.length > 0 || c.hide.names.length > 0 || hasExplicitRows(c);
}
