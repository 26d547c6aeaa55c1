/**
 * The correlation stage: MessageRecords in capture order → transactions per hop, logical transactions,
 * nodes, dialogs, usages and calls, plus per-record annotation columns. Passive: every key comes from
 * the messages, every time from the capture (records with equal timestamps are put in canonical order).
 */
import type { Issue } from '../shared/issue.ts';
import { compareTimestamps, diffMs, type Timestamp } from '../shared/time.ts';
import type { MessageRecord } from '../sip/messageRecord.ts';
import { CallIdGroups, usageOf, type HeaderLookup } from './callIdGroups.ts';
import { ColumnBuffer } from './columnBuffer.ts';
import type { CorrelationSink, RecordCorrelation, StreamEnd } from './correlationSink.ts';
import { DialogTracker } from './dialogTracker.ts';
import { GroupLives } from './groupLives.ts';
import { HopLinker } from './hopLinker.ts';
import { buildCalls, callsOfGroups } from './legLinker.ts';
import type { CorrelationModel, Dialog, RecordIssue, Usage } from './model.ts';
import { NodeBook } from './nodeBook.ts';
import { observeNodeEvidence } from './nodeEvidence.ts';
import { canonicalTieOrder } from './tieOrder.ts';
import { DEFAULT_TRACKER_OPTIONS, TransactionTracker, type Tracked, type TrackerOptions } from './transactionTracker.ts';
import { WiresharkRequestLinker } from './wiresharkRequestLinker.ts';

export interface CorrelatorOptions {
  /** Reads a header the SIP facts do not keep (correlation headers, Replaces, Refer-To). */
  readonly headerValue?: HeaderLookup;
  /** Headers that name the other leg of a B2BUA call (default X-Call-ID, X-CID, X-Orig-Call-ID). */
  readonly correlationHeaders?: readonly string[];
  /** "ip:port" or "ip" → node name; addresses with one name are one node. */
  readonly aliases?: Readonly<Record<string, string>>;
  /** How far apart two legs of one call may start for the SDP and number rules (default 10 s). */
  readonly legLinkWindowMs?: number;
  readonly tracker?: Partial<TrackerOptions>;
  /**
   * Streaming: records and settled Call-ID groups go to the sink as they finish, nothing per record is
   * kept, and the end is read with `finishStream` (not `finish`). Memory then follows the live calls.
   */
  readonly sink?: CorrelationSink;
}

export const DEFAULT_CORRELATION_HEADERS: readonly string[] = ['X-Call-ID', 'X-CID', 'X-Orig-Call-ID'];

const KIND_RESPONSE = 1;
const KIND_ACK = 2;

export class Correlator {
  private readonly issues: RecordIssue[] = [];
  private readonly report: (index: number, issue: Issue) => void;
  private readonly nodes: NodeBook;
  private readonly tracker: TransactionTracker;
  private readonly hopLinker: HopLinker;
  private readonly dialogs: DialogTracker;
  private readonly groups: CallIdGroups;
  private readonly sink: CorrelationSink | undefined;
  /** Streaming only. */
  private readonly lives: GroupLives | undefined;
  private readonly newDialogs: Dialog[] = [];
  private readonly entry: RecordCorrelation = {
    record: undefined!, group: -1, transaction: undefined, role: 'none', created: false, distinct: false,
    retransmissionOf: -1, duplicateOf: -1, dialog: -1,
  };
  private records = 0;
  private streamEnd: StreamEnd | undefined;
  private readonly wireshark = new WiresharkRequestLinker();
  private readonly col = {
    transaction: new ColumnBuffer(), kind: new ColumnBuffer(), dialog: new ColumnBuffer(), group: new ColumnBuffer(),
    wireshark: new ColumnBuffer(), retransmissionOf: new ColumnBuffer(), duplicateOf: new ColumnBuffer(),
    counterpart: new ColumnBuffer(), src: new ColumnBuffer(), dst: new ColumnBuffer(),
  };
  private base: Timestamp | undefined;
  private lastMs = 0;
  private pending: MessageRecord[] = [];
  private finished = false;

