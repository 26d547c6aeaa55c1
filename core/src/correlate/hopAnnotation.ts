/**
 * What changed between two copies of one request on consecutive hops (RFC 3261 §16.6 request
 * forwarding: Request-URI rewrite, Max-Forwards decrement, Record-Route insert, Route consumption
 * for loose and strict routing §16.4, Via push §16.6 step 8) and what a response shows on its way back
 * (§16.7 step 3: the proxy pops its Via; received/rport §18.2.1, RFC 3581).
 */
import type { Endpoint } from '../shared/endpoint.ts';
import type { SipFacts, ViaFacts } from '../sip/sipFacts.ts';
import type { CorrelationModel, HopAnnotation, RecordLookup } from './model.ts';
import { defaultSipPort } from './transactionKey.ts';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function isIpLiteral(host: string): boolean {
  return IPV4.test(host) || host.includes(':');
}

/** The sender wrote a sent-by that is not the address the packet came from (NAT, or a multi-homed host). */
export function sentByMismatch(via: ViaFacts | undefined, src: Endpoint, reliable: boolean): boolean {
  if (via === undefined || !isIpLiteral(via.host)) return false;
  if (via.host.toLowerCase() !== src.ip.toLowerCase()) return true;
  return !reliable && (via.port ?? defaultSipPort(via.transport)) !== src.port;
}

export interface RequestHopInput {
  index: number;
  transaction: number;
  depth: number;
  /** The copy of the same request on the previous hop, when captured. */
  upstream?: { index: number; facts: SipFacts };
  facts: SipFacts;
  src: Endpoint;
  reliable: boolean;
}

export function requestHop(input: RequestHopInput): HopAnnotation {
  const { facts, upstream } = input;
  const hop: HopAnnotation = {
    index: input.index,
    transaction: input.transaction,
    depth: input.depth,
    counterpart: upstream?.index ?? -1,
    viaStack: facts.vias.map((v) => v.raw),
    recordRouteAdded: [],
    routes: facts.routes.map((r) => r.raw),
  };
  const top = facts.vias[0];
  if (top !== undefined) hop.pushedVia = top.raw;
  if (sentByMismatch(top, input.src, input.reliable)) hop.sentByMismatch = true;
  if (facts.maxForwards !== undefined) hop.maxForwardsAfter = facts.maxForwards;
  if (upstream === undefined) return hop;
  const up = upstream.facts;
  if (up.maxForwards !== undefined) hop.maxForwardsBefore = up.maxForwards;
  const added = facts.recordRoutes.length - up.recordRoutes.length;
  // Proxies insert Record-Route at the top (§16.6 step 4); the rest is copied unchanged.
  for (let i = 0; i < added; i++) hop.recordRouteAdded.push(facts.recordRoutes[i]!.raw);
  if (up.requestUri !== facts.requestUri) {
    if (up.requestUri !== undefined) hop.requestUriBefore = up.requestUri;
    if (facts.requestUri !== undefined) hop.requestUriAfter = facts.requestUri;
  }
  if (up.routes.length > facts.routes.length) {
    const last = up.routes[up.routes.length - 1]!;
    if (facts.requestUri !== undefined && last.uri === facts.requestUri && up.requestUri !== facts.requestUri) {
      // Strict routing (§16.4): the Request-URI named this proxy; the last Route became the new one.
      hop.routeConsumed = last.raw;
      hop.strictRouting = true;
    } else {
      hop.routeConsumed = up.routes[0]!.raw;
    }
  }
  return hop;
}

export interface ResponseHopInput {
  index: number;
  transaction: number;
  depth: number;
  /** The same response on the next hop (one Via more), when captured. */
  downstream?: { index: number; facts: SipFacts };
  facts: SipFacts;
}

export function responseHop(input: ResponseHopInput): HopAnnotation {
  const { facts, downstream } = input;
  const hop: HopAnnotation = {
    index: input.index,
    transaction: input.transaction,
    depth: input.depth,
    counterpart: downstream?.index ?? -1,
    viaStack: facts.vias.map((v) => v.raw),
    recordRouteAdded: [],
    routes: [],
  };
  const popped = downstream?.facts.vias[0];
  if (popped !== undefined) hop.poppedVia = popped.raw;
  copyNatMarkers(hop, facts.vias[0]);
  return hop;
}

/** received/rport as the receiving side wrote them into the sender's Via. */
export function copyNatMarkers(hop: HopAnnotation, via: ViaFacts | undefined): void {
  if (via === undefined) return;
  if (via.received !== undefined && hop.received === undefined) hop.received = via.received;
  if (via.rport !== undefined && (hop.rport === undefined || hop.rport === null)) hop.rport = via.rport;
}

/** How many responses of a transaction are read looking for the received/rport its server wrote. */
const NAT_SCAN = 4;

/** The hop annotation of a record, built from the record, its counterpart and its transaction. */
export function hopAnnotation(model: CorrelationModel, index: number, lookup: RecordLookup): HopAnnotation | undefined {
  const record = lookup(index);
  const tx = model.transactions[model.columns.transaction[index] ?? -1];
  if (record === undefined || tx === undefined) return undefined;
  const counterpart = model.columns.counterpart[index] ?? -1;
  const other = counterpart >= 0 ? lookup(counterpart) : undefined;
  const pair = other === undefined ? {} : { index: other.index, facts: other.facts };
  if (record.facts.kind === 'response') {
    return responseHop({ index, transaction: tx.id, depth: tx.depth, facts: record.facts, ...(other ? { downstream: pair as { index: number; facts: SipFacts } } : {}) });
  }
  const hop = requestHop({
    index, transaction: tx.id, depth: tx.depth, facts: record.facts, src: record.src, reliable: record.transport !== 'udp',
    ...(other ? { upstream: pair as { index: number; facts: SipFacts } } : {}),
  });
  // The server of this hop wrote received/rport into the sender's Via: visible in its responses.
  for (let i = 0; i < tx.responses.length && i < NAT_SCAN; i++) copyNatMarkers(hop, lookup(tx.responses[i]!)?.facts.vias[0]);
  // A request without responses (ACK for a 2xx) still shows it when a proxy forwarded it: the proxy wrote
  // received/rport into this sender's Via, which is second in the forwarded copy (§16.6 step 8).
  if (hop.received === undefined && hop.rport === undefined) {
    for (const child of model.logicalTransactions[tx.logicalTransaction]?.hops ?? []) {
      const downstream = model.transactions[child];
      if (downstream?.parent !== tx.id || downstream.requestIndex < 0) continue;
      copyNatMarkers(hop, lookup(downstream.requestIndex)?.facts.vias[1]);
    }
  }
  return hop;
}
