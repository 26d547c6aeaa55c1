/**
 * Numbers for the statistics view: methods and response codes, call outcomes, post-dial delay and
 * setup time samples (RFC 6076 §4), and every issue grouped by code with examples to jump to.
 */
import type { Issue } from '../../core/src/shared/issue.ts';
import type { IssueGroup, Statistics } from '../shared/apiTypes.ts';
import type { EngineState } from './engineState.ts';
import { clip } from './rowText.ts';

const MAX_SAMPLES = 200_000;
const MAX_EXAMPLES = 20;

export interface Counters {
  methods: Record<string, number>;
  statusCodes: Record<string, number>;
  requests: number;
  responses: number;
}

class IssueGroups {
  private readonly groups = new Map<string, IssueGroup>();

  /** Issues the pipeline logged beyond those on records (capture, network, framing): counted, examples without a message. */
  addUnattached(code: string, extra: number, examples: readonly Issue[]): void {
    const g = this.groups.get(code);
    if (g !== undefined) {
      g.count += extra;
      return;
    }
    examples.forEach((issue, i) => this.add(issue, -1, i < extra));
    const added = this.groups.get(code);
    if (added !== undefined) added.count = extra;
  }

  add(issue: Issue, index: number, count = true, frame?: number): void {
    if (!count) return;
    let g = this.groups.get(issue.code);
    if (g === undefined) {
      g = { code: clip(issue.code, 100), severity: issue.severity, summary: clip(issue.message, 300), count: 0, examples: [] };
      this.groups.set(issue.code, g);
    }
    g.count++;
    if (g.examples.length < MAX_EXAMPLES) {
      g.examples.push({
        index, message: clip(issue.message, 300), value: issue.value === undefined ? null : clip(String(issue.value), 300), frame: issue.frame ?? frame ?? null,
      });
    }
  }

  list(): IssueGroup[] {
    const order = { error: 0, warning: 1, info: 2 } as Record<string, number>;
    return [...this.groups.values()].sort((a, b) => (order[a.severity] ?? 3) - (order[b.severity] ?? 3) || b.count - a.count || (a.code < b.code ? -1 : 1));
  }
}

/**
 * `pipelineCounts`/`pipelineExamples` are the pipeline's issue log, which holds the records' issues too:
 * only what exceeds the records' own count is added, as issues on no message (capture, network, framing).
 */
export function buildStatistics(state: EngineState, counters: Counters, pipelineCounts: Readonly<Record<string, number>>, pipelineExamples: readonly Issue[]): Statistics {
  const groups = new IssueGroups();
  const onRecords = new Map<string, number>();
  for (const r of state.records) {
    for (const issue of r.issues) {
      groups.add(issue, r.index, true, r.frame);
      onRecords.set(issue.code, (onRecords.get(issue.code) ?? 0) + 1);
    }
  }
  for (const [code, n] of Object.entries(pipelineCounts)) {
    const extra = n - (onRecords.get(code) ?? 0);
    if (extra > 0) groups.addUnattached(code, extra, pipelineExamples.filter((x) => x.code === code));
  }
  const outcomes: Record<string, number> = {};
  const pddMs: number[] = [];
  const setupMs: number[] = [];
  const f = state.final;
  if (f !== undefined) {
    for (const x of f.model.issues) groups.add(x.issue, x.index, true, state.records[x.index]?.frame);
    for (const x of f.analysis.issues) groups.add(x.issue, x.index, true, state.records[x.index]?.frame);
    for (const c of f.analysis.calls) {
      outcomes[c.outcome] = (outcomes[c.outcome] ?? 0) + 1;
      if (c.postDialDelayMs !== undefined && pddMs.length < MAX_SAMPLES) pddMs.push(c.postDialDelayMs);
      if (c.setupTimeMs !== undefined && setupMs.length < MAX_SAMPLES) setupMs.push(c.setupTimeMs);
    }
  }
  return {
    session: state.session, generation: state.generation, final: f !== undefined, messages: state.records.length,
    requests: counters.requests, responses: counters.responses, calls: f?.model.calls.length ?? state.provisional.rows.length,
    methods: { ...counters.methods }, statusCodes: { ...counters.statusCodes }, outcomes, pddMs, setupMs, issues: groups.list(),
  };
}
