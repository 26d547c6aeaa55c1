/**
 * The JSON export, schema version 1 (docs/export-schemas.md): calls and other usages, their messages with
 * every annotation (transaction, dialog, call, hop), the nodes, transactions and dialogs they involve, and
 * their issues. Keys are always present (null when a value does not apply), so the shape is stable.
 * Produced as a sequence of text pieces so a whole busy capture never becomes one giant string.
 */
import type { CallAnalysis } from '../analyze/analysis.ts';
import { issuesOfMessage, issuesOfRow, rowCall, rowUsage, type FilterData, type FilterRow } from '../analyze/filter/filterData.ts';
import { hopAnnotation } from '../correlate/hopAnnotation.ts';
import type { Dialog, SipNode, Transaction } from '../correlate/model.ts';
import { formatEndpoint } from '../shared/endpoint.ts';
import type { Issue } from '../shared/issue.ts';
import { formatIsoTimestamp, formatTimestamp, type Timestamp } from '../shared/time.ts';

export const JSON_SCHEMA_VERSION = 1;

export interface JsonExportSource {
  readonly data: FilterData;
  /** Fractional digits of the capture clock (6 for µs, 9 for ns). */
  readonly precisionDigits: number;
  /** For merged inputs: which input (0-based) and which of its frames a merged frame number was. */
  readonly origin?: (frame: number) => { readonly input: number; readonly frame: number } | undefined;
}

const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);
const index = (v: number | undefined): number | null => (v === undefined || v < 0 ? null : v);

export function issueJson(issue: Issue): Record<string, unknown> {
  return { code: issue.code, severity: issue.severity, message: issue.message, value: orNull(issue.value), frame: orNull(issue.frame) };
}

/** The method a row is about: INVITE for calls, the usage's most telling method otherwise. */
export function rowMethod(data: FilterData, row: FilterRow): string {
  if (row.call >= 0) return data.lookup(row.firstIndex)?.facts.method ?? 'INVITE';
  const u = rowUsage(data, row);
  const kindMethod: Record<string, string> = {
    registration: 'REGISTER', subscription: u?.methods.includes('SUBSCRIBE') ? 'SUBSCRIBE' : 'NOTIFY', options: 'OPTIONS',
    message: 'MESSAGE', publish: 'PUBLISH', refer: 'REFER', info: 'INFO',
  };
  return kindMethod[row.kind] ?? u?.methods[0] ?? '';
}

export function rowJson(src: JsonExportSource, row: FilterRow): Record<string, unknown> {
  const { data, precisionDigits: digits } = src;
  const call: CallAnalysis | undefined = rowCall(data, row);
  const usage = rowUsage(data, row);
  const first = data.lookup(row.firstIndex);
  const lastIndex = row.messages[row.messages.length - 1] ?? row.firstIndex;
  const last = data.lookup(lastIndex);
  const start: Timestamp | undefined = call?.start ?? first?.timestamp;
  let status = call?.finalStatus ?? 0;
  if (call === undefined) {
    for (const i of row.messages) {
      const f = data.lookup(i)?.facts;
      if (f?.kind === 'response' && (f.statusCode ?? 0) >= 200) status = f.statusCode!;
    }
  }
  return {
    row: row.number,
    kind: row.kind,
    method: rowMethod(data, row),
    start: start ? formatIsoTimestamp(start, digits) : null,
    end: last ? formatIsoTimestamp(last.timestamp, digits) : null,
    from: orNull(call?.from ?? first?.facts.from?.uri),
    to: orNull(call?.to ?? first?.facts.to?.uri),
    callIds: call?.callIds ?? (usage ? [usage.callId] : []),
    outcome: orNull(call?.outcome ?? usage?.registration?.outcome),
    status: status > 0 ? status : null,
    reason: orNull(call?.reasonPhrase),
    pddMs: orNull(call?.postDialDelayMs),
    setupMs: orNull(call?.setupTimeMs),
    durationMs: orNull(call?.durationMs),
    hungUpBy: orNull(call?.hungUpBy),
    codecs: call?.codecs ?? [],
    reasons: call?.reasons ?? [],
    callerMedia: orNull(call?.callerMedia),
    calleeMedia: orNull(call?.calleeMedia),
    holds: call?.holds ?? [],
    registration: orNull(usage?.registration),
    noise: usage?.noise ?? false,
    messages: row.messages.length,
    legs: call?.legs ?? 1,
    firstFrame: orNull(first?.frame),
    lastFrame: orNull(last?.frame),
    call: index(row.call),
    usage: index(row.usage),
    issues: [...new Set(issuesOfRow(data, row).map((i) => i.code))],
  };
}

