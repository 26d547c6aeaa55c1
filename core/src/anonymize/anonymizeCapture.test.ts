/**
 * The anonymisation round trip on every golden scenario: the anonymised capture analyses to the same
 * structure (messages, transactions, dialogs, calls, nodes, hops, outcomes, explanations — addresses
 * compared through the anonymiser's own table) and no original address, number, name, tag, branch or
 * Call-ID is left in any byte of the output.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hopAnnotation } from '../correlate/hopAnnotation.ts';
import { explainCapture } from '../explain/rules/explainCapture.ts';
import { analyzeCaptureBytes, type CaptureAnalysis } from '../pipeline/captureAnalysis.ts';
import type { NameAddrFacts } from '../sip/sipFacts.ts';
import { anonymizeCapture } from './anonymizeCapture.ts';
import { parseIpv4Text } from './ipText.ts';

const ROOT = join(__dirname, '../../../fixtures/scenarios');
const SCENARIOS = readdirSync(ROOT).filter((d) => existsSync(join(ROOT, d, 'expected.json')));
const COOKIE = 'z9hG4bK';

type Mapper = (endpoint: string) => string;

/** Everything the analysis says, with addresses passed through `map` (identity for the anonymised side). */
function structure(r: CaptureAnalysis, map: Mapper) {
  const m = r.model;
  return {
    records: r.records.map((x) => ({
      frame: x.frame, kind: x.facts.kind, method: x.facts.method, status: x.facts.statusCode, transport: x.transport,
      src: map(`${x.src.ip}:${x.src.port}`), dst: map(`${x.dst.ip}:${x.dst.port}`), cseq: x.facts.cseqNumber,
      vias: x.facts.vias.length, maxForwards: x.facts.maxForwards, contentLength: x.facts.contentLength, body: x.facts.bodyLength,
      media: x.facts.sdp?.media.map((md) => `${md.type} ${md.port} ${md.codecs.join(' ')} ${md.direction}`), issues: x.issues.map((i) => i.code),
    })),
    transactions: m.transactions.map((t) => ({
      method: t.method, client: map(t.client), server: map(t.server), request: t.requestIndex, responses: t.responses, final: t.finalStatus,
      state: t.state, parent: t.parent, depth: t.depth, logical: t.logicalTransaction, relatesTo: t.relatesTo, dialog: t.dialog,
      ack: t.ackIndex, retransmissions: t.requestRetransmissions + t.responseRetransmissions,
    })),
    logical: m.logicalTransactions.map((l) => ({ method: l.method, hops: l.hops, relatesTo: l.relatesTo })),
    dialogs: m.dialogs.map((d) => ({
      state: d.state, created: d.createdIndex, confirmed: d.confirmedIndex, terminated: d.terminatedIndex, termination: d.termination,
      initial: d.initialTransaction, requests: d.requests.map((q) => `${q.index} ${q.method} ${q.label} ${q.fromCaller}`),
    })),
    nodes: m.nodes.map((n) => ({ role: n.role, roles: n.roles, endpoints: n.endpoints.map(map) })),
    calls: m.calls.map((c) => ({ legs: c.legs.length, links: c.links.map((l) => `${l.rule} ${l.index}`), dialogs: c.dialogs, messages: c.messages })),
    usages: m.usages.map((u) => ({
      kind: u.kind, methods: u.methods, outcome: u.registration?.outcome,
      attempts: u.registration?.attempts.map((a) => `${a.status} ${a.expiresRequested} ${a.expiresGranted} ${a.minExpires}`),
    })),
    outcomes: r.analysis.calls.map((c) => ({
      outcome: c.outcome, final: c.finalStatus, hungUpBy: c.hungUpBy, codecs: c.codecs, legs: c.legs, pdd: c.postDialDelayMs, duration: c.durationMs,
    })),
    hops: r.records.map((x) => {
      const h = hopAnnotation(m, x.index, r.lookup);
      return h && {
        depth: h.depth, counterpart: h.counterpart, vias: h.viaStack.length, recordRoutes: h.recordRouteAdded.length, routes: h.routes.length,
        consumed: h.routeConsumed !== undefined, strict: h.strictRouting, received: h.received === undefined ? undefined : map(`${h.received}:0`),
        rport: h.rport, natMismatch: h.sentByMismatch, mf: `${h.maxForwardsBefore}→${h.maxForwardsAfter}`,
        retargeted: h.requestUriBefore !== undefined && h.requestUriAfter !== undefined && h.requestUriBefore !== h.requestUriAfter,
      };
    }),
    explanations: explainCapture(r).map((e) => e.lines.map((l) => l.key)),
    summary: { ...r.summary, issues: undefined },
  };
}

