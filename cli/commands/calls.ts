/** `sipladder calls FILE [--json|--csv]`: one row per call. */
import type { CallAnalysis } from '../../core/src/analyze/analysis.ts';
import { formatIsoTimestamp } from '../../core/src/shared/time.ts';
import type { CommandContext } from '../command.ts';
import { makeStyle, printable } from '../format.ts';
import { analyzeInput } from '../runPipeline.ts';

export const callsHelp = `Usage: sipladder calls FILE [--json | --csv]

Lists the calls in a capture, one row each: start time, caller (From), callee (To), Call-ID(s), outcome
(answered, cancelled, busy, declined, rejected, redirected, timedOut, failed, inProgress), final status,
post-dial delay (INVITE → first 18x), duration (answer → BYE), messages, legs (B2BUA legs joined into the call)
and issues.

Options:
  --json    one JSON object per line per call (all analysis fields: reasons, setup time, codecs, media, holds…)
  --csv     comma-separated, with a header line

Examples:
  sipladder calls trace.pcapng
  sipladder calls trace.pcapng --json | jq 'select(.outcome != "answered")'`;

export async function callsCommand(ctx: CommandContext): Promise<number> {
  const result = await analyzeInput(ctx.input);
  const digits = result.capture.timePrecisionDigits;
  const calls = result.analysis.calls;
  if (ctx.flags.json) {
    let text = '';
    for (const c of calls) text += JSON.stringify(callJson(c, digits)) + '\n';
    ctx.out.write(text);
    return 0;
  }
  const rows = calls.map((c) => callRow(c));
  if (ctx.flags.csv) {
    ctx.out.write([CSV_HEADER, ...rows.map((r) => r.map(csvCell).join(','))].join('\n') + '\n');
    return 0;
  }
  if (calls.length === 0) {
    ctx.out.write('No calls (no INVITE dialogs) in this capture. `sipladder summary` shows what it holds.\n');
    return 0;
  }
  const st = makeStyle(ctx.out);
  const header = ['#', 'start', 'from', 'to', 'outcome', 'status', 'PDD', 'duration', 'msgs', 'legs', 'issues', 'Call-ID'];
  const cells = calls.map((c, i) => [String(i + 1), ...callRow(c).slice(0, 1).map((t) => t.slice(11, 23)), ...callRow(c).slice(1)]);
  const width = (ctx.out as { columns?: number }).columns ?? 160;
  ctx.out.write(fitTable(header, cells, width, (text, col, row) => {
    if (col === 4 && row >= 0) {
      const outcome = calls[row]!.outcome;
      return outcome === 'answered' ? st.green(text) : outcome === 'inProgress' ? text : st.yellow(text);
    }
    return row < 0 ? st.bold(text) : text;
  }) + '\n');
  return 0;
}

const CSV_HEADER = 'start,from,to,outcome,status,pdd_ms,duration_ms,messages,legs,issues,call_ids';

function ms(v: number | undefined): string {
  return v === undefined ? '' : String(Math.round(v));
}

function callRow(c: CallAnalysis): string[] {
  return [
    formatIsoTimestamp(c.start, 3), printable(c.from ?? ''), printable(c.to ?? ''), c.outcome, c.finalStatus ? String(c.finalStatus) : '',
    c.postDialDelayMs === undefined ? '' : `${(c.postDialDelayMs / 1000).toFixed(2)}s`,
    c.durationMs === undefined ? '' : `${(c.durationMs / 1000).toFixed(1)}s`,
    String(c.messages), String(c.legs), String(c.issues.length), printable(c.callIds.join(' ')),
  ];
}

function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function callJson(c: CallAnalysis, digits: number): Record<string, unknown> {
  return { ...c, start: formatIsoTimestamp(c.start, digits), issues: c.issues.map((i) => i.code) };
}

/** Columns fit the terminal: the widest free-text columns (from, to, Call-ID) shrink first, with an ellipsis. */
function fitTable(header: string[], rows: string[][], width: number, paint: (text: string, col: number, row: number) => string): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const shrinkable = [2, 3, 11];
  const total = () => widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  while (total() > width) {
    const widest = shrinkable.reduce((a, b) => (widths[b]! > widths[a]! ? b : a));
    if (widths[widest]! <= 12) break;
    widths[widest]!--;
  }
  const cut = (text: string, w: number) => (text.length > w ? text.slice(0, w - 1) + '…' : text);
  const numeric = new Set([0, 5, 6, 7, 8, 9, 10]);
  const line = (cells: string[], row: number) =>
    cells.map((c, i) => paint(numeric.has(i) ? cut(c, widths[i]!).padStart(widths[i]!) : cut(c, widths[i]!).padEnd(widths[i]!), i, row)).join('  ').trimEnd();
  return [line(header, -1), ...rows.map((r, i) => line(r, i))].join('\n');
}