export function messageJson(src: JsonExportSource, i: number): Record<string, unknown> {
  const { data, precisionDigits: digits } = src;
  const r = data.lookup(i);
  if (r === undefined) return { index: i };
  const f = r.facts;
  const c = data.model.columns;
  const request = f.kind === 'request';
  const origin = src.origin?.(r.frame);
  const row = data.rowOfRecord[i] ?? -1;
  const hop = hopAnnotation(data.model, i, data.lookup);
  return {
    index: r.index,
    frame: r.frame,
    frames: r.frames,
    input: origin?.input ?? null,
    inputFrame: origin?.frame ?? null,
    time: formatTimestamp(r.timestamp, digits),
    src: formatEndpoint(r.src),
    dst: formatEndpoint(r.dst),
    transport: r.transport,
    encapsulation: r.encapsulation,
    request,
    method: orNull(request ? f.method : f.cseqMethod),
    requestUri: request ? orNull(f.requestUri) : null,
    status: request ? null : orNull(f.statusCode),
    reason: request ? null : orNull(f.reasonPhrase),
    callId: orNull(f.callId),
    cseq: f.cseqNumber !== undefined ? `${f.cseqNumber} ${f.cseqMethod ?? ''}`.trim() : null,
    branch: orNull(f.vias[0]?.branch),
    from: orNull(f.from?.raw),
    to: orNull(f.to?.raw),
    userAgent: orNull(f.userAgent ?? f.server),
    codecs: f.sdp ? f.sdp.media.flatMap((m) => m.codecs) : null,
    bodyBytes: f.bodyLength,
    row: row >= 0 ? data.rows[row]!.number : null,
    call: index(c.call[i]),
    usage: index(c.usage[i]),
    dialog: index(c.dialog[i]),
    transaction: index(c.transaction[i]),
    logicalTransaction: index(c.logicalTransaction[i]),
    srcNode: index(c.srcNode[i]),
    dstNode: index(c.dstNode[i]),
    retransmission: (c.retransmissionOf[i] ?? -1) >= 0,
    retransmissionOf: index(c.retransmissionOf[i]),
    duplicateOf: index(c.duplicateOf[i]),
    requestFrame: index(c.requestFrame[i]),
    transactionRequestFrame: index(c.transactionRequestFrame[i]),
    counterpart: index(c.counterpart[i]),
    hop: orNull(hop),
    issues: [...new Set(issuesOfMessage(data, i).map((x) => x.code))],
  };
}

export function nodeJson(n: SipNode): Record<string, unknown> {
  return { id: n.id, name: n.name, role: n.role, roles: n.roles, endpoints: n.endpoints, hostnames: n.hostnames, userAgents: n.userAgents };
}

export function transactionJson(t: Transaction, digits: number): Record<string, unknown> {
  return {
    id: t.id, method: t.method, callId: t.callId, cseq: t.cseqNumber, client: t.client, server: t.server, transport: t.transport,
    matching: t.matching, requestIndex: index(t.requestIndex), requestFrame: index(t.requestFrame), responses: t.responses,
    ackIndex: index(t.ackIndex), finalStatus: t.finalStatus > 0 ? t.finalStatus : null,
    requestRetransmissions: t.requestRetransmissions, responseRetransmissions: t.responseRetransmissions,
    firstResponseMs: orNull(t.firstResponseMs), finalResponseMs: orNull(t.finalResponseMs), state: t.state,
    states: t.states.map((s) => ({ state: s.state, index: index(s.index), time: formatTimestamp(s.timestamp, digits) })),
    logicalTransaction: t.logicalTransaction, parent: index(t.parent), depth: t.depth, relatesTo: index(t.relatesTo),
    dialog: index(t.dialog), start: formatTimestamp(t.start, digits), end: formatTimestamp(t.end, digits),
  };
}

