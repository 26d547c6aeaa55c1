/**
 * Canonical order for messages captured with the same timestamp. Capture order is the only order a
 * passive observer has, but within one timestamp it carries no information, so such a group is put in an
 * order derived from content alone: causal dependencies first (a request before its responses, the
 * upstream copy before the downstream one, the final response before its ACK, the dialog-creating
 * response before in-dialog requests), then a rank, then a content signature. Any permutation of the group
 * therefore yields the same result.
 */
import type { MessageRecord } from '../sip/messageRecord.ts';
import type { SipFacts } from '../sip/sipFacts.ts';
import { transactionKeyAt, transactionKeyFor } from './transactionKey.ts';

/** Groups larger than this keep their capture order (the dependency search is quadratic in the worst case). */
export const MAX_CANONICAL_GROUP = 512;

interface Node {
  record: MessageRecord;
  arrival: number;
  rank: number;
  /** Its own transaction key (ACK: the INVITE's), computed once. */
  key: string | undefined;
  deps: number;
  next: number[];
}

function rankOf(facts: SipFacts): number {
  if (facts.kind === 'response') return (facts.statusCode ?? 0) < 200 ? 1 : 3;
  if (facts.method === 'CANCEL') return 2;
  if (facts.method === 'ACK') return 4;
  return facts.to?.tag === undefined ? 0 : 5;
}

/** Content order used after rank: field by field on existing strings, so nothing is allocated. */
function compareContent(a: MessageRecord, b: MessageRecord): number {
  const fa = a.facts;
  const fb = b.facts;
  return cmp(fa.callId, fb.callId) || cmp(fa.cseqNumber, fb.cseqNumber) || cmp(fa.cseqMethod, fb.cseqMethod)
    || cmp(fa.method, fb.method) || cmp(fa.statusCode, fb.statusCode) || fa.vias.length - fb.vias.length
    || cmp(fa.vias[0]?.raw, fb.vias[0]?.raw) || cmp(fa.from?.tag, fb.from?.tag) || cmp(fa.to?.tag, fb.to?.tag)
    || cmp(a.src.ip, b.src.ip) || a.src.port - b.src.port || cmp(a.dst.ip, b.dst.ip) || a.dst.port - b.dst.port
    || cmp(a.transport, b.transport) || fa.bodyLength - fb.bodyLength;
}

function cmp(a: string | number | undefined, b: string | number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return a < b ? -1 : 1;
}

function ownKey(f: SipFacts): string | undefined {
  const method = f.kind === 'request' ? f.method : f.cseqMethod;
  if (method === undefined) return undefined;
  return transactionKeyFor(f, method === 'ACK' ? 'INVITE' : method)?.key;
}

function add(map: Map<string, number[]>, key: string | undefined, i: number): void {
  if (key === undefined) return;
  const list = map.get(key);
  if (list === undefined) map.set(key, [i]);
  else list.push(i);
}

export function canonicalTieOrder(group: readonly MessageRecord[]): MessageRecord[] {
  if (group.length < 2 || group.length > MAX_CANONICAL_GROUP) return [...group];
  const nodes: Node[] = group.map((record, arrival) => (
    { record, arrival, rank: rankOf(record.facts), key: ownKey(record.facts), deps: 0, next: [] }
  ));
  const requestsByKey = new Map<string, number[]>();
  const responsesByUpstreamKey = new Map<string, number[]>();
  const finalsByCseq = new Map<string, number[]>();
  const creatingByTags = new Map<string, number[]>();
  nodes.forEach((n, i) => {
    const f = n.record.facts;
    if (f.kind === 'request') {
      if (f.method !== 'ACK') add(requestsByKey, n.key, i);
      return;
    }
    const status = f.statusCode ?? 0;
    const upstream = f.cseqMethod === undefined ? undefined : transactionKeyAt(f, 1, f.cseqMethod)?.key;
    // 100 Trying is never forwarded (RFC 3261 §16.7 step 5), so it has no copy upstream.
    if (upstream !== undefined && status !== 100) add(responsesByUpstreamKey, `${upstream} ${status} ${f.to?.tag}`, i);
    if (f.cseqMethod === 'INVITE' && status >= 200) add(finalsByCseq, `${f.callId} ${f.cseqNumber}`, i);
    if ((f.cseqMethod === 'INVITE' || f.cseqMethod === 'SUBSCRIBE') && status > 100 && status < 300 && f.to?.tag !== undefined) {
      add(creatingByTags, `${f.callId} ${f.from?.tag} ${f.to.tag}`, i);
    }
  });
  const edge = (from: number, to: number): void => {
    if (from === to) return;
    nodes[from]!.next.push(to);
    nodes[to]!.deps++;
  };
  nodes.forEach((n, i) => {
    const f = n.record.facts;
    const key = n.key;
    if (f.kind === 'response') {
      for (const r of (key && requestsByKey.get(key)) || []) edge(r, i);
      // The same response one hop further down (one Via more) travels first.
      for (const r of (key && responsesByUpstreamKey.get(`${key} ${f.statusCode ?? 0} ${f.to?.tag}`)) || []) edge(r, i);
      return;
    }
    if (f.vias.length > 1 && f.method !== undefined) {
      const upstream = transactionKeyAt(f, 1, f.method === 'ACK' ? 'INVITE' : f.method)?.key;
      for (const r of (upstream && requestsByKey.get(upstream)) || []) edge(r, i);
    }
    if (f.method === 'CANCEL') {
      for (const r of requestsByKey.get(transactionKeyFor(f, 'INVITE')?.key ?? '') ?? []) edge(r, i);
    } else if (f.method === 'ACK') {
      for (const r of finalsByCseq.get(`${f.callId} ${f.cseqNumber}`) ?? []) edge(r, i);
    } else if (f.to?.tag !== undefined) {
      const tags = [`${f.callId} ${f.from?.tag} ${f.to.tag}`, `${f.callId} ${f.to.tag} ${f.from?.tag}`];
      for (const t of tags) for (const r of creatingByTags.get(t) ?? []) if (nodes[r]!.key !== key) edge(r, i);
    }
  });
  return kahn(nodes);
}

function before(a: Node, b: Node): boolean {
  if (a.rank !== b.rank) return a.rank < b.rank;
  const c = compareContent(a.record, b.record);
  return c !== 0 ? c < 0 : a.arrival < b.arrival;
}

function kahn(nodes: Node[]): MessageRecord[] {
  const out: MessageRecord[] = [];
  const done = new Uint8Array(nodes.length);
  for (let step = 0; step < nodes.length; step++) {
    let pick = -1;
    for (let i = 0; i < nodes.length; i++) {
      if (done[i] || nodes[i]!.deps > 0) continue;
      if (pick < 0 || before(nodes[i]!, nodes[pick]!)) pick = i;
    }
    if (pick < 0) {
      // A dependency cycle (crossing re-INVITEs, say): fall back to the earliest remaining.
      for (let i = 0; i < nodes.length; i++) if (!done[i] && (pick < 0 || before(nodes[i]!, nodes[pick]!))) pick = i;
    }
    done[pick] = 1;
    out.push(nodes[pick]!.record);
    for (const n of nodes[pick]!.next) nodes[n]!.deps--;
  }
  return out;
}
