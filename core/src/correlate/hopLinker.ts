/**
 * Links the per-hop copies of one request into a logical transaction (RFC 3261 §16.6 step 8: a proxy
 * pushes its Via on top of the received stack, so vias[1..] of the outgoing copy are vias[0..] of the
 * incoming one), and each response to the copy it was forwarded from (§16.7 step 3: the proxy pops its
 * Via). Also the behavioural evidence proxies leave: forwarding, generated 100/CANCEL/ACK, Via loops.
 */
import type { Issue } from '../shared/issue.ts';
import { makeIssue } from '../shared/issue.ts';
import type { MessageRecord } from '../sip/messageRecord.ts';
import type { CopyDigest } from './copyDigest.ts';
import { detachString } from './detachString.ts';
import { correlateIssues } from './issues.ts';
import { appended } from './smallList.ts';
import type { LogicalTransaction } from './model.ts';
import type { NodeBook } from './nodeBook.ts';
import { viaIdentity } from './transactionKey.ts';
import type { TxRuntime } from './transactionRuntime.ts';
import type { Tracked, TransactionTracker } from './transactionTracker.ts';

/** What `link` found for the record just linked (one reused object: no allocation per message). */
export interface HopLink {
  /** The copy on the previous hop (requests, non-2xx ACK) or on the next hop (responses), -1 if none. */
  counterpart: number;
  /** The previous-hop copy of a request (its digest), when captured. */
  upstream: CopyDigest | undefined;
  /** A response this hop's server produced itself (not forwarded). */
  generated: boolean;
}

/** The first ACK logical transaction of an INVITE's (one in all but forked calls), the others by To tag. */
interface AckLogical {
  readonly toTag: string;
  readonly logical: LogicalTransaction;
  more: Map<string, LogicalTransaction> | undefined;
}

export class HopLinker {
  /** Every logical transaction by id (empty when not retaining: each hop's runtime holds its own). */
  readonly logical: LogicalTransaction[] = [];
  readonly last: HopLink = { counterpart: -1, upstream: undefined, generated: false };
  /** ACK (2xx) logical transactions per INVITE logical transaction (id), by To tag (forks give several). */
  private readonly ackLogical = new Map<number, AckLogical>();
  private created = 0;

  /** `retain` false: logical transactions are reachable only from their hops' runtimes (streaming). */
  constructor(
    private readonly tracker: TransactionTracker,
    private readonly nodes: NodeBook,
    private readonly report: (index: number, issue: Issue) => void,
    private readonly retain = true,
  ) {}

  /** Logical transactions created so far. */
  get count(): number {
    return this.created;
  }

  /**
   * Streaming: forgets what is kept for a logical transaction whose hops have all retired; no hop can join
   * it any more (a join needs a live hop of it), nor an ACK (which needs its live INVITE).
   */
  forget(logical: LogicalTransaction): void {
    this.ackLogical.delete(logical.id);
  }

  /** Places the record's transaction on its logical path and finds its counterpart (see `last`). */
  link(record: MessageRecord, tracked: Tracked, nowMs: number): HopLink {
    const last = this.last;
    last.counterpart = -1;
    last.upstream = undefined;
    last.generated = false;
    const rt = tracked.runtime;
    if (rt === undefined) return last;
    if (rt.tx.logicalTransaction < 0) this.place(rt, record, nowMs);
    if (tracked.role === 'response') {
      if (tracked.slot !== undefined) last.counterpart = tracked.distinct ? this.linkResponse(record, tracked, rt) : tracked.slot.counterpart;
      return last;
    }
    if (tracked.role === 'ack' && rt.tx.method === 'INVITE') {
      last.counterpart = this.linkInviteAck(record, tracked, rt);
      return last;
    }
    if (tracked.created && record.facts.vias.length > 1) this.checkViaLoop(record);
    const upstream = rt.parent?.request;
    if (upstream === undefined) return last;
    last.counterpart = upstream.index;
    last.upstream = upstream;
    if (tracked.distinct) this.checkForwarding(record, upstream);
    return last;
  }

