/** `sipladder stats FILE…`: methods, responses, outcomes, timing distributions, top talkers, issues. */
import type { CommandContext } from '../command.ts';
import { cell, formatMs, makeStyle, table, type Style } from '../format.ts';
import { issueCounts, loadFor } from '../loadCapture.ts';
import { FILTER_OPTIONS_HELP, SELECT_OPTIONS_HELP, positiveInteger } from '../options.ts';
import { narrows, readCriteria, selectRows } from '../selection.ts';
import { computeStats, type Distribution, type Stats } from '../statsData.ts';

export const statsHelp = `Usage: sipladder stats FILE… [options]

Statistics of a capture, or of the calls a filter selects:
  - requests by method, responses by code and class, retransmissions
  - calls by outcome, other usages by kind (registrations by result)
  - post-dial delay (INVITE → first 18x), session setup time (INVITE → 2xx) and call duration
    (answer → BYE): count, min, median (p50), p90, p99, max and a small histogram
  - top talkers: the nodes that sent and received the most messages
  - issues by code, with severity and what each means

Options:
  --json       one JSON object (docs/export-schemas.md, "stats")
  --top N      how many talkers to list (default 10)
${SELECT_OPTIONS_HELP}
${FILTER_OPTIONS_HELP}

Examples:
  sipladder stats trace.pcapng
  sipladder stats trace.pcapng --hide noise --filter 'ua ~ "asterisk"'
  sipladder stats trace.pcapng --json | jq '.pdd.p90Ms'`;

export async function statsCommand(ctx: CommandContext): Promise<number> {
  const criteria = readCriteria(ctx, 'row');
  const top = typeof ctx.flags.top === 'string' ? positiveInteger('top', ctx.flags.top) : 10;
  const loaded = await loadFor(ctx);
  const whole = !narrows(criteria);
  const rows = selectRows(loaded.data, criteria);
  const stats = computeStats(loaded.data, rows, whole, top, whole ? issueCounts(loaded) : undefined);
  if (ctx.flags.json) {
    ctx.out.write(JSON.stringify(stats) + '\n');
    return 0;
  }
  ctx.out.write(renderStats(stats, makeStyle(ctx.out), whole) + '\n');
  return 0;
}

function counts(map: Record<string, number>): string[][] {
  return Object.entries(map).map(([k, n]) => [cell(k), n.toLocaleString('en')]);
}

function renderStats(s: Stats, st: Style, whole: boolean): string {
  const lines: string[] = [];
  const section = (title: string, body: string) => {
    if (body.trim() === '') return;
    lines.push('', st.bold(title), body);
  };
  lines.push(st.bold(whole ? 'Whole capture' : 'Selection') + st.dim(`  ${plural(s.rows, 'row')}, ${plural(s.calls, 'call')}, ${plural(s.messages, 'message')}`));
  section('Messages', table([
    ['requests', s.requests.toLocaleString('en')], ['responses', s.responses.toLocaleString('en')],
    ['retransmissions', s.retransmissions.toLocaleString('en')],
  ]));
  section('Requests by method', table(counts(s.methods)));
  const classes = Object.entries(s.statusClasses).map(([k, n]) => `${k} ${n}`).join(', ');
  section('Responses by code' + (classes ? st.dim(`  (${classes})`) : ''), table(counts(s.statusCodes)));
  section('Calls by outcome', table(counts(s.outcomes)));
  section('Other usages', table(counts(s.usages)));
  for (const [title, d] of [['Post-dial delay (INVITE → first 18x)', s.pdd], ['Session setup time (INVITE → 2xx)', s.setup], ['Call duration (answer → BYE)', s.duration]] as const) {
    if (d.count > 0) section(title, renderDistribution(d, st));
  }
  if (s.topTalkers.length > 0) {
    section('Top talkers', table([
      ['node', 'role', 'sent', 'received', 'total'].map((h) => st.dim(h)),
      ...s.topTalkers.map((t) => [cell(t.name), t.role, String(t.sent), String(t.received), String(t.messages)]),
    ]));
  }
  if (s.issues.length > 0) {
    section('Issues by code', table(s.issues.map((i) => [i.code, i.severity, i.count.toLocaleString('en')])));
  } else {
    lines.push('', st.green('No issues found.'));
  }
  return lines.join('\n');
}

function renderDistribution(d: Distribution, st: Style): string {
  const f = (v: number | null) => (v === null ? '–' : formatMs(v));
  const head = `  n=${d.count}  min ${f(d.minMs)}  p50 ${f(d.p50Ms)}  p90 ${f(d.p90Ms)}  p99 ${f(d.p99Ms)}  max ${f(d.maxMs)}`;
  const max = Math.max(...d.histogram.map((b) => b.count));
  const first = d.histogram.findIndex((b) => b.count > 0);
  let last = d.histogram.length - 1;
  while (last > first && d.histogram[last]!.count === 0) last--;
  const bars = d.histogram.slice(first, last + 1).map((b) => {
    const label = b.toMs === null ? `≥ ${edge(b.fromMs)}` : `${edge(b.fromMs)}–${edge(b.toMs)}`;
    const width = max === 0 ? 0 : Math.max(b.count > 0 ? 1 : 0, Math.round((b.count / max) * 30));
    return `  ${label.padStart(13)}  ${st.cyan('█'.repeat(width))} ${b.count}`;
  });
  return [head, ...bars].join('\n');
}

/** A histogram edge: 0, 250ms, 2s, 5m, 1h. */
function edge(ms: number): string {
  if (ms === 0) return '0';
  if (ms < 1000) return `${ms}ms`;
  if (ms < 60_000) return `${ms / 1000}s`;
  if (ms < 3_600_000) return `${ms / 60_000}m`;
  return `${ms / 3_600_000}h`;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
}
