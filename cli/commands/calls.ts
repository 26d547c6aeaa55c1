/** `sipladder calls FILE…` (and plain `sipladder FILE`): the call list, one row per call or other usage. */
import type { FilterRow } from '../../core/src/analyze/filter/filterData.ts';
import { csvHeader, csvLine } from '../../core/src/export/csvExport.ts';
import { rowJson } from '../../core/src/export/jsonExport.ts';
import type { CommandContext } from '../command.ts';
import { cell, fitTable, formatMs, makeStyle, outputWidth, type Column, type Style } from '../format.ts';
import { exportSource, loadFor } from '../loadCapture.ts';
import { FILTER_OPTIONS_HELP, SELECT_OPTIONS_HELP } from '../options.ts';
import { narrows, readCriteria, selectRows } from '../selection.ts';

export const callsHelp = `Usage: sipladder calls FILE… [options]
       sipladder FILE…                (the same)

The call list: one row per call (an INVITE dialog with its forks and B2BUA legs) and per other usage
(registration, subscription, OPTIONS, MESSAGE…), in order of first message: start time, method, caller
(From), callee (To), outcome (answered, cancelled, busy, declined, rejected, redirected, timedOut, failed,
inProgress; registered, challenged… for registrations), final status, post-dial delay (INVITE → first 18x),
duration (answer → BYE), messages, legs, issues and Call-ID. The # column numbers rows for --index; it does
not change with filters. Columns fit the terminal; colours only on a terminal (never with NO_COLOR).

Several FILEs are merged in time order (captures taken at several points); - reads standard input.

Options:
  --json              one JSON object per line per row (docs/export-schemas.md, "calls")
  --csv               comma-separated with a header line (the columns of \`export --format csv\`)
${SELECT_OPTIONS_HELP}
${FILTER_OPTIONS_HELP}

Examples:
  sipladder trace.pcapng
  sipladder calls trace.pcapng --hide noise --filter 'outcome != answered'
  sipladder calls a.pcap b.pcap --filter 'status >= 500 or pdd > 3s'
  sipladder calls trace.pcapng --json | jq -r 'select(.outcome == "busy") | .callIds[0]'
  tcpdump -i any -U -w - port 5060 | sipladder -`;

export async function callsCommand(ctx: CommandContext): Promise<number> {
  const criteria = readCriteria(ctx, 'row');
  const loaded = await loadFor(ctx);
  const rows = selectRows(loaded.data, criteria);
  const src = exportSource(loaded);
  if (ctx.flags.json || ctx.flags.csv) {
    let text = ctx.flags.csv ? csvHeader('calls') + '\n' : '';
    for (const row of rows) {
      const object = rowJson(src, row);
      text += (ctx.flags.csv ? csvLine('calls', object) : JSON.stringify(object)) + '\n';
      if (text.length > 1 << 16) {
        ctx.out.write(text);
        text = '';
      }
    }
    ctx.out.write(text);
    return 0;
  }
  const total = loaded.data.rows.length;
  if (total === 0) {
    ctx.out.write('No calls or other SIP dialogs in this capture. `sipladder summary` shows what it holds.\n');
    return 0;
  }
  if (rows.length === 0) {
    ctx.out.write(`No row matches (the capture has ${total} row${total === 1 ? '' : 's'}).\n`);
    return 0;
  }
  const st = makeStyle(ctx.out);
  const objects = rows.map((r) => rowJson(src, r));
  const multiDay = new Set(objects.map((o) => String(o.start ?? '').slice(0, 10))).size > 1;
  const cells = objects.map((o) => rowCells(o, multiDay));
  const text = fitTable(COLUMNS, cells, outputWidth(ctx.out), (t, col, r) => paint(st, t, col, r < 0 ? undefined : rows[r], r < 0 ? undefined : objects[r]));
  ctx.out.write(text + '\n');
  if (ctx.out.isTTY && narrows(criteria)) ctx.out.write(st.dim(`${rows.length} of ${total} rows`) + '\n');
  return 0;
}

const COLUMNS: readonly Column[] = [
  { header: '#', align: 'right' },
  { header: 'start' },
  { header: 'method', drop: 2 },
  { header: 'from', shrink: 3, min: 12 },
  { header: 'to', shrink: 3, min: 12 },
  { header: 'outcome' },
  { header: 'status', align: 'right' },
  { header: 'PDD', align: 'right', drop: 4 },
  { header: 'duration', align: 'right', drop: 3 },
  { header: 'msgs', align: 'right', drop: 6 },
  { header: 'legs', align: 'right', drop: 7 },
  { header: 'issues', align: 'right', drop: 5 },
  { header: 'Call-ID', shrink: 2, min: 10, drop: 1 },
];

function rowCells(o: Record<string, unknown>, multiDay: boolean): string[] {
  const start = String(o.start ?? '');
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  return [
    String(o.row),
    multiDay ? start.slice(0, 10) + ' ' + start.slice(11, 23) : start.slice(11, 23),
    cell(String(o.method ?? '')),
    // The table drops the sip: scheme (the JSON and CSV keep the URIs whole).
    cell(String(o.from ?? '').replace(/^sips?:/i, '')), cell(String(o.to ?? '').replace(/^sips?:/i, '')),
    cell((o.outcome as string | null) ?? (o.kind === 'call' ? '' : '')),
    o.status === null ? '' : String(o.status),
    formatMs(num(o.pddMs)),
    formatMs(num(o.durationMs)),
    String(o.messages),
    String(o.legs),
    String((o.issues as unknown[]).length),
    cell((o.callIds as string[]).join(' ')),
  ];
}

const GOOD = new Set(['answered', 'registered', 'unregistered']);
const BAD = new Set(['failed', 'timedOut', 'rejected']);

function paint(st: Style, text: string, col: number, row: FilterRow | undefined, o: Record<string, unknown> | undefined): string {
  if (row === undefined || o === undefined) return st.bold(text);
  if (col === 5) {
    const outcome = String(o.outcome ?? '');
    return GOOD.has(outcome) ? st.green(text) : BAD.has(outcome) ? st.red(text) : outcome === 'inProgress' || outcome === '' ? text : st.yellow(text);
  }
  if (col === 6 && typeof o.status === 'number' && o.status >= 400) return st.red(text);
  if (col === 11 && (o.issues as unknown[]).length > 0) return st.yellow(text);
  if (row.kind !== 'call' && col !== 0) return st.dim(text);
  return text;
}