  private place(rt: TxRuntime, record: MessageRecord, nowMs: number): void {
    const facts = record.facts;
    const method = rt.tx.method;
    const parent = facts.vias.length > 1 ? this.tracker.live.findUpstream(facts, method, rt.tx.client, nowMs) : undefined;
    if (parent !== undefined && parent !== rt && parent.tx.logicalTransaction >= 0) {
      rt.parent = parent;
      rt.depth = parent.depth + 1;
      rt.tx.depth = rt.depth;
      rt.tx.parent = parent.tx.id;
      parent.children = appended(parent.children, rt);
      this.join(rt, parent.logical!);
      const detail = () => `${method} received at ${parent.tx.server} goes on from ${rt.tx.client} carrying its Via stack`;
      this.nodes.merge(parent.tx.server, rt.tx.client, 'forwarding', detail, record.index, true);
      this.nodes.role(parent.tx.server, 'proxy', 'forwards requests adding its own Via', detail, record.index);
      if (parent.tryingIndex >= 0) this.answeredTrying(parent, parent.tryingIndex);
      return;
    }
    const related = rt.related;
    if (related?.logical !== undefined) {
      // CANCEL is hop by hop (RFC 3261 §9, §16.10): a stateful proxy answers it and generates a new CANCEL,
      // with only its own Via, for each branch — a new request on each hop, related to the INVITE it cancels.
      // An end-to-end ACK seen on several unlinked hops still belongs to the request that travelled with the
      // INVITE; ACKs for different 2xx (forks) are different requests.
      const cancel = method === 'CANCEL';
      const toTag = facts.to?.tag ?? '';
      const relatedId = related.logical.id;
      const acks = this.ackLogical.get(relatedId);
      const known = cancel || acks === undefined ? undefined : acks.toTag === toTag ? acks.logical : acks.more?.get(toTag);
      if (known === undefined) {
        const created = this.create(rt, relatedId);
        if (!cancel && acks === undefined) this.ackLogical.set(relatedId, { toTag: detachString(toTag), logical: created, more: undefined });
        else if (!cancel) (acks!.more ??= new Map()).set(detachString(toTag), created);
      } else {
        this.join(rt, known);
      }
      if (method === 'CANCEL' && related.tx.parent >= 0 && facts.vias.length === 1) {
        this.nodes.role(rt.tx.client, 'statefulProxy', 'sends its own CANCEL downstream',
          () => `CANCEL from ${rt.tx.client} has only its own Via`, record.index);
      }
      return;
    }
    this.create(rt, -1);
  }

  private create(rt: TxRuntime, relatesTo: number): LogicalTransaction {
    const id = this.created++;
    const logical: LogicalTransaction = { id, method: rt.tx.method, callId: rt.tx.callId, cseqNumber: rt.tx.cseqNumber, hops: [rt.tx.id], relatesTo };
    if (this.retain) this.logical.push(logical);
    rt.logical = logical;
    rt.tx.logicalTransaction = id;
    return logical;
  }

  private join(rt: TxRuntime, logical: LogicalTransaction): void {
    rt.logical = logical;
    rt.tx.logicalTransaction = logical.id;
    logical.hops = appended(logical.hops, rt.tx.id);
  }

  /** Pairs a new response with the same response on a child hop, which the proxy forwarded (§16.7). */
  private linkResponse(record: MessageRecord, tracked: Tracked, rt: TxRuntime): number {
    const slot = tracked.slot!;
    for (const child of rt.children) {
      for (const s of child.responses) {
        if (!s.forwarded && s.status === slot.status && s.toTag === slot.toTag) {
          s.forwarded = true;
          slot.counterpart = s.index;
          return s.index;
        }
      }
    }
    this.last.generated = rt.children.length === 0;
    this.generatedResponse(record, rt, slot.status);
    return -1;
  }

