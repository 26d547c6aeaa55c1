/**
 * Issue #3's golden fixtures: for every scenario of the course seeds (fixtures/scenarios/<name>/), what a SIP
 * expert reads in it — written by hand in expected.json from the seed and RFC 3261 — must be what the analyzer
 * finds: message and transaction counts, each request's path across hops, dialogs, call outcome, node roles,
 * the hop facts a teacher points at, registrations. Only the keys expected.json gives are compared.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hopAnnotation } from '../src/correlate/hopAnnotation.ts';
import type { NodeRole } from '../src/correlate/model.ts';
import { analyzeCaptureBytes, type CaptureAnalysis } from '../src/pipeline/captureAnalysis.ts';
import { parseFlowText } from '../testkit/flow/parseFlowText.ts';

const ROOT = join(__dirname, '../../fixtures/scenarios');
const scenarios = existsSync(ROOT) ? readdirSync(ROOT).filter((d) => existsSync(join(ROOT, d, 'expected.json'))) : [];

const ROLE: Record<NodeRole, string> = {
  ua: 'ua', statefulProxy: 'stateful-proxy', statelessProxy: 'stateless-proxy', proxy: 'proxy', registrar: 'registrar',
  redirectServer: 'redirect-server', b2bua: 'b2bua',
};
const OUTCOME: Record<string, string> = { timedOut: 'timed-out', inProgress: 'in-progress' };

interface Expected {
  sipMessages: number; retransmissions?: number; transactions?: number;
  logicalTransactions?: { method: string; path: string[]; finalStatus?: number }[];
  dialogs?: { state: string; between: string[] }[];
  calls?: { outcome: string; finalStatus?: number; hungUpBy?: string; reason?: string; codecs?: string[] }[];
  nodes?: Record<string, string>;
  hops?: ({ message: number } & Record<string, unknown>)[];
  registrations?: { aor?: string; challenged?: number; status?: number; expires?: number }[];
}

/** Keeps only the keys the expectation names, so the hand-written file says what is compared. */
function pick<T extends object>(actual: T, like: object): Partial<T> {
  return Object.fromEntries(Object.keys(like).map((k) => [k, (actual as Record<string, unknown>)[k]])) as Partial<T>;
}

const byJson = (a: object, b: object): number => JSON.stringify(a).localeCompare(JSON.stringify(b));

function observed(result: CaptureAnalysis, aliasOf: (endpoint: string) => string) {
  const { model, analysis, records } = result;
  const tx = model.transactions;
  const logical = model.logicalTransactions.map((lt) => {
    const hops = lt.hops.map((h) => tx[h]!);
    const first = hops[0]!;
    return {
      method: lt.method,
      path: [aliasOf(first.client), ...hops.map((h) => aliasOf(h.server))],
      finalStatus: first.finalStatus || undefined,
      firstIndex: Math.min(...hops.map((h) => (h.requestIndex >= 0 ? h.requestIndex : h.responses[0] ?? Infinity))),
    };
  }).sort((a, b) => a.firstIndex - b.firstIndex);
  const endsOf = (initial: number): string[] => {
    const lt = model.logicalTransactions[initial];
    if (!lt) return [];
    const hops = lt.hops.map((h) => tx[h]!);
    return [aliasOf(hops[0]!.client), aliasOf(hops[hops.length - 1]!.server)];
  };
  const dialogs = model.dialogs.map((d) => ({ state: d.state, between: endsOf(d.initialTransaction) })).sort(byJson);
  const calls = analysis.calls.map((c) => {
    const call = model.calls[c.call]!;
    // Caller and callee are the ends of the first leg's initial INVITE across all its hops.
    const firstDialog = model.dialogs[call.legs[0]?.dialogs[0] ?? -1];
    const initial = model.columns.logicalTransaction[call.legs[0]!.initialIndex] ?? -1;
    const [caller, callee] = endsOf(firstDialog?.initialTransaction ?? initial);
    const hungUpBy = c.hungUpBy === 'caller' ? caller : c.hungUpBy === 'callee' ? callee : undefined;
    const reason = c.reasons[0];
    return {
      outcome: OUTCOME[c.outcome] ?? c.outcome, finalStatus: c.finalStatus, hungUpBy,
      reason: reason ? `${reason.protocol};cause=${reason.cause}` : undefined, codecs: c.codecs,
    };
  });
  const nodes: Record<string, string> = {};
  for (const n of model.nodes) {
    const alias = aliasOf(n.endpoints[0] ?? n.name);
    nodes[alias] = ROLE[n.role];
  }
  const hop = (message: number) => {
    const index = message - 1;
    const record = records[index]!;
    const h = hopAnnotation(model, index, result.lookup);
    return {
      message,
      pushedBy: h?.pushedVia !== undefined && record.facts.kind === 'request' ? aliasOf(`${record.src.ip}:${record.src.port}`) : undefined,
      viaDepth: h?.viaStack.length ?? record.facts.vias.length,
      maxForwards: record.facts.maxForwards,
      recordRouteAdded: (h?.recordRouteAdded.length ?? 0) > 0,
      routeConsumed: h?.routeConsumed !== undefined,
      received: h?.received,
      requestUriRewritten: h?.requestUriBefore !== undefined && h.requestUriAfter !== undefined && h.requestUriBefore !== h.requestUriAfter,
    };
  };
  const registrations = model.usages.filter((u) => u.registration).map((u) => {
    const r = u.registration!;
    const challenge = r.attempts.find((a) => a.status === 401 || a.status === 407);
    const last = r.attempts[r.attempts.length - 1];
    return { aor: r.aor, challenged: challenge?.status, status: last?.status, expires: last?.expiresGranted ?? last?.expiresRequested };
  });
  return { logical, dialogs, calls, nodes, hop, registrations };
}