  constructor(private readonly options: CorrelatorOptions = {}) {
    const sink = options.sink;
    this.sink = sink;
    this.report = sink === undefined ? (index, issue) => this.issues.push({ index, issue }) : (index, issue) => sink.issue(index, issue);
    const retain = sink === undefined;
    this.nodes = new NodeBook(!retain);
    const groups = new CallIdGroups(options.headerValue, options.correlationHeaders ?? DEFAULT_CORRELATION_HEADERS, !retain);
    this.groups = groups;
    const callIdOf = (callId: string): string => groups.callIdOf(callId);
    const nodes = this.nodes;
    const hostOf = (host: string): string | undefined => nodes.ipOf(host);
    const trackerOptions = { ...DEFAULT_TRACKER_OPTIONS, ...options.tracker };
    this.tracker = new TransactionTracker(trackerOptions, this.report, retain ? { retain, callIdOf, hostOf } : {
      retain, callIdOf, hostOf, retired: (rt) => this.lives!.retired(rt.tx.callId),
    });
    this.hopLinker = new HopLinker(this.tracker, this.nodes, this.report, retain);
    this.dialogs = new DialogTracker(this.report, retain ? { retain, callIdOf } : {
      retain, callIdOf, created: (d) => this.newDialogs.push(d), retired: (d) => this.lives!.retired(d.callId),
    });
    this.lives = sink === undefined ? undefined : new GroupLives(groups, this.hopLinker, sink);
  }

  add(record: MessageRecord): void {
    if (this.finished) return;
    if (record.index >= this.records) this.records = record.index + 1;
    // Wireshark's own matching follows frame order exactly, ties included (a model column only).
    if (this.sink === undefined) this.col.wireshark.set(record.index, this.wireshark.observe(record));
    const head = this.pending[0];
    if (head !== undefined && compareTimestamps(head.timestamp, record.timestamp) !== 0) this.flush();
    this.pending.push(record);
  }

  addAll(records: Iterable<MessageRecord>): void {
    for (const r of records) this.add(r);
  }

  finish(): CorrelationModel {
    if (this.sink !== undefined) this.finishStream();
    this.flush();
    this.finished = true;
    return assembleModel({
      tracker: this.tracker, hopLinker: this.hopLinker, dialogs: this.dialogs, groups: this.groups, nodes: this.nodes,
      col: this.col, issues: this.issues, lastMs: this.lastMs,
      aliases: this.options.aliases ?? {}, legLinkWindowMs: this.options.legLinkWindowMs ?? 10_000,
    });
  }

  /** Call legs (Call-IDs with an initial INVITE) seen so far: a progress figure, not the final call count. */
  get startedLegs(): number {
    return this.groups.startedLegs;
  }

  /** Streaming: ends the capture, settles every group, builds the calls; the same object on every call. */
  finishStream(): StreamEnd {
    if (this.streamEnd !== undefined) return this.streamEnd;
    this.flush();
    this.finished = true;
    this.tracker.finish(this.lastMs);
    this.dialogs.finish();
    this.lives!.settle();
    const aliases = this.options.aliases ?? {};
    const nodeOfEndpoint = this.nodes.resolve(aliases);
    const groups = this.groups.groups;
    const { callOfGroup, calls } = callsOfGroups(groups, nodeOfEndpoint, this.options.legLinkWindowMs ?? 10_000);
    const usages: Usage[] = [];
    for (const g of groups) if (callOfGroup[g.id]! < 0) usages.push(usageOf(g, usages.length));
    this.streamEnd = {
      records: this.records, transactions: this.tracker.count, logicalTransactions: this.hopLinker.count,
      dialogs: this.dialogs.count, nodes: this.nodes.countNodes(), groups, calls, callOfGroup, usages,
    };
    return this.streamEnd;
  }

  private flush(): void {
    const group = this.pending.length > 1 ? canonicalTieOrder(this.pending) : this.pending;
    for (const r of group) this.process(r);
    this.pending = [];
  }

  private process(record: MessageRecord): void {
    this.base ??= record.timestamp;
    const nowMs = Math.max(this.lastMs, diffMs(this.base, record.timestamp));
    this.lastMs = nowMs;
    const src = this.nodes.observe(record.src);
    const dst = this.nodes.observe(record.dst);
    const tracked = this.tracker.track(record, src, dst, nowMs);
    const hop = this.hopLinker.link(record, tracked, nowMs);
    const dialog = this.dialogs.observe(record, tracked, nowMs);
    const group = this.groups.observe(record, tracked, src, dst);
    observeNodeEvidence(this.nodes, record, src, tracked, hop);
    if (this.sink !== undefined) {
      this.stream(record, tracked, dialog, group);
      return;
    }
    const i = record.index;
    const col = this.col;
    col.transaction.set(i, tracked.runtime?.tx.id ?? -1);
    col.kind.set(i, record.facts.kind === 'response' ? KIND_RESPONSE : record.facts.method === 'ACK' ? KIND_ACK : 0);
    col.dialog.set(i, dialog);
    col.group.set(i, group);
    col.retransmissionOf.set(i, tracked.retransmissionOf);
    col.duplicateOf.set(i, tracked.duplicateOf);
    col.counterpart.set(i, hop.counterpart);
    col.src.set(i, this.nodes.idOf(src));
    col.dst.set(i, this.nodes.idOf(dst));
  }

