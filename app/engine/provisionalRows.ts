/**
 * The call list while a capture is still being read: one row per Call-ID (RFC 3261 §8.1.1.4), built
 * from records as they arrive so calls appear as they are found. Correlation replaces them at the end
 * with calls (legs joined) and other usages. Meanwhile the rows are also offered as the core filter's
 * FilterData (no correlation model yet: message fields work, call fields wait for correlation), so the
 * filter box speaks the CLI's language from the first row on.
 */
import type { FilterData, FilterRow, RowKind } from '../../core/src/analyze/filter/filterData.ts';
import type { CorrelationModel } from '../../core/src/correlate/model.ts';
import type { MessageRecord } from '../../core/src/sip/messageRecord.ts';
import type { CallRow } from '../shared/apiTypes.ts';
import { clip, epochMs } from './rowText.ts';

/** The usage a Call-ID's first method suggests, as the correlator would name it (calls are INVITE dialogs). */
const KIND_OF_METHOD: Readonly<Record<string, RowKind>> = {
  INVITE: 'call', REGISTER: 'registration', OPTIONS: 'options', SUBSCRIBE: 'subscription', NOTIFY: 'subscription',
  MESSAGE: 'message', PUBLISH: 'publish', REFER: 'refer', INFO: 'info',
};

interface MutableFilterRow {
  number: number;
  kind: RowKind;
  call: number;
  usage: number;
  firstIndex: number;
  messages: number[];
}

/** An empty correlation model: no transactions, dialogs, nodes or calls yet; every column lookup gives -1. */
export function emptyModel(records: number): CorrelationModel {
  return {
    records, transactions: [], logicalTransactions: [], nodes: [], dialogs: [], usages: [], calls: [], issues: [],
    columns: {
      transaction: [], logicalTransaction: [], dialog: [], call: [], usage: [], transactionRequestFrame: [], requestFrame: [],
      retransmissionOf: [], duplicateOf: [], counterpart: [], srcNode: [], dstNode: [],
    },
  };
}

export class ProvisionalRows {
  readonly rows: CallRow[] = [];
  /** Record indices per row, capture order. */
  readonly messages: number[][] = [];
  private readonly filterRows: MutableFilterRow[] = [];
  private readonly byCallId = new Map<string, number>();
  private rowOfRecord = new Int32Array(1024);
  private records = 0;

  add(record: MessageRecord): void {
    const facts = record.facts;
    const key = facts.callId ?? '';
    let id = this.byCallId.get(key);
    if (id === undefined) {
      id = this.rows.length;
      this.byCallId.set(key, id);
      this.rows.push({
        id, kind: 'pending', startMs: epochMs(record.timestamp), from: '', to: '', callId: clip(key || '(no Call-ID)'),
        method: '', outcome: 'loading', status: 0, pddMs: null, durationMs: null, messages: 0, legs: 1, issues: 0,
      });
      const list: number[] = [];
      this.messages.push(list);
      this.filterRows.push({ number: id + 1, kind: 'other', call: -1, usage: -1, firstIndex: record.index, messages: list });
    }
    const row = this.rows[id]!;
    this.messages[id]!.push(record.index);
    this.noteRecord(record.index, id);
    row.messages++;
    row.issues += record.issues.length;
    if (row.from === '' && facts.from) row.from = clip(facts.from.uri);
    if (row.to === '' && facts.to) row.to = clip(facts.to.uri);
    const method = facts.kind === 'request' ? facts.method : facts.cseqMethod;
    if (row.method === '' && method !== undefined) {
      row.method = clip(method);
      this.filterRows[id]!.kind = KIND_OF_METHOD[method.toUpperCase()] ?? 'other';
    }
    const status = facts.statusCode ?? 0;
    if (facts.kind === 'response' && status >= 200 && facts.cseqMethod === row.method) row.status = status;
  }

  rowOf(callId: string | undefined): number {
    return this.byCallId.get(callId ?? '') ?? -1;
  }

  /** The rows as the core filter sees them, over the records read so far (a fresh view per call, sharing the lists). */
  filterData(lookup: FilterData['lookup']): FilterData {
    return {
      model: emptyModel(this.records), analysis: { calls: [], issues: [] }, lookup, rows: this.filterRows as readonly FilterRow[],
      rowOfRecord: this.rowOfRecord.subarray(0, this.records), issuesOfRecord: new Map(),
    };
  }

  private noteRecord(index: number, row: number): void {
    if (index >= this.rowOfRecord.length) {
      const grown = new Int32Array(Math.max(index + 1, this.rowOfRecord.length * 2)).fill(-1);
      grown.set(this.rowOfRecord);
      this.rowOfRecord = grown;
    }
    // Indices arrive in order; any skipped (none today) belong to no row.
    for (let i = this.records; i < index; i++) this.rowOfRecord[i] = -1;
    this.rowOfRecord[index] = row;
    this.records = Math.max(this.records, index + 1);
  }
}
