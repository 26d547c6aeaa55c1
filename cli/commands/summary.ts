/** `sipladder summary FILE [--json]`: what the capture holds and what became of every frame. */
import { accountedFrames } from '../../core/src/pipeline/frameAccounting.ts';
import type { CaptureAnalysis } from '../../core/src/pipeline/captureAnalysis.ts';
import { formatIsoTimestamp } from '../../core/src/shared/time.ts';
import { makeStyle, printable, table } from '../format.ts';
import { inputsOf, type CommandContext } from '../command.ts';
import { loadFor, type LoadedCapture } from '../loadCapture.ts';
import { FILTER_OPTIONS_HELP } from '../options.ts';
import { narrows, readCriteria, selectRows } from '../selection.ts';
import { summarizeInputs } from '../runPipeline.ts';

/** What the report is made of: a whole analysis, or the streamed summary's counts (no filter given). */
type Counts = Pick<CaptureAnalysis, 'capture' | 'summary'>;
type Inputs = Pick<LoadedCapture, 'inputs' | 'mergeIssues'>;

export const summaryHelp = `Usage: sipladder summary FILE… [--json] [options]

Reads a capture (pcap, pcapng, gzip-compressed or not, or plain SIP text) and reports how many frames and SIP
messages it holds, what became of every frame (SIP, IP fragment, TCP stream segment, other protocol by class,
malformed by issue code, truncated) and the issues found, by code.

Several FILEs are merged in time order; - reads standard input. With --filter or --hide, it also says how
many rows of the call list (and their messages) match.

Options:
  --json    one JSON object: frames, sipMessages, accounting, issues (count per code), and more
${FILTER_OPTIONS_HELP}

Examples:
  sipladder summary call.pcapng
  sipladder summary capture.pcap.gz --json | jq .accounting
  tcpdump -i any -w - port 5060 | sipladder summary -`;

export async function summaryCommand(ctx: CommandContext): Promise<number> {
  const criteria = readCriteria(ctx, 'row');
  const name = inputsOf(ctx).map((i) => i.name).join(' + ');
  if (!narrows(criteria)) {
    // Without a filter only counts are shown: stream them (same numbers, memory bounded by the live calls).
    const streamed = await summarizeInputs(inputsOf(ctx), { progress: ctx.err, showProgress: ctx.flags.quiet !== true });
    ctx.out.write(ctx.flags.json ? JSON.stringify(summaryJson(name, streamed, streamed)) + '\n' : renderSummary(name, streamed, ctx.out, streamed) + '\n');
    return 0;
  }
  const loaded = await loadFor(ctx);
  let selection: Record<string, unknown> | undefined;
  if (narrows(criteria)) {
    const rows = selectRows(loaded.data, criteria);
    selection = {
      filter: criteria.filters, hide: criteria.hide.names, rows: rows.length, of: loaded.data.rows.length,
      calls: rows.filter((r) => r.kind === 'call').length, messages: rows.reduce((n, r) => n + r.messages.length, 0),
    };
  }
  const json = summaryJson(name, loaded.result, loaded);
  if (selection) json.selection = selection;
  if (ctx.flags.json) {
    ctx.out.write(JSON.stringify(json) + '\n');
    return 0;
  }
  ctx.out.write(renderSummary(name, loaded.result, ctx.out, loaded, selection) + '\n');
  return 0;
}

export function summaryJson(file: string, result: Counts, loaded?: Inputs): Record<string, unknown> {
  const s = result.capture;
  const c = result.summary;
  const mergeIssues: Record<string, number> = {};
  for (const { issue } of loaded?.mergeIssues ?? []) mergeIssues[issue.code] = (mergeIssues[issue.code] ?? 0) + 1;
  return {
    schemaVersion: 1,
    file,
    files: loaded ? loaded.inputs.map((i) => i.name) : [file],
    format: s.format,
    contentFormat: s.contentFormat,
    bytes: s.bytesRead,
    frames: s.frames,
    sipMessages: s.sipMessages,
    requests: s.requests,
    responses: s.responses,
    methods: s.methods,
    statusCodes: s.statusCodes,
    retransmissions: c.retransmissions,
    transactions: c.transactions,
    logicalTransactions: c.logicalTransactions,
    dialogs: c.dialogs,
    calls: c.calls,
    nodes: c.nodes,
    outcomes: c.outcomes,
    usages: c.usages,
    accounting: s.accounting,
    issues: mergeCounts(mergeCounts(s.issues, c.issues), mergeIssues),
    firstTime: s.firstTimestamp ? formatIsoTimestamp(s.firstTimestamp, s.timePrecisionDigits) : null,
    lastTime: s.lastTimestamp ? formatIsoTimestamp(s.lastTimestamp, s.timePrecisionDigits) : null,
    interfaces: s.interfaces,
  };
}

