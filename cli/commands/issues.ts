/** `sipladder issues FILE…`: anomalies and parse problems grouped by code, each with where it happened. */
import { basename } from 'node:path';
import type { CommandContext } from '../command.ts';
import { cell, makeStyle, type Style } from '../format.ts';
import { groupIssues, type IssueGroup } from '../issueGroups.ts';
import { loadFor, type LoadedCapture } from '../loadCapture.ts';
import { FILTER_OPTIONS_HELP, SELECT_OPTIONS_HELP } from '../options.ts';
import { narrows, readCriteria, selectRows } from '../selection.ts';

export const issuesHelp = `Usage: sipladder issues FILE… [options]

The anomalies and parse problems found in a capture, grouped by issue code (errors first, then warnings,
then notes), each with its severity, what it means (docs/issue-codes.md), how often it happened, and where:
frame numbers, the message (its index in \`sipladder messages\`) and the row of the call list.
With a filter or a selection, only the issues of the selected calls and their messages.

Options:
  --json       one JSON object: {"schemaVersion":1,"groups":[{code, severity, stage, summary, count,
               occurrences:[{frame, message, row, input, inputFrame, detail, value}]}]}
               (up to 1000 occurrences per code; the text lists up to 10)
${SELECT_OPTIONS_HELP}
${FILTER_OPTIONS_HELP}

Examples:
  sipladder issues trace.pcapng
  sipladder issues trace.pcapng --filter 'outcome == failed'
  sipladder issues trace.pcapng --json | jq -r '.groups[] | select(.severity == "error") | .code'`;

export async function issuesCommand(ctx: CommandContext): Promise<number> {
  const criteria = readCriteria(ctx, 'row');
  const loaded = await loadFor(ctx);
  const rows = narrows(criteria) ? selectRows(loaded.data, criteria) : undefined;
  const json = Boolean(ctx.flags.json);
  const groups = groupIssues(loaded, rows, json ? 1000 : 10);
  if (json) {
    ctx.out.write(JSON.stringify({ schemaVersion: 1, groups }) + '\n');
    return 0;
  }
  const st = makeStyle(ctx.out);
  if (groups.length === 0) {
    ctx.out.write(st.green(rows === undefined ? 'No issues found.' : `No issues in the ${rows.length} selected row${rows.length === 1 ? '' : 's'}.`) + '\n');
    return 0;
  }
  ctx.out.write(groups.map((g) => renderGroup(g, st, loaded)).join('\n\n') + '\n');
  return 0;
}

function renderGroup(g: IssueGroup, st: Style, loaded: LoadedCapture): string {
  const colour = g.severity === 'error' ? st.red : g.severity === 'warning' ? st.yellow : st.dim;
  const lines = [`${colour(g.severity.padEnd(7))} ${st.bold(g.code)}  ×${g.count.toLocaleString('en')}`, `        ${g.summary}`];
  for (const o of g.occurrences) {
    const where: string[] = [];
    if (o.frame !== null) where.push(`frame ${o.frame}`);
    if (o.input !== null) where.push(`${basename(loaded.inputs[o.input]?.name ?? '?')}${o.inputFrame !== null ? `#${o.inputFrame}` : ''}`);
    if (o.message !== null) where.push(`message ${o.message}`);
    if (o.row !== null) where.push(`row ${o.row}`);
    const detail = o.detail !== g.summary ? ` ${o.detail}` : '';
    const value = o.value !== null ? ` ${st.dim(`"${cell(String(o.value)).slice(0, 120)}"`)}` : '';
    lines.push(`        ${st.dim('·')} ${where.join(', ') || 'capture'}:${cell(detail)}${value}`);
  }
  if (g.count > g.occurrences.length) lines.push(st.dim(`        … ${g.count - g.occurrences.length} more (--json lists up to 1000)`));
  return lines.join('\n');
}
