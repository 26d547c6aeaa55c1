/**
 * Builds the ladder model of a set of messages (one or more calls, or a whole capture): lanes, one row per
 * message with retransmissions (RFC 3261 §17.1.1.2, §17.2.1) and duplicates folded into the first copy,
 * transaction brackets (§17) and dialog spans (§12, forks told apart). Linear in the messages drawn.
 */
import type { CorrelationModel, RecordLookup } from '../../correlate/model.ts';
import { formatEndpoint } from '../../shared/endpoint.ts';
import { compareTimestamps, ZERO_TIME, type Timestamp } from '../../shared/time.ts';
import { LaneAssigner } from './ladderLanes.ts';
import type { LadderBracket, LadderDialog, LadderModel, LadderRow, LaneMerge } from './ladderModel.ts';

export interface LadderSource {
  readonly model: CorrelationModel;
  readonly lookup: RecordLookup;
}

export interface LadderModelOptions {
  /** How addresses become lanes (default 'node'). */
  readonly merge?: LaneMerge;
  /** Fold retransmissions and duplicates into the row of their first copy (default true). */
  readonly foldRetransmissions?: boolean;
}

/** Record indices of the given calls in capture order; no calls means every message of the capture. */
export function recordsOfCalls(model: CorrelationModel, calls: readonly number[]): number[] {
  const out: number[] = [];
  if (calls.length === 0) {
    for (let i = 0; i < model.records; i++) out.push(i);
    return out;
  }
  const wanted = new Set(calls);
  const column = model.columns.call;
  for (let i = 0; i < model.records; i++) if (wanted.has(column[i] ?? -1)) out.push(i);
  return out;
}

function correlationIssueCounts(model: CorrelationModel, wanted: ReadonlySet<number>): Map<number, number> {
  const counts = new Map<number, number>();
  for (const { index } of model.issues) if (wanted.has(index)) counts.set(index, (counts.get(index) ?? 0) + 1);
  return counts;
}

function firstCodecs(codecs: readonly string[] | undefined): string[] {
  return codecs === undefined ? [] : [...codecs];
}

export function buildLadderModel(source: LadderSource, indices: readonly number[], options: LadderModelOptions = {}): LadderModel {
  const { model, lookup } = source;
  const merge = options.merge ?? 'node';
  const fold = options.foldRetransmissions ?? true;
  const c = model.columns;
  const sorted = isAscending(indices) ? indices : [...indices].sort((a, b) => a - b);
  const wanted = new Set(sorted);
  const issueCounts = correlationIssueCounts(model, wanted);
  const lanes = new LaneAssigner(model, merge);
  const rows: LadderRow[] = [];
  const rowOfRecord = new Map<number, number>();
  const calls = new Set<number>();
  let messages = 0;
  let start: Timestamp | undefined;

  for (const index of sorted) {
    const record = lookup(index);
    if (record === undefined || rowOfRecord.has(index)) continue;
    messages++;
    if (start === undefined || compareTimestamps(record.timestamp, start) < 0) start = record.timestamp;
    const retransmissionOf = c.retransmissionOf[index] ?? -1;
    const duplicateOf = c.duplicateOf[index] ?? -1;
    const copyOf = retransmissionOf >= 0 ? retransmissionOf : duplicateOf;
    const original = fold && copyOf >= 0 ? rowOfRecord.get(copyOf) : undefined;
    if (original !== undefined) {
      rowOfRecord.set(index, original);
      (retransmissionOf >= 0 ? rows[original]!.retransmissions : rows[original]!.duplicates).push(index);
      continue;
    }
    const f = record.facts;
    const from = lanes.laneOf(record.src, c.srcNode[index] ?? -1);
    const to = lanes.laneOf(record.dst, c.dstNode[index] ?? -1);
    const transaction = c.transaction[index] ?? -1;
    const call = c.call[index] ?? -1;
    if (call >= 0) calls.add(call);
    const row: LadderRow = {
      row: rows.length, index, frame: record.frame, timestamp: record.timestamp, from, to,
      srcEndpoint: formatEndpoint(record.src), dstEndpoint: formatEndpoint(record.dst), transport: record.transport,
      kind: f.kind, transaction, logicalTransaction: c.logicalTransaction[index] ?? -1, dialog: c.dialog[index] ?? -1,
      usage: c.usage[index] ?? -1, call, leg: -1, depth: model.transactions[transaction]?.depth ?? -1,
      counterpart: c.counterpart[index] ?? -1, hop: transaction >= 0 ? index : -1,
      sdp: f.sdp !== undefined, sdpCodecs: firstCodecs(f.sdp?.media[0]?.codecs),
      retransmissions: [], duplicates: [], retransmissionOf: copyOf, issues: record.issues.length + (issueCounts.get(index) ?? 0),
    };
    const method = f.method ?? f.cseqMethod;
    if (method !== undefined) row.method = method;
    if (f.requestUri !== undefined) row.requestUri = f.requestUri;
    if (f.statusCode !== undefined) row.statusCode = f.statusCode;
    if (f.reasonPhrase !== undefined) row.reasonPhrase = f.reasonPhrase;
    if (f.cseqNumber !== undefined) row.cseqNumber = f.cseqNumber;
    if (f.callId !== undefined) {
      row.callId = f.callId;
      const legs = model.calls[call]?.legs;
      if (legs !== undefined) row.leg = legs.findIndex((l) => l.callId === f.callId);
    }
    rowOfRecord.set(index, rows.length);
    rows.push(row);
  }
  return {
    lanes: lanes.lanes, rows, brackets: bracketsOf(model, rows), dialogs: dialogsOf(model, rows),
    calls: [...calls].sort((a, b) => a - b), messages, start: start ?? ZERO_TIME, merge,
  };
}