function mergeCounts(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = { ...a };
  for (const [k, n] of Object.entries(b)) out[k] = (out[k] ?? 0) + n;
  return Object.fromEntries(Object.entries(out).sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])));
}

function renderSummary(file: string, result: Counts, stream: { isTTY?: boolean }, loaded: Inputs, selection?: Record<string, unknown>): string {
  const s = result.capture;
  const c = result.summary;
  const st = makeStyle(stream);
  const a = s.accounting;
  const lines: string[] = [];
  const format = s.format === s.contentFormat ? s.format : `${s.contentFormat} (${s.format})`;
  if (loaded.inputs.length > 1) {
    const bytes = loaded.inputs.reduce((n, i) => n + (i.sizeBytes ?? 0), 0);
    lines.push(st.bold(printable(file)) + st.dim(`  ${loaded.inputs.length} captures merged in time order, ${bytes.toLocaleString('en')} bytes`));
    lines.push(st.dim('  (frame numbers count across the merged captures)'));
  } else {
    lines.push(st.bold(printable(file)) + st.dim(`  ${format}, ${s.bytesRead.toLocaleString('en')} bytes`));
  }
  if (s.firstTimestamp && s.lastTimestamp) {
    lines.push(st.dim(`  ${formatIsoTimestamp(s.firstTimestamp, 3)} → ${formatIsoTimestamp(s.lastTimestamp, 3)}`));
  }
  lines.push('');
  lines.push(table([
    ['frames', String(s.frames)],
    ['SIP messages', String(s.sipMessages)],
    ['  requests', String(s.requests)],
    ['  responses', String(s.responses)],
    ['  retransmissions', String(c.retransmissions)],
    ['transactions (per hop)', String(c.transactions)],
    ['requests across hops', String(c.logicalTransactions)],
    ['dialogs', String(c.dialogs)],
    ['calls', String(c.calls)],
    ['nodes', String(c.nodes)],
  ]));
  if (selection) {
    lines.push('', st.bold('Selection') + st.dim(`  ${[...(selection.filter as string[]).map((f) => `--filter '${f}'`), ...((selection.hide as string[]).length ? [`--hide ${(selection.hide as string[]).join(',')}`] : [])].join(' ')}`));
    lines.push(table([
      ['rows of the call list', `${String(selection.rows)} of ${String(selection.of)}`],
      ['  calls', String(selection.calls)],
      ['  their messages', String(selection.messages)],
    ]));
  }
  const outcomes = Object.entries(c.outcomes).filter(([, n]) => n > 0);
  if (outcomes.length) lines.push('', st.bold('Call outcomes'), table(outcomes.map(([o, n]) => [o, String(n)])));
  const usages = Object.entries(c.usages).filter(([, n]) => n > 0);
  if (usages.length) lines.push('', st.bold('Other usages'), table(usages.map(([u, n]) => [u, String(n)])));
  const methods = Object.entries(s.methods).sort((x, y) => y[1] - x[1]);
  const codes = Object.entries(s.statusCodes).sort((x, y) => Number(x[0]) - Number(y[0]));
  if (methods.length) lines.push('', st.bold('Methods'), table(methods.map(([m, n]) => [printable(m), String(n)])));
  if (codes.length) lines.push('', st.bold('Responses'), table(codes.map(([c, n]) => [c, String(n)])));
  lines.push('', st.bold('Every frame accounted for'));
  const rows: string[][] = [['SIP', String(a.sip)]];
  if (a.stream) rows.push(['TCP stream segments', String(a.stream)]);
  if (a.fragment) rows.push(['IP fragments (reassembled or held)', String(a.fragment)]);
  for (const [p, n] of Object.entries(a.other)) rows.push([`other: ${p}`, String(n)]);
  for (const [c, n] of Object.entries(a.malformed)) rows.push([`malformed: ${c}`, String(n)]);
  if (a.truncated) rows.push(['truncated', String(a.truncated)]);
  rows.push(['total', String(accountedFrames(a))]);
  lines.push(table(rows));
  const issues = Object.entries(summaryJson(file, result, loaded).issues as Record<string, number>);
  if (issues.length) {
    lines.push('', st.bold('Issues'));
    lines.push(table(issues.map(([code, n]) => [code, String(n)])));
  } else {
    lines.push('', st.green('No issues found.'));
  }
  return lines.join('\n');
}
