/**
 * The CSV export (RFC 4180: comma-separated, CRLF-free here, fields quoted when they hold a comma, quote or
 * line break), one table per file: calls, messages, nodes or transactions. Columns come from the JSON
 * export's objects (jsonExport.ts), so both stay the same data; docs/export-schemas.md lists them.
 * Lists (Call-IDs, frames, codecs, issue codes) are joined with spaces.
 */
import type { FilterRow } from '../analyze/filter/filterData.ts';
import { messageJson, nodeJson, rowJson, transactionJson, type JsonExportSource } from './jsonExport.ts';

export type CsvTable = 'calls' | 'messages' | 'nodes' | 'transactions';
export const CSV_TABLES: readonly CsvTable[] = ['calls', 'messages', 'nodes', 'transactions'];

/** [CSV column, JSON key] in output order. */
type Columns = readonly (readonly [string, string])[];

const COLUMNS: Readonly<Record<CsvTable, Columns>> = {
  calls: [
    ['row', 'row'], ['kind', 'kind'], ['method', 'method'], ['start', 'start'], ['end', 'end'], ['from', 'from'], ['to', 'to'],
    ['call_ids', 'callIds'], ['outcome', 'outcome'], ['status', 'status'], ['reason', 'reason'], ['pdd_ms', 'pddMs'],
    ['setup_ms', 'setupMs'], ['duration_ms', 'durationMs'], ['hung_up_by', 'hungUpBy'], ['codecs', 'codecs'],
    ['messages', 'messages'], ['legs', 'legs'], ['first_frame', 'firstFrame'], ['last_frame', 'lastFrame'], ['issues', 'issues'],
  ],
  messages: [
    ['index', 'index'], ['frame', 'frame'], ['frames', 'frames'], ['input', 'input'], ['input_frame', 'inputFrame'], ['time', 'time'],
    ['src', 'src'], ['dst', 'dst'], ['transport', 'transport'], ['method', 'method'], ['request_uri', 'requestUri'],
    ['status', 'status'], ['reason', 'reason'], ['call_id', 'callId'], ['cseq', 'cseq'], ['branch', 'branch'], ['from', 'from'],
    ['to', 'to'], ['user_agent', 'userAgent'], ['codecs', 'codecs'], ['row', 'row'], ['call', 'call'], ['dialog', 'dialog'],
    ['transaction', 'transaction'], ['retransmission', 'retransmission'], ['src_node', 'srcNode'], ['dst_node', 'dstNode'],
    ['request_frame', 'requestFrame'], ['issues', 'issues'],
  ],
  nodes: [['id', 'id'], ['name', 'name'], ['role', 'role'], ['roles', 'roles'], ['endpoints', 'endpoints'], ['hostnames', 'hostnames'], ['user_agents', 'userAgents']],
  transactions: [
    ['id', 'id'], ['method', 'method'], ['call_id', 'callId'], ['cseq', 'cseq'], ['client', 'client'], ['server', 'server'],
    ['transport', 'transport'], ['request_index', 'requestIndex'], ['request_frame', 'requestFrame'], ['final_status', 'finalStatus'],
    ['first_response_ms', 'firstResponseMs'], ['final_response_ms', 'finalResponseMs'], ['state', 'state'],
    ['request_retransmissions', 'requestRetransmissions'], ['response_retransmissions', 'responseRetransmissions'],
    ['depth', 'depth'], ['dialog', 'dialog'], ['start', 'start'], ['end', 'end'],
  ],
};

export function csvHeader(table: CsvTable): string {
  return COLUMNS[table].map(([name]) => name).join(',');
}

export function csvCell(value: unknown): string {
  let text: string;
  if (value === null || value === undefined) text = '';
  else if (Array.isArray(value)) text = value.join(' ');
  else if (typeof value === 'object') text = JSON.stringify(value);
  else text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(table: CsvTable, object: Readonly<Record<string, unknown>>): string {
  return COLUMNS[table].map(([, key]) => csvCell(object[key])).join(',');
}

/** The table as text pieces: the header line, then one line per item (each piece ends with a newline). */
export function* csvPieces(src: JsonExportSource, table: CsvTable, rows: readonly FilterRow[]): Generator<string> {
  const { data } = src;
  let piece = csvHeader(table) + '\n';
  const emit = function* (object: Record<string, unknown>): Generator<string> {
    piece += csvLine(table, object) + '\n';
    if (piece.length >= 1 << 20) {
      yield piece;
      piece = '';
    }
  };
  if (table === 'calls') {
    for (const row of rows) yield* emit(rowJson(src, row));
  } else if (table === 'messages') {
    const messages = rows.flatMap((r) => r.messages).sort((a, b) => a - b);
    for (const i of messages) yield* emit(messageJson(src, i));
  } else {
    const c = data.model.columns;
    const ids = new Set<number>();
    for (const row of rows) {
      for (const i of row.messages) {
        if (table === 'nodes') {
          if ((c.srcNode[i] ?? -1) >= 0) ids.add(c.srcNode[i]!);
          if ((c.dstNode[i] ?? -1) >= 0) ids.add(c.dstNode[i]!);
        } else if ((c.transaction[i] ?? -1) >= 0) ids.add(c.transaction[i]!);
      }
    }
    for (const id of [...ids].sort((a, b) => a - b)) {
      yield* emit(table === 'nodes' ? nodeJson(data.model.nodes[id]!) : transactionJson(data.model.transactions[id]!, src.precisionDigits));
    }
  }
  if (piece.length > 0) yield piece;
}