  private stream(record: MessageRecord, tracked: Tracked, dialog: number, group: number): void {
    // Whatever a record creates has its Call-ID, so a group (-1 only without one: nothing created then).
    if (group >= 0) this.lives!.created(group, tracked.created ? tracked.runtime : undefined, this.newDialogs);
    this.newDialogs.length = 0;
    const e = this.entry;
    e.record = record;
    e.group = group;
    e.transaction = tracked.runtime?.tx;
    e.role = tracked.role;
    e.created = tracked.created;
    e.distinct = tracked.distinct;
    e.retransmissionOf = tracked.retransmissionOf;
    e.duplicateOf = tracked.duplicateOf;
    e.dialog = dialog;
    this.sink!.record(e);
    this.lives!.settle();
  }
}

interface Parts {
  tracker: TransactionTracker;
  hopLinker: HopLinker;
  dialogs: DialogTracker;
  groups: CallIdGroups;
  nodes: NodeBook;
  col: Correlator['col'];
  issues: RecordIssue[];
  lastMs: number;
  aliases: Readonly<Record<string, string>>;
  legLinkWindowMs: number;
}

function assembleModel(p: Parts): CorrelationModel {
  p.tracker.finish(p.lastMs);
  p.dialogs.finish();
  const transactions = p.tracker.transactions;
  const logical = p.hopLinker.logical;
  const dialogs = p.dialogs.dialogs;
  for (const d of dialogs) {
    const path = d.initialTransaction >= 0 ? logical[d.initialTransaction] : undefined;
    if (path === undefined) continue;
    for (const id of path.hops) if (transactions[id]!.dialog < 0) transactions[id]!.dialog = d.id;
    const first = transactions[path.hops[0]!]!;
    const initial = d.requests[0];
    if (initial?.label === 'initial' && first.requestIndex >= 0) initial.index = first.requestIndex;
  }
  for (const tx of transactions) if (tx.dialog < 0 && tx.relatesTo >= 0) tx.dialog = transactions[tx.relatesTo]!.dialog;

  const nodeOfEndpoint = p.nodes.resolve(p.aliases);
  const built = buildCalls(p.groups.groups, dialogs, nodeOfEndpoint, p.legLinkWindowMs);
  for (const b of built.b2bua) p.nodes.role(b.endpoint, 'b2bua', 'bridges two call legs', b.detail, b.index);
  const { nodes, nodeOfRoot } = p.nodes.build(p.aliases);
  const usages: Usage[] = [];
  const usageOfGroup = new Int32Array(p.groups.groups.length).fill(-1);
  for (const g of p.groups.groups) {
    if (built.callOfGroup[g.id]! >= 0) continue;
    usageOfGroup[g.id] = usages.length;
    usages.push(usageOf(g, usages.length));
  }

  const col = p.col;
  const n = Math.max(col.transaction.length, col.wireshark.length);
  const columns: CorrelationModel['columns'] = {
    transaction: col.transaction.toArray(n), logicalTransaction: new Array<number>(n), dialog: new Array<number>(n),
    call: new Array<number>(n), usage: new Array<number>(n), transactionRequestFrame: new Array<number>(n),
    requestFrame: col.wireshark.toArray(n), retransmissionOf: col.retransmissionOf.toArray(n),
    duplicateOf: col.duplicateOf.toArray(n), counterpart: col.counterpart.toArray(n), srcNode: new Array<number>(n), dstNode: new Array<number>(n),
  };
  const endpointNode = (id: number): number => {
    if (id < 0) return -1;
    return nodeOfRoot.get(nodeOfEndpoint(p.nodes.endpointNames[id]!)) ?? -1;
  };
  for (let i = 0; i < n; i++) {
    const tx = transactions[columns.transaction[i]!];
    columns.logicalTransaction[i] = tx?.logicalTransaction ?? -1;
    const dialog = col.dialog.get(i);
    columns.dialog[i] = dialog >= 0 ? dialog : tx?.dialog ?? -1;
    const group = col.group.get(i);
    columns.call[i] = group >= 0 ? built.callOfGroup[group]! : -1;
    columns.usage[i] = group >= 0 ? usageOfGroup[group]! : -1;
    const kind = col.kind.get(i);
    let requestFrame = -1;
    if (tx !== undefined && kind === KIND_RESPONSE) requestFrame = tx.requestFrame;
    else if (tx !== undefined && kind === KIND_ACK) {
      requestFrame = tx.method === 'INVITE' ? tx.requestFrame : transactions[tx.relatesTo]?.requestFrame ?? -1;
    }
    columns.transactionRequestFrame[i] = requestFrame;
    columns.srcNode[i] = endpointNode(col.src.get(i));
    columns.dstNode[i] = endpointNode(col.dst.get(i));
  }
  return {
    records: n, transactions, logicalTransactions: logical, nodes, dialogs, usages,
    calls: built.calls, columns, issues: p.issues,
  };
}
