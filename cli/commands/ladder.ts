/** `sipladder ladder FILE… [--call ID | --index N] [--width N] [--time abs|rel|delta] [--hops] [--ascii]`. */
import { selectLadder } from '../../core/src/export/exportSource.ts';
import { textLadderChunks, type TextLayoutMode } from '../../core/src/export/text/toTextLadder.ts';
import { TIME_MODES, type TimeMode } from '../../core/src/export/ladder/timeLabel.ts';
import { LANE_MERGES, type LaneMerge } from '../../core/src/analyze/ladder/ladderModel.ts';
import { CliError, EXIT } from '../cliError.ts';
import type { CommandContext } from '../command.ts';
import { makeStyle, outputWidth } from '../format.ts';
import { loadFor } from '../loadCapture.ts';
import { FILTER_OPTIONS_HELP, SELECT_OPTIONS_HELP } from '../options.ts';
import { narrows, readCriteria, selectRows } from '../selection.ts';

export const ladderHelp = `Usage: sipladder ladder FILE… [--call ID | --index N …] [--width N] [--time abs|rel|delta] [--hops] [--ascii]

Draws the ladder (sequence diagram) of the selected calls: one lane per SIP node (UA, proxy, B2BUA…, named
by a host name when one was seen, with its addresses and role), one arrow per message with its whole label
— method, or status code and reason phrase; never cut, long ones wrap — the SDP marker with the codec in
use, and retransmissions folded into the first copy (×3 = sent three times). The gutter left of the lanes
brackets each transaction on each hop (RFC 3261 §17). Without --call or --index every row of the call list
is drawn (narrowed by --filter and --hide).

Wide ladders: lanes move closer and labels wrap to fit the width; when the lanes cannot keep 14 columns
between them, the ladder switches to its compact form — lettered lane columns (a legend names them), each
arrow on one line and its label in a column at the right. Colours only on a terminal (never with NO_COLOR).

Options:
  -w, --width N         fit N columns (default: the terminal's width, else $COLUMNS, else 120)
  --time MODE           the time column: rel (seconds since the first message drawn; default),
                        abs (UTC time of day) or delta (seconds since the previous message)
  --hops                under each arrow, what the hop did: the Via stack (+ the entry this hop pushed,
                        − the one the sender popped), Max-Forwards before → after, Record-Route added,
                        Route consumed and remaining, Request-URI rewritten, received/rport noted
  --ascii               plain ASCII lines and arrows (|, -, >) instead of Unicode box drawing
  --json                the ladder model as JSON (lanes, rows, brackets, dialogs) instead of a drawing
${SELECT_OPTIONS_HELP}
${FILTER_OPTIONS_HELP}

Examples:
  sipladder ladder trace.pcapng --index 1
  sipladder ladder trace.pcapng --call a84b4c76e66710 --hops --time delta
  sipladder ladder trace.pcapng --filter 'status >= 400' --width 200 | less -SR
  sipladder ladder trace.pcap --index 2 --ascii > call2.txt`;

function parseWidth(value: string | boolean | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !/^\d{1,5}$/.test(value) || Number(value) < 40) {
    throw new CliError(`--width: expected a number of columns, at least 40, got '${String(value).slice(0, 20)}'`, EXIT.usage);
  }
  return Number(value);
}

function parseChoice<T extends string>(option: string, value: string | boolean | undefined, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !choices.includes(value as T)) {
    throw new CliError(`--${option}: expected ${choices.join(', ')}, got '${String(value).slice(0, 20)}'`, EXIT.usage);
  }
  return value as T;
}

export async function ladderCommand(ctx: CommandContext): Promise<number> {
  const width = parseWidth(ctx.flags.width, outputWidth(ctx.out) ?? 120);
  const time = parseChoice<TimeMode>('time', ctx.flags.time, TIME_MODES, 'rel');
  // --lanes and --layout are read when the option table offers them.
  const merge = parseChoice<LaneMerge>('lanes', ctx.flags.lanes, LANE_MERGES, 'node');
  const layout = parseChoice<TextLayoutMode>('layout', ctx.flags.layout, ['auto', 'wide', 'compact'], 'auto');
  const criteria = readCriteria(ctx, 'row');
  const loaded = await loadFor(ctx);
  const rows = selectRows(loaded.data, criteria);
  if (rows.length === 0) {
    const total = loaded.data.rows.length;
    ctx.out.write(total === 0 ? 'No SIP calls or dialogs in this capture: nothing to draw.\n' : `No row matches (the call list has ${total} row${total === 1 ? '' : 's'}).\n`);
    return 0;
  }
  const records = rows.flatMap((r) => r.messages).sort((a, b) => a - b);
  // The calls name the title ("Call 3 · …"); the whole list untouched is titled as the whole capture.
  const calls = narrows(criteria) ? rows.filter((r) => r.call >= 0).map((r) => r.call) : [];
  if (ctx.flags.json) {
    const { ladder, warnings } = selectLadder(loaded.result, calls, { records, merge });
    ctx.out.write(JSON.stringify({ schemaVersion: 1, rows: rows.map((r) => r.number), warnings, ladder }) + '\n');
    return 0;
  }
  const chunks = textLadderChunks(loaded.result, calls, {
    width, time, hops: ctx.flags.hops === true, ascii: ctx.flags.ascii === true, color: makeStyle(ctx.out).on, merge, layout, records,
  });
  for (const chunk of chunks) ctx.out.write(chunk);
  return 0;
}
