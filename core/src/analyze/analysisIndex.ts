/**
 * Lookup tables built in one pass over a correlation model, so that per-call analysis never scans
 * all records again: the caller-side (first captured hop) INVITE and CANCEL transactions per Call-ID,
 * and one copy of each message per dialog (first hop, no retransmissions) in capture order.
 */
import type { CorrelationModel, Transaction } from '../correlate/model.ts';

export interface AnalysisIndex {
  invitesByCallId: Map<string, Transaction[]>;
  cancelsByInvite: Map<number, Transaction>;
  dialogRecords: Map<number, number[]>;
  issuesByCall: Map<number, CorrelationModel['issues']>;
}

export function buildAnalysisIndex(model: CorrelationModel): AnalysisIndex {
  const invitesByCallId = new Map<string, Transaction[]>();
  const cancelsByInvite = new Map<number, Transaction>();
  for (const tx of model.transactions) {
    if (tx.parent >= 0) continue;
    if (tx.method === 'INVITE') {
      const list = invitesByCallId.get(tx.callId);
      if (list === undefined) invitesByCallId.set(tx.callId, [tx]);
      else list.push(tx);
    } else if (tx.method === 'CANCEL' && tx.relatesTo >= 0 && !cancelsByInvite.has(tx.relatesTo)) {
      cancelsByInvite.set(tx.relatesTo, tx);
    }
  }
  const { columns } = model;
  const dialogRecords = new Map<number, number[]>();
  for (let i = 0; i < model.records; i++) {
    const dialog = columns.dialog[i]!;
    if (dialog < 0 || columns.retransmissionOf[i]! >= 0 || columns.duplicateOf[i]! >= 0) continue;
    const tx = model.transactions[columns.transaction[i]!];
    if (tx === undefined || tx.parent >= 0) continue;
    const list = dialogRecords.get(dialog);
    if (list === undefined) dialogRecords.set(dialog, [i]);
    else list.push(i);
  }
  const issuesByCall = new Map<number, CorrelationModel['issues']>();
  for (const issue of model.issues) {
    const call = columns.call[issue.index] ?? -1;
    if (call < 0) continue;
    const list = issuesByCall.get(call);
    if (list === undefined) issuesByCall.set(call, [issue]);
    else list.push(issue);
  }
  return { invitesByCallId, cancelsByInvite, dialogRecords, issuesByCall };
}
