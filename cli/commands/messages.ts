/** `sipladder messages FILE…`: one line per SIP message, in capture order. */
import { csvHeader, csvLine } from '../../core/src/export/csvExport.ts';
import { messageJson, type JsonExportSource } from '../../core/src/export/jsonExport.ts';
import { issuesOfMessage } from '../../core/src/analyze/filter/filterData.ts';
import { formatEndpoint } from '../../core/src/shared/endpoint.ts';
import { formatTimestamp } from '../../core/src/shared/time.ts';
import { basename } from 'node:path';
import type { CommandContext } from '../command.ts';
import { makeStyle, printable, type Style } from '../format.ts';
import { exportSource, loadFor, type LoadedCapture } from '../loadCapture.ts';
import { FILTER_OPTIONS_HELP, SELECT_OPTIONS_HELP } from '../options.ts';
import { readCriteria, selectMessages } from '../selection.ts';

export const messagesHelp = `Usage: sipladder messages FILE… [options]

Lists every SIP message in capture order: the frame that completed it, time, source and destination,
transport, the request method or response status, Call-ID, and the issues found in or about it.
Filters test each message (\`method == INVITE\`); call fields test the message's call (\`outcome == busy\`).

Several FILEs are merged in time order; - reads standard input.

Options:
  --json    one JSON object per line (JSON Lines): index, frame, frames, time, src, dst, transport,
            encapsulation, method, requestUri, status, reason, callId, cseq, branch, from, to, row, call,
            dialog, transaction, logicalTransaction, retransmission, requestFrame (as Wireshark's
            sip.response-request), transactionRequestFrame (RFC 3261 §17), hop (Via stack, Record-Route
            added, Route consumed…), issues (codes) — docs/export-schemas.md, "messages"
  --csv     comma-separated with a header line
${SELECT_OPTIONS_HELP}
${FILTER_OPTIONS_HELP}

Examples:
  sipladder messages call.pcap
  sipladder messages call.pcap --filter 'status >= 400' --hide options
  sipladder messages call.pcap --index 3
  sipladder messages call.pcap --json | jq -r 'select(.status >= 400) | .frame'`;

export async function messagesCommand(ctx: CommandContext): Promise<number> {
  const criteria = readCriteria(ctx, 'message');
  const loaded = await loadFor(ctx);
  const selected = selectMessages(loaded.data, criteria);
  const src = exportSource(loaded);
  const st = makeStyle(ctx.out);
  let text = ctx.flags.csv ? csvHeader('messages') + '\n' : '';
  for (const i of selected) {
    if (ctx.flags.json) text += JSON.stringify(messageJson(src, i)) + '\n';
    else if (ctx.flags.csv) text += csvLine('messages', messageJson(src, i)) + '\n';
    else text += messageLine(loaded, src, i, st) + '\n';
    if (text.length > 1 << 16) {
      ctx.out.write(text);
      text = '';
    }
  }
  ctx.out.write(text);
  return 0;
}

function messageLine(loaded: LoadedCapture, src: JsonExportSource, i: number, st: Style): string {
  const r = loaded.data.lookup(i)!;
  const f = r.facts;
  const what = f.kind === 'request' ? `${f.method ?? '?'} ${f.requestUri ?? ''}` : `${f.statusCode ?? '?'} ${f.reasonPhrase ?? ''}`;
  const codes = [...new Set(issuesOfMessage(loaded.data, i).map((x) => x.code))];
  const issues = codes.length ? st.yellow(`  [${codes.join(', ')}]`) : '';
  const retransmission = (loaded.data.model.columns.retransmissionOf[i] ?? -1) >= 0 ? st.dim('  (retransmission)') : '';
  const origin = src.origin?.(r.frame);
  const where = origin ? st.dim(`  ${basename(loaded.inputs[origin.input]!.name)}#${origin.frame}`) : '';
  const line = `${String(r.frame).padStart(6)}  ${formatTimestamp(r.timestamp, src.precisionDigits)}  ${formatEndpoint(r.src)} → ${formatEndpoint(r.dst)} ${r.transport.toUpperCase()}  `;
  const body = f.kind === 'request' ? st.bold(printable(what.trim())) : (f.statusCode ?? 0) >= 400 ? st.red(printable(what.trim())) : printable(what.trim());
  return `${printable(line)}${body}  ${printable(f.callId ?? '')}${retransmission}${issues}${where}`;
}
