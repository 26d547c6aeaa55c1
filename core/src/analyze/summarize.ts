/**
 * Counts for `summary --json`: messages, retransmissions, transactions, dialogs, calls by outcome,
 * other usages by kind, issues by code (correlation and analysis together).
 */
import type { CorrelationModel } from '../correlate/model.ts';
import { CALL_OUTCOMES, type Analysis, type CallOutcome, type Summary } from './analysis.ts';

export function summarize(model: CorrelationModel, analysis: Analysis): Summary {
  const outcomes = Object.fromEntries(CALL_OUTCOMES.map((o) => [o, 0])) as Record<CallOutcome, number>;
  for (const call of analysis.calls) outcomes[call.outcome]++;
  const usages: Record<string, number> = {};
  for (const u of model.usages) usages[u.kind] = (usages[u.kind] ?? 0) + 1;
  const issues: Record<string, number> = {};
  for (const x of model.issues) issues[x.issue.code] = (issues[x.issue.code] ?? 0) + 1;
  for (const x of analysis.issues) issues[x.issue.code] = (issues[x.issue.code] ?? 0) + 1;
  let retransmissions = 0;
  for (const r of model.columns.retransmissionOf) if (r >= 0) retransmissions++;
  return {
    messages: model.records, retransmissions, transactions: model.transactions.length,
    logicalTransactions: model.logicalTransactions.length, dialogs: model.dialogs.length, calls: model.calls.length,
    nodes: model.nodes.length, outcomes, usages, issues,
  };
}