export function dialogJson(d: Dialog): Record<string, unknown> {
  return {
    id: d.id, callId: d.callId, usage: d.usage, state: d.state, caller: d.caller, callee: d.callee,
    createdIndex: index(d.createdIndex), confirmedIndex: index(d.confirmedIndex), terminatedIndex: index(d.terminatedIndex),
    termination: orNull(d.termination), terminatedByCaller: orNull(d.terminatedByCaller), forked: d.forked,
    initialTransaction: index(d.initialTransaction), requests: d.requests, issues: d.issues.map((i) => i.code),
  };
}

export interface JsonExportHeader {
  readonly generator: string;
  readonly inputs: readonly Record<string, unknown>[];
  readonly capture: Record<string, unknown>;
  readonly selection: Record<string, unknown>;
  /** Issues grouped by code, with where they happened (the CLI builds them with the issue catalogue). */
  readonly issues: readonly unknown[];
}

/** The whole export document as text pieces (concatenated: one JSON object, one array element per line). */
export function* jsonExportPieces(src: JsonExportSource, rows: readonly FilterRow[], header: JsonExportHeader): Generator<string> {
  const { data } = src;
  const messages: number[] = [];
  for (const row of rows) messages.push(...row.messages);
  messages.sort((a, b) => a - b);
  const nodes = new Set<number>();
  const transactions = new Set<number>();
  const dialogs = new Set<number>();
  const c = data.model.columns;
  for (const i of messages) {
    for (const [set, v] of [[nodes, c.srcNode[i]], [nodes, c.dstNode[i]], [transactions, c.transaction[i]], [dialogs, c.dialog[i]]] as const) {
      if (v !== undefined && v >= 0) set.add(v);
    }
  }
  const ascending = (s: Set<number>) => [...s].sort((a, b) => a - b);
  yield `{"schemaVersion":${JSON_SCHEMA_VERSION},"generator":${JSON.stringify(header.generator)},`;
  yield `"inputs":${JSON.stringify(header.inputs)},\n"capture":${JSON.stringify(header.capture)},\n"selection":${JSON.stringify(header.selection)},\n`;
  const nodeIds = ascending(nodes);
  const transactionIds = ascending(transactions);
  const dialogIds = ascending(dialogs);
  yield* array('calls', rows.length, (k) => rowJson(src, rows[k]!));
  yield ',\n';
  yield* array('messages', messages.length, (k) => messageJson(src, messages[k]!));
  yield ',\n';
  yield* array('nodes', nodeIds.length, (k) => nodeJson(data.model.nodes[nodeIds[k]!]!));
  yield ',\n';
  yield* array('transactions', transactionIds.length, (k) => transactionJson(data.model.transactions[transactionIds[k]!]!, src.precisionDigits));
  yield ',\n';
  yield* array('dialogs', dialogIds.length, (k) => dialogJson(data.model.dialogs[dialogIds[k]!]!));
  yield ',\n';
  yield* array('issues', header.issues.length, (k) => header.issues[k]);
  yield '}\n';
}

function* array(name: string, count: number, make: (k: number) => unknown): Generator<string> {
  yield `"${name}":[`;
  let piece = '';
  for (let k = 0; k < count; k++) {
    piece += (k === 0 ? '\n' : ',\n') + JSON.stringify(make(k));
    if (piece.length >= PIECE_CHARS) {
      yield piece;
      piece = '';
    }
  }
  if (piece.length > 0) yield piece;
  yield count > 0 ? '\n]' : ']';
}

/** Pieces are cut at about this many characters, so memory holds one piece, not the document. */
const PIECE_CHARS = 1 << 20;