/** The values a reader could identify someone by, gathered from the original analysis (not the anonymiser). */
function originalValues(r: CaptureAnalysis): { exact: Set<string>; inContext: Set<string>; ips: Set<string> } {
  const exact = new Set<string>();
  const inContext = new Set<string>();
  const ips = new Set<string>();
  const value = (v: string | undefined, context: (v: string) => string) => {
    if (v === undefined || v === '' || v === '-') return;
    if (v.length >= 4) exact.add(v);
    else inContext.add(context(v));
  };
  const host = (h: string | undefined) => {
    if (h === undefined) return;
    if (parseIpv4Text(h) !== undefined) ips.add(h);
    else h.split('.').slice(0, -1).forEach((label) => value(label, (l) => `${l}.`));
  };
  const nameAddr = (n: NameAddrFacts | undefined) => {
    if (n === undefined) return;
    value(n.user, (u) => `:${u}@`);
    host(n.host);
    value(n.displayName?.replace(/^"|"$/g, ''), (d) => `${d} <`);
    value(n.tag, (t) => `tag=${t}`);
  };
  for (const x of r.records) {
    const f = x.facts;
    ips.add(x.src.ip);
    ips.add(x.dst.ip);
    for (const v of f.vias) {
      host(v.host);
      if (v.received) ips.add(v.received);
      value(v.branch?.replace(COOKIE, ''), (b) => `${COOKIE}${b}`);
    }
    for (const n of [f.from, f.to, ...f.contacts, ...f.routes, ...f.recordRoutes]) nameAddr(n);
    const ruri = /^sips?:(?:([^@;:]+)@)?([^;:>]+)/.exec(f.requestUri ?? '');
    if (ruri) {
      value(ruri[1], (u) => `:${u}@`);
      host(ruri[2]);
    }
    value(f.callId, (c) => `Call-ID: ${c}`);
    value(f.extraHeaders?.['x-call-id'], (c) => c);
    for (const md of f.sdp?.media ?? []) if (md.connectionAddress) ips.add(md.connectionAddress);
    if (f.sdp?.connectionAddress) ips.add(f.sdp.connectionAddress);
  }
  return { exact, inContext, ips };
}

describe.each(SCENARIOS)('anonymising %s', (name) => {
  const bytes = new Uint8Array(readFileSync(join(ROOT, name, `${name}.pcap`)));
  const original = analyzeCaptureBytes(bytes);
  const result = anonymizeCapture(bytes, { secret: 'lesson fixtures' });
  const anonymised = analyzeCaptureBytes(result.bytes);
  const table = result.tables.ipv4;
  const map: Mapper = (endpoint) => endpoint.replace(/^\d+\.\d+\.\d+\.\d+/, (ip) => table.get(ip) ?? `unmapped ${ip}`);

  it('keeps every frame (they all carry SIP) and reports nothing wrong', () => {
    expect(result.format).toBe('pcap');
    expect(result.framesOut).toBe(result.framesIn);
    expect(result.issues).toEqual([]);
    expect([...result.leftovers]).toEqual([]);
    expect(result.replaced).toBeGreaterThan(0);
  });

  it('analyses to the same structure: transactions, dialogs, calls, nodes, hops, outcomes, explanations', () => {
    expect(structure(anonymised, (e) => e)).toEqual(structure(original, map));
  });

  it('leaves no original address, number, name, tag, branch or Call-ID in any byte', () => {
    const text = new TextDecoder('latin1').decode(result.bytes);
    const { exact, inContext, ips } = originalValues(original);
    expect([...exact].filter((v) => text.includes(v))).toEqual([]);
    expect([...inContext].filter((v) => text.includes(v))).toEqual([]);
    expect([...ips].filter((ip) => text.includes(ip))).toEqual([]);
    const binary = [...ips].map((ip) => Uint8Array.from(ip.split('.').map(Number)));
    expect(binary.filter((b) => Buffer.from(result.bytes).indexOf(b) >= 0).map((b) => b.join('.'))).toEqual([]);
  });

  it('maps every address and value the same way with the same secret, and differently with another', () => {
    const again = anonymizeCapture(bytes, { secret: 'lesson fixtures' });
    expect(Buffer.from(again.bytes).equals(Buffer.from(result.bytes))).toBe(true);
    const other = anonymizeCapture(bytes, { secret: 'another secret' });
    expect(Buffer.from(other.bytes).equals(Buffer.from(result.bytes))).toBe(false);
    expect(other.bytes.length).toBe(result.bytes.length);
  });
});