describe('golden scenarios from the course seeds', () => {
  it('has the scenarios of issue #3', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(22);
  });

  for (const name of scenarios) {
    describe(name, () => {
      const dir = join(ROOT, name);
      const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
      const flowFile = readdirSync(dir).find((f) => f.endsWith('.flow'))!;
      const flow = parseFlowText(readFileSync(join(dir, flowFile), 'utf8'));
      // A node may send from other ports than the one it is named with (ephemeral TCP/UDP source ports):
      // an address with one alias on its IP is that alias.
      const bare = (endpoint: string) => endpoint.replace(/^\[|\](?=:)/g, '');
      const ipOf = (endpoint: string) => bare(endpoint).replace(/:\d+$/, '');
      const aliases = new Map(Object.entries(flow.nodes).map(([alias, endpoint]) => [bare(endpoint), alias]));
      const byIp = new Map<string, string | null>();
      for (const [endpoint, alias] of aliases) byIp.set(ipOf(endpoint), byIp.has(ipOf(endpoint)) && byIp.get(ipOf(endpoint)) !== alias ? null : alias);
      const aliasOf = (endpoint: string) => aliases.get(bare(endpoint)) ?? byIp.get(ipOf(endpoint)) ?? endpoint;
      const pcap = readFileSync(join(dir, flowFile.replace(/\.flow$/, '.pcap')));
      const result = analyzeCaptureBytes(new Uint8Array(pcap.buffer, pcap.byteOffset, pcap.byteLength));
      const seen = observed(result, aliasOf);

      it('counts the messages, retransmissions and per-hop transactions', () => {
        const actual = { sipMessages: result.capture.sipMessages, retransmissions: result.summary.retransmissions, transactions: result.summary.transactions };
        expect(pick(actual, { sipMessages: 0, ...('retransmissions' in expected ? { retransmissions: 0 } : {}), ...('transactions' in expected ? { transactions: 0 } : {}) }))
          .toEqual(pick(expected, { sipMessages: 0, ...('retransmissions' in expected ? { retransmissions: 0 } : {}), ...('transactions' in expected ? { transactions: 0 } : {}) }));
      });
      if (expected.logicalTransactions) {
        it('follows each request across its hops', () => {
          expect(seen.logical.map((l, i) => pick(l, expected.logicalTransactions![i] ?? { method: 0, path: 0 }))).toEqual(expected.logicalTransactions);
        });
      }
      if (expected.dialogs) it('finds the dialogs', () => expect(seen.dialogs).toEqual([...expected.dialogs!].sort(byJson)));
      if (expected.calls) {
        it('judges the call', () => {
          expect(seen.calls.map((c, i) => pick(c, expected.calls![i] ?? { outcome: 0 }))).toEqual(expected.calls);
        });
      }
      if (expected.nodes) it('tells the nodes apart by behaviour', () => expect(seen.nodes).toEqual(expected.nodes));
      if (expected.hops) {
        it('records what each hop did', () => {
          expect(expected.hops!.map((h) => pick(seen.hop(h.message), h))).toEqual(expected.hops);
        });
      }
      if (expected.registrations) {
        it('follows the registration', () => {
          expect(seen.registrations.map((r, i) => pick(r, expected.registrations![i] ?? { aor: 0 }))).toEqual(expected.registrations);
        });
      }
    });
  }
});