function isAscending(values: readonly number[]): boolean {
  for (let i = 1; i < values.length; i++) if (values[i]! <= values[i - 1]!) return false;
  return true;
}

function bracketsOf(model: CorrelationModel, rows: readonly LadderRow[]): LadderBracket[] {
  const byTransaction = new Map<number, LadderBracket>();
  const out: LadderBracket[] = [];
  for (const row of rows) {
    if (row.transaction < 0) continue;
    const bracket = byTransaction.get(row.transaction);
    if (bracket !== undefined) {
      bracket.lastRow = row.row;
      continue;
    }
    const tx = model.transactions[row.transaction];
    const created: LadderBracket = {
      transaction: row.transaction, logicalTransaction: tx?.logicalTransaction ?? -1, method: tx?.method ?? row.method ?? '',
      depth: tx?.depth ?? 0, firstRow: row.row, lastRow: row.row,
    };
    byTransaction.set(row.transaction, created);
    out.push(created);
  }
  return out;
}

function dialogsOf(model: CorrelationModel, rows: readonly LadderRow[]): LadderDialog[] {
  const byDialog = new Map<number, LadderDialog>();
  const out: LadderDialog[] = [];
  for (const row of rows) {
    if (row.dialog < 0) continue;
    const span = byDialog.get(row.dialog);
    if (span !== undefined) {
      span.lastRow = row.row;
      continue;
    }
    const d = model.dialogs[row.dialog];
    const created: LadderDialog = {
      dialog: row.dialog, callId: d?.callId ?? row.callId ?? '', usage: d?.usage ?? 'invite', firstRow: row.row, lastRow: row.row,
      forked: d?.forked ?? false, fork: 0, forks: 1, state: d?.state ?? 'early', callerTag: d?.caller.tag ?? '', calleeTag: d?.callee.tag ?? '',
    };
    byDialog.set(row.dialog, created);
    out.push(created);
  }
  // Forks: dialogs created by the same initial request (RFC 3261 §12.1: one per To tag), numbered by id.
  const groups = new Map<string, LadderDialog[]>();
  for (const span of out) {
    const initial = model.dialogs[span.dialog]?.initialTransaction ?? -1;
    const key = initial >= 0 ? `t${initial}` : `d${span.dialog}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [span]);
    else group.push(span);
  }
  for (const group of groups.values()) {
    group.sort((a, b) => a.dialog - b.dialog);
    group.forEach((span, i) => {
      span.fork = i;
      span.forks = group.length;
    });
  }
  return out;
}
