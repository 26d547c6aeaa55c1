/** `sipladder export FILE… --format json|csv|pcap|pcapng|mermaid|svg|html [--call ID|--index N…] [-o OUT]`. */
import { basename, extname } from 'node:path';
import type { FilterRow } from '../../core/src/analyze/filter/filterData.ts';
import { CSV_TABLES, csvPieces, type CsvTable } from '../../core/src/export/csvExport.ts';
import { jsonExportPieces } from '../../core/src/export/jsonExport.ts';
import { framesOfRows, readSelectedFrames, selectionInterface, writeFrameSelection, type SelectedFrame, type SelectionInterface } from '../../core/src/export/pcapSelection.ts';
import { formatIsoTimestamp } from '../../core/src/shared/time.ts';
import { CliError, EXIT } from '../cliError.ts';
import type { CommandContext } from '../command.ts';
import { groupIssues } from '../issueGroups.ts';
import { exportSource, loadFor, type LoadedCapture } from '../loadCapture.ts';
import { readFileChunks } from '../openInput.ts';
import { FILTER_OPTIONS_HELP, SELECT_OPTIONS_HELP } from '../options.ts';
import { renderPicture, type PictureFormat } from '../pictureExports.ts';
import { hasExplicitRows, narrows, readCriteria, selectRows } from '../selection.ts';
import { openOutput } from '../writeOutput.ts';

export const VERSION = '0.1.0';

export const exportHelp = `Usage: sipladder export FILE… --format FORMAT [--call ID | --index N …] [-o OUT] [options]

Exports the selected calls (all rows of the call list when none is chosen; --filter and --hide narrow it):
  json      one JSON document, schemaVersion 1: calls, their messages with every annotation (transaction,
            dialog, call, hop: Via stack, Record-Route, Route), nodes, transactions, dialogs, issues
  csv       one table (--table calls | messages | nodes | transactions; default calls), header line first
  pcap      every frame that carried any message of the selected calls (IP fragments and TCP segments
            included), bytes unchanged, in capture order; one link type per file (else use pcapng)
  pcapng    the same, one interface per original interface (several inputs: per input)
  mermaid   a Mermaid sequenceDiagram of the ladder
  svg       a standalone picture of the ladder
  html      one self-contained page (ladder, messages, hop annotations) to attach to a ticket
The schemas are in docs/export-schemas.md.

Options:
  -F, --format FORMAT   json, csv, pcap, pcapng, mermaid, svg or html (default: from -o's extension)
  --table TABLE         for csv: calls, messages, nodes or transactions
  -o, --output OUT      write to the file OUT (default: standard output; binary formats refuse a terminal).
                        An existing OUT is never replaced unless --force is given.
  --force               overwrite OUT
${SELECT_OPTIONS_HELP}
${FILTER_OPTIONS_HELP}

Examples:
  sipladder export trace.pcapng --format json -o trace.json
  sipladder export trace.pcapng --index 3 -o call3.pcap
  sipladder export trace.pcapng --call a84b4c76e66710 --format pcapng > call.pcapng
  sipladder export trace.pcapng --filter 'outcome == failed' --format csv --table messages
  sipladder export trace.pcapng --index 1 --format mermaid -o call.mmd
  tcpdump -i any -U -w - port 5060 | sipladder export - --filter 'status >= 500' -o failures.pcap`;

const FORMATS = ['json', 'csv', 'pcap', 'pcapng', 'mermaid', 'svg', 'html'] as const;
type Format = (typeof FORMATS)[number];

const BY_EXTENSION: Readonly<Record<string, Format>> = {
  '.json': 'json', '.csv': 'csv', '.pcap': 'pcap', '.cap': 'pcap', '.pcapng': 'pcapng', '.mmd': 'mermaid', '.mermaid': 'mermaid',
  '.svg': 'svg', '.html': 'html', '.htm': 'html',
};

/** The format asked for, or the one -o's extension implies; undefined when neither says. */
export function exportFormat(flags: Readonly<Record<string, unknown>>): Format | undefined {
  const given = flags.format;
  if (typeof given === 'string') {
    const f = given.toLowerCase() as Format;
    if (!FORMATS.includes(f)) throw new CliError(`--format ${given}: expected one of ${FORMATS.join(', ')}`, EXIT.usage);
    return f;
  }
  return typeof flags.output === 'string' ? BY_EXTENSION[extname(flags.output).toLowerCase()] : undefined;
}

/** pcap exports read the capture again (standard input is kept in a temporary file while read). */
export function exportNeedsReread(flags: Readonly<Record<string, unknown>>): boolean {
  const f = exportFormat(flags);
  return f === 'pcap' || f === 'pcapng';
}