  /** A response with no forwarded counterpart was produced by this hop's server: what that says about it. */
  private generatedResponse(record: MessageRecord, rt: TxRuntime, status: number): void {
    const server = rt.tx.server;
    const method = rt.tx.method;
    const what = () => `${status} to ${method}`;
    if (status === 100) {
      // Whoever sends 100 Trying is stateful; it is a proxy if it also forwards the request (now or later).
      if (rt.tryingIndex < 0) rt.tryingIndex = record.index;
      if (rt.children.length > 0) this.answeredTrying(rt, record.index);
      return;
    }
    if (rt.children.length > 0) {
      this.nodes.role(server, 'statefulProxy', 'answers upstream itself', what, record.index);
      return;
    }
    // Only proxies check Max-Forwards (RFC 3261 §16.3 step 2): whoever answers 483 itself is one.
    if (status === 483) this.nodes.role(server, 'proxy', 'answers 483 Too Many Hops itself', what, record.index);
    else if (method === 'REGISTER' && status >= 200 && status < 300) this.nodes.role(server, 'registrar', 'accepts REGISTER', what, record.index);
    else if (method === 'INVITE' && status >= 300 && status < 400) this.nodes.role(server, 'redirectServer', 'redirects INVITE', what, record.index);
    else if (method === 'INVITE' && status >= 200 && status < 300) this.nodes.role(server, 'ua', 'answers INVITE', what, record.index);
  }

  private answeredTrying(rt: TxRuntime, index: number): void {
    this.nodes.role(rt.tx.server, 'statefulProxy', 'answers 100 Trying itself', () => `100 to ${rt.tx.method} from ${rt.tx.server}`, index);
  }

  private linkInviteAck(record: MessageRecord, tracked: Tracked, rt: TxRuntime): number {
    const upstream = rt.parent?.ack;
    if (!tracked.distinct) return upstream?.index ?? -1;
    const vias = record.facts.vias.length;
    if (upstream !== undefined && vias === upstream.viaCount + 1) {
      this.nodes.role(rt.tx.client, 'statelessProxy', 'forwards the ACK of a non-2xx response',
        () => `ACK carries the upstream Via stack under ${rt.tx.client}'s own`, record.index);
    } else if (rt.parent !== undefined && vias === 1) {
      this.nodes.role(rt.tx.client, 'statefulProxy', 'acknowledges non-2xx responses itself',
        () => `ACK from ${rt.tx.client} has only its own Via`, record.index);
    }
    if (upstream === undefined) return -1;
    this.last.upstream = upstream;
    return upstream.index;
  }

  private checkForwarding(record: MessageRecord, upstream: CopyDigest): void {
    const before = upstream.maxForwards;
    const after = record.facts.maxForwards;
    if (before !== undefined && after !== undefined && after >= before && after > 0) {
      this.report(record.index, makeIssue(correlateIssues, 'correlate.max_forwards_not_decremented', { frame: record.frame, value: `${before} → ${after}` }));
    }
  }

  /** §16.3 step 4 loop detection, done passively on the Via stack. */
  private checkViaLoop(record: MessageRecord): void {
    const vias = record.facts.vias;
    const identities = new Set<string>();
    const sentBy = new Set<string>();
    let spiral = false;
    for (const via of vias) {
      const identity = viaIdentity(via);
      if (identities.has(identity)) {
        this.report(record.index, makeIssue(correlateIssues, 'correlate.via_loop', { frame: record.frame, value: via.raw }));
        return;
      }
      identities.add(identity);
      const where = identity.slice(identity.indexOf(' ') + 1);
      if (sentBy.has(where)) spiral = true;
      sentBy.add(where);
    }
    if (spiral) this.report(record.index, makeIssue(correlateIssues, 'correlate.via_spiral', { frame: record.frame }));
  }
}
