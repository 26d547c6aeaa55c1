/**
 * Statistics of a live capture: methods and response codes of every message read (the pipeline counts them
 * all, evicted calls included), outcomes of every completed call (the session counts them), post-dial delay
 * and setup time (RFC 6076 §4) of the calls still kept, and issues grouped by code.
 */
import type { CallAnalysis } from '../../core/src/analyze/analysis.ts';
import type { LiveStats } from '../../core/src/pipeline/liveSession.ts';
import type { CaptureSummary } from '../../core/src/pipeline/sipPipeline.ts';
import type { Issue } from '../../core/src/shared/issue.ts';
import type { IssueGroup, Statistics } from '../shared/apiTypes.ts';
import { clip } from './rowText.ts';

const MAX_SAMPLES = 200_000;
const MAX_EXAMPLES = 20;
const MAX_DISTINCT_KEYS = 200;

export interface LiveStatisticsInput {
  session: number;
  version: number;
  summary: CaptureSummary;
  issueExamples: readonly Issue[];
  live: LiveStats;
  /** Calls of the completed entries still kept. */
  calls: Iterable<CallAnalysis>;
}

/** At most MAX_DISTINCT_KEYS keys; the rest summed as "other" (hostile captures invent many methods). */
function capped(counts: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  let n = 0;
  for (const [key, value] of Object.entries(counts)) {
    const k = n < MAX_DISTINCT_KEYS || out[key] !== undefined ? key : 'other';
    if (out[k] === undefined) n++;
    out[k] = (out[k] ?? 0) + value;
  }
  return out;
}

export function buildLiveStatistics(input: LiveStatisticsInput): Statistics {
  const { summary, live } = input;
  const groups = new Map<string, IssueGroup>();
  const group = (issue: Issue): IssueGroup => {
    let g = groups.get(issue.code);
    if (g === undefined) {
      g = { code: clip(issue.code, 100), severity: issue.severity, summary: clip(issue.message, 300), count: 0, examples: [] };
      groups.set(issue.code, g);
    }
    return g;
  };
  const example = (g: IssueGroup, issue: Issue): void => {
    if (g.examples.length >= MAX_EXAMPLES) return;
    g.examples.push({ index: -1, message: clip(issue.message, 300), value: issue.value === undefined ? null : clip(String(issue.value), 300), frame: issue.frame ?? null });
  };
  // The pipeline's log counts every parse issue of the whole capture (kept examples are a sample).
  for (const issue of input.issueExamples) example(group(issue), issue);
  for (const [code, count] of Object.entries(summary.issues)) {
    const g = groups.get(code);
    if (g !== undefined) g.count += count;
    else groups.set(code, { code: clip(code, 100), severity: 'warning', summary: clip(code, 300), count, examples: [] });
  }
  const pddMs: number[] = [];
  const setupMs: number[] = [];
  for (const call of input.calls) {
    if (call.postDialDelayMs !== undefined && pddMs.length < MAX_SAMPLES) pddMs.push(call.postDialDelayMs);
    if (call.setupTimeMs !== undefined && setupMs.length < MAX_SAMPLES) setupMs.push(call.setupTimeMs);
    for (const issue of call.issues) {
      const g = group(issue);
      g.count++;
      example(g, issue);
    }
  }
  const outcomes: Record<string, number> = {};
  for (const [k, v] of Object.entries(live.outcomes)) if (v > 0) outcomes[k] = v;
  const order: Record<string, number> = { error: 0, warning: 1, info: 2 };
  const issues = [...groups.values()].filter((g) => g.count > 0)
    .sort((a, b) => (order[a.severity] ?? 3) - (order[b.severity] ?? 3) || b.count - a.count || (a.code < b.code ? -1 : 1));
  return {
    // Live rows are correlated calls from the start (not Call-IDs waiting for correlation): the view says "calls".
    session: input.session, generation: input.version, final: true, messages: summary.sipMessages, requests: summary.requests,
    responses: summary.responses, calls: live.completedCalls + live.activeCalls, methods: capped(summary.methods),
    statusCodes: capped(summary.statusCodes), outcomes, pddMs, setupMs, issues,
  };
}
