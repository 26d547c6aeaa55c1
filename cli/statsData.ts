/**
 * The numbers of `sipladder stats`: methods, response codes, outcomes, timing distributions (RFC 6076
 * post-dial delay and session setup time, and call duration) with percentiles and a small histogram, top
 * talkers (nodes by messages sent and received), and issues by code — over the selected rows' messages, or
 * over every message when nothing narrows the selection.
 */
import type { FilterData, FilterRow } from '../core/src/analyze/filter/filterData.ts';
import { issuesOfRow, rowCall, rowUsage } from '../core/src/analyze/filter/filterData.ts';
import { describeIssueCode } from '../core/src/issueCatalogue.ts';

export interface Distribution {
  count: number;
  minMs: number | null;
  p50Ms: number | null;
  p90Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  meanMs: number | null;
  /** Buckets [fromMs, toMs) with counts; the last bucket is open (toMs null). */
  histogram: { fromMs: number; toMs: number | null; count: number }[];
}

export interface Stats {
  schemaVersion: 1;
  rows: number;
  calls: number;
  messages: number;
  requests: number;
  responses: number;
  retransmissions: number;
  methods: Record<string, number>;
  statusCodes: Record<string, number>;
  statusClasses: Record<string, number>;
  outcomes: Record<string, number>;
  usages: Record<string, number>;
  pdd: Distribution;
  setup: Distribution;
  duration: Distribution;
  topTalkers: { node: number; name: string; role: string; endpoints: string[]; sent: number; received: number; messages: number }[];
  issues: { code: string; severity: string; count: number; summary: string }[];
}

const SHORT_EDGES_MS = [0, 100, 250, 500, 1000, 2000, 3000, 5000, 10_000, 30_000];
const LONG_EDGES_MS = [0, 10_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000];

/** Nearest-rank percentile of ascending values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

export function distribution(values: readonly number[], edges: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const histogram = edges.map((from, k) => ({ fromMs: from, toMs: edges[k + 1] ?? null, count: 0 }));
  let sum = 0;
  for (const v of sorted) {
    sum += v;
    let k = edges.length - 1;
    while (k > 0 && v < edges[k]!) k--;
    histogram[k]!.count++;
  }
  const round = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000);
  return {
    count: sorted.length, minMs: round(sorted[0] ?? null), p50Ms: round(percentile(sorted, 50)), p90Ms: round(percentile(sorted, 90)),
    p99Ms: round(percentile(sorted, 99)), maxMs: round(sorted[sorted.length - 1] ?? null),
    meanMs: sorted.length ? round(sum / sorted.length) : null, histogram,
  };
}

function bump(map: Record<string, number>, key: string, n = 1): void {
  map[key] = (map[key] ?? 0) + n;
}

const byCount = (m: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(m).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));

/**
 * `rows` are the selected rows; `allMessages` counts every message of the capture (nothing narrows),
 * including those outside any row. `captureIssues`, when given, are the capture's own counts by code (every
 * stage, messages or not), used instead of the rows' issues.
 */
export function computeStats(data: FilterData, rows: readonly FilterRow[], allMessages: boolean, top: number, captureIssues?: Readonly<Record<string, number>>): Stats {
  const messages: number[] = [];
  if (allMessages) for (let i = 0; i < data.model.records; i++) messages.push(i);
  else for (const r of rows) messages.push(...r.messages);
  const methods: Record<string, number> = {};
  const statusCodes: Record<string, number> = {};
  const statusClasses: Record<string, number> = {};
  let requests = 0;
  let retransmissions = 0;
  const sent = new Map<number, number>();
  const received = new Map<number, number>();
  const c = data.model.columns;
  for (const i of messages) {
    const f = data.lookup(i)?.facts;
    if (f === undefined) continue;
    if (f.kind === 'request') {
      requests++;
      bump(methods, f.method ?? '?');
    } else {
      const code = f.statusCode;
      bump(statusCodes, code === undefined ? '?' : String(code));
      bump(statusClasses, code === undefined ? '?' : `${Math.floor(code / 100)}xx`);
    }
    if ((c.retransmissionOf[i] ?? -1) >= 0) retransmissions++;
    const s = c.srcNode[i] ?? -1;
    const d = c.dstNode[i] ?? -1;
    if (s >= 0) sent.set(s, (sent.get(s) ?? 0) + 1);
    if (d >= 0) received.set(d, (received.get(d) ?? 0) + 1);
  }
  const outcomes: Record<string, number> = {};
  const usages: Record<string, number> = {};
  const pdd: number[] = [];
  const setup: number[] = [];
  const duration: number[] = [];
  const issues: Record<string, number> = {};
  for (const row of rows) {
    const call = rowCall(data, row);
    if (call !== undefined) {
      bump(outcomes, call.outcome);
      if (call.postDialDelayMs !== undefined) pdd.push(call.postDialDelayMs);
      if (call.setupTimeMs !== undefined) setup.push(call.setupTimeMs);
      if (call.durationMs !== undefined) duration.push(call.durationMs);
    } else {
      const usage = rowUsage(data, row);
      bump(usages, usage?.registration ? `${row.kind} (${usage.registration.outcome})` : row.kind);
    }
    if (captureIssues === undefined) for (const issue of issuesOfRow(data, row)) bump(issues, issue.code);
  }
  if (captureIssues !== undefined) for (const [code, n] of Object.entries(captureIssues)) bump(issues, code, n);
  const nodes = [...new Set([...sent.keys(), ...received.keys()])].map((id) => {
    const n = data.model.nodes[id]!;
    const s = sent.get(id) ?? 0;
    const r = received.get(id) ?? 0;
    return { node: id, name: n.name, role: n.role, endpoints: n.endpoints, sent: s, received: r, messages: s + r };
  }).sort((a, b) => b.messages - a.messages || a.node - b.node).slice(0, top);
  return {
    schemaVersion: 1, rows: rows.length, calls: rows.filter((r) => r.kind === 'call').length, messages: messages.length,
    requests, responses: messages.length - requests, retransmissions, methods: byCount(methods),
    statusCodes: Object.fromEntries(Object.entries(statusCodes).sort((a, b) => Number(a[0]) - Number(b[0]))),
    statusClasses: Object.fromEntries(Object.entries(statusClasses).sort()), outcomes: byCount(outcomes), usages: byCount(usages),
    pdd: distribution(pdd, SHORT_EDGES_MS), setup: distribution(setup, SHORT_EDGES_MS), duration: distribution(duration, LONG_EDGES_MS),
    topTalkers: nodes,
    issues: Object.entries(byCount(issues)).map(([code, count]) => {
      const d = describeIssueCode(code);
      return { code, severity: d?.severity ?? 'info', count, summary: d?.summary ?? '' };
    }),
  };
}
