/**
 * The analysis stage: from the correlation model (and the records, read on demand) to per-call
 * summaries and anomalies. Offer/answer is followed once per INVITE dialog and shared.
 */
import type { CorrelationModel } from '../correlate/model.ts';
import type { Issue } from '../shared/issue.ts';
import { makeIssue } from '../shared/issue.ts';
import { ZERO_TIME, type Timestamp } from '../shared/time.ts';
import type { Analysis, AnalysisIssue, RecordLookup } from './analysis.ts';
import { buildAnalysisIndex } from './analysisIndex.ts';
import { detectAnomalies } from './anomalies.ts';
import { analyzeCall } from './callAnalysis.ts';
import { analyzeIssues } from './issues.ts';
import { followOfferAnswer, type OfferAnswer } from './offerAnswer.ts';

export function analyze(model: CorrelationModel, lookup: RecordLookup): Analysis {
  const index = buildAnalysisIndex(model);
  const captureEnd: Timestamp = lookup(model.records - 1)?.timestamp ?? ZERO_TIME;
  const issues: AnalysisIssue[] = detectAnomalies(model, lookup, captureEnd);
  const offerAnswer = new Map<number, OfferAnswer>();
  for (const dialog of model.dialogs) {
    if (dialog.usage !== 'invite') continue;
    const indices = [...(index.dialogRecords.get(dialog.id) ?? [])];
    const initial = dialog.requests[0];
    // A forked INVITE is annotated with its first dialog only; every branch's exchange starts from it.
    if (initial?.label === 'initial' && !indices.includes(initial.index)) indices.unshift(initial.index);
    const oa = followOfferAnswer(indices, lookup, dialog);
    offerAnswer.set(dialog.id, oa);
    for (const i of oa.answersWithoutOffer) {
      const frame = lookup(i)?.frame;
      issues.push({
        index: i, call: model.columns.call[i] ?? -1,
        issue: makeIssue(analyzeIssues, 'analyze.sdp_answer_without_offer', frame === undefined ? {} : { frame }),
      });
    }
  }
  issues.sort((a, b) => a.index - b.index);
  const byCall = new Map<number, Issue[]>();
  const push = (call: number, issue: Issue): void => {
    if (call < 0) return;
    const list = byCall.get(call);
    if (list === undefined) byCall.set(call, [issue]);
    else list.push(issue);
  };
  for (const [call, list] of index.issuesByCall) for (const x of list) push(call, x.issue);
  for (const x of issues) push(x.call, x.issue);
  const calls = model.calls.map((call) => analyzeCall(call, {
    model, index, lookup, captureEnd, offerAnswer, issues: byCall.get(call.id) ?? [],
  }));
  return { calls, issues };
}