export async function exportCommand(ctx: CommandContext): Promise<number> {
  const format = exportFormat(ctx.flags);
  if (format === undefined) throw new CliError('say which format: --format json|csv|pcap|pcapng|mermaid|svg|html (or -o with one of those extensions)', EXIT.usage);
  const table = typeof ctx.flags.table === 'string' ? ctx.flags.table.toLowerCase() : 'calls';
  if (ctx.flags.table !== undefined && format !== 'csv') throw new CliError('--table applies to --format csv only', EXIT.usage);
  if (!CSV_TABLES.includes(table as CsvTable)) throw new CliError(`--table ${table}: expected one of ${CSV_TABLES.join(', ')}`, EXIT.usage);
  const criteria = readCriteria(ctx, 'row');
  const binary = format === 'pcap' || format === 'pcapng';
  const outputPath = typeof ctx.flags.output === 'string' ? ctx.flags.output : undefined;
  // Refuse a binary export to a terminal before reading anything.
  if (binary && (outputPath === undefined || outputPath === '-') && ctx.out.isTTY) openOutput(ctx.out, outputPath, { binary, force: false, what: format });
  const loaded = await loadFor(ctx, { keepRawMessages: format === 'html' });
  const rows = selectRows(loaded.data, criteria);
  if (rows.length === 0) ctx.err.write(`sipladder: warning: nothing selected (the call list has ${loaded.data.rows.length} rows): the export is empty\n`);
  let pieces: Iterable<string | Uint8Array>;
  switch (format) {
    case 'json':
      pieces = jsonExportPieces(exportSource(loaded), rows, {
        generator: `sipladder ${VERSION}`,
        inputs: loaded.inputs.map((i) => ({ name: i.name, bytes: i.sizeBytes ?? null })),
        capture: captureJson(loaded),
        selection: {
          filter: criteria.filters, hide: criteria.hide.names, call: criteria.calls, index: criteria.indices,
          rows: rows.map((r) => r.number),
        },
        issues: groupIssues(loaded, hasExplicitRows(criteria) || rows.length !== loaded.data.rows.length ? rows : undefined, 1000),
      });
      break;
    case 'csv':
      pieces = csvPieces(exportSource(loaded), table as CsvTable, rows);
      break;
    case 'pcap':
    case 'pcapng':
      pieces = [await captureSelection(loaded, rows, format)];
      break;
    default: {
      // The title names the chosen calls; drawn are the messages of every selected row (usages too).
      const calls = narrows(criteria) ? rows.filter((r) => r.call >= 0).map((r) => r.call) : [];
      const records = rows.flatMap((r) => r.messages).sort((a, b) => a - b);
      const picture = renderPicture(format as PictureFormat, loaded.result, calls, records);
      for (const w of picture.warnings) ctx.err.write(`sipladder: warning: ${w}\n`);
      pieces = [picture.text.endsWith('\n') ? picture.text : picture.text + '\n'];
    }
  }
  const out = openOutput(ctx.out, outputPath, { binary, force: ctx.flags.force === true, what: format });
  try {
    for (const piece of pieces) out.write(piece);
  } finally {
    out.close();
  }
  return 0;
}

function captureJson(loaded: LoadedCapture): Record<string, unknown> {
  const s = loaded.result.capture;
  return {
    format: s.format, contentFormat: s.contentFormat, frames: s.frames, sipMessages: s.sipMessages,
    firstTime: s.firstTimestamp ? formatIsoTimestamp(s.firstTimestamp, s.timePrecisionDigits) : null,
    lastTime: s.lastTimestamp ? formatIsoTimestamp(s.lastTimestamp, s.timePrecisionDigits) : null,
    timePrecisionDigits: s.timePrecisionDigits, rows: loaded.data.rows.length, calls: loaded.data.model.calls.length,
  };
}

/** Reads each input again and copies the frames that carried the selected calls' messages. */
async function captureSelection(loaded: LoadedCapture, rows: readonly FilterRow[], format: 'pcap' | 'pcapng'): Promise<Uint8Array> {
  if (loaded.result.capture.contentFormat === 'sip-text') {
    throw new CliError(`${loaded.inputs[0]!.name} is plain SIP text: it has no frames to copy into a ${format} file (use --format json or csv)`, EXIT.usage);
  }
  const frames = framesOfRows(loaded.data, rows);
  // Per input: its own frame numbers wanted, and the analysis frame number each becomes (the output order).
  const wanted = loaded.inputs.map(() => new Map<number, number>());
  for (const f of frames) {
    const origin = loaded.origins ? loaded.origins.get(f) : { input: 0, frame: f };
    if (origin) wanted[origin.input]!.set(origin.frame, f);
  }
  const interfaces: SelectionInterface[] = [];
  const selected: SelectedFrame[] = [];
  for (let k = 0; k < loaded.inputs.length; k++) {
    const input = loaded.inputs[k]!;
    const want = wanted[k]!;
    if (want.size === 0) continue;
    const path = input.rereadPath?.();
    if (path === undefined) throw new CliError(`${input.name} cannot be read a second time to copy its frames`, EXIT.cannotRead);
    const read = await readSelectedFrames(readFileChunks(path), want.keys());
    const base = interfaces.length;
    const label = basename(input.name);
    // Merged inputs: interfaces are named after their file so they stay apart in the pcapng.
    for (const iface of read.interfaces) {
      interfaces.push(selectionInterface(iface, loaded.inputs.length > 1 ? (iface.name ? `${label}:${iface.name}` : label) : iface.name));
    }
    for (const f of read.frames) {
      selected.push({ order: want.get(f.number)!, timestamp: f.timestamp, data: f.data, originalLength: f.originalLength, interfaceIndex: base + f.interfaceId });
    }
  }
  if (interfaces.length === 0) interfaces.push({ linkType: 1, timePrecisionDigits: 6, snapLength: 0 });
  const written = writeFrameSelection(format, interfaces, selected, { application: `sipladder ${VERSION}` });
  if (!written.ok) throw new CliError(written.error, EXIT.usage);
  return written.bytes;
}
