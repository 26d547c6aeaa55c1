/**
 * Protocol anomalies found on a finished correlation: a 2xx never ACKed (RFC 3261 §13.2.2.4, §13.3.1.4),
 * retransmission storms (§17.1.1.2), 481/482/483 and Max-Forwards 0 (§16.3, §21.4), INVITEs left without
 * any response, and Content-Length that does not fit a UDP datagram (§18.3, unless the SIP stage said so).
 */
import type { CorrelationModel, Transaction } from '../correlate/model.ts';
import { makeIssue } from '../shared/issue.ts';
import { diffMs, type Timestamp } from '../shared/time.ts';
import type { AnalysisIssue, RecordLookup } from './analysis.ts';
import { analyzeIssues, type AnalyzeIssueCode } from './issues.ts';

/** Retransmissions within one transaction from which it is called a storm (Timer A alone gives 6). */
export const STORM_RETRANSMISSIONS = 7;
const TIMER_64T1_MS = 32_000;

const STATUS_ISSUES: Readonly<Record<number, AnalyzeIssueCode>> = {
  481: 'analyze.call_leg_does_not_exist',
  482: 'analyze.loop_detected',
  483: 'analyze.too_many_hops',
};

export function detectAnomalies(model: CorrelationModel, lookup: RecordLookup, captureEnd: Timestamp): AnalysisIssue[] {
  const out: AnalysisIssue[] = [];
  const add = (index: number, code: AnalyzeIssueCode, value?: string | number): void => {
    const frame = lookup(index)?.frame;
    out.push({
      index, call: model.columns.call[index] ?? -1,
      issue: makeIssue(analyzeIssues, code, { ...(value !== undefined ? { value } : {}), ...(frame !== undefined ? { frame } : {}) }),
    });
  };
  const acknowledged = new Set<number>();
  for (const tx of model.transactions) {
    if (tx.method === 'ACK' && tx.relatesTo >= 0) acknowledged.add(model.transactions[tx.relatesTo]!.logicalTransaction);
  }
  for (const tx of model.transactions) {
    const retransmissions = tx.requestRetransmissions + tx.responseRetransmissions;
    if (retransmissions >= STORM_RETRANSMISSIONS) add(tx.requestIndex >= 0 ? tx.requestIndex : tx.responses[0]!, 'analyze.retransmission_storm', retransmissions);
    const request = lookup(tx.requestIndex);
    if (request !== undefined && request.facts.maxForwards === 0) add(tx.requestIndex, 'analyze.max_forwards_exhausted', 0);
    if (tx.parent >= 0) continue;
    for (const i of tx.responses) {
      const status = lookup(i)?.facts.statusCode ?? 0;
      const code = STATUS_ISSUES[status];
      if (code !== undefined) add(i, code, status);
    }
    if (tx.method === 'INVITE') checkInvite(tx, lookup, captureEnd, acknowledged, add);
  }
  for (let i = 0; i < model.records; i++) {
    const record = lookup(i);
    if (record === undefined || record.transport !== 'udp') continue;
    const declared = record.facts.contentLength;
    if (declared === undefined || declared === record.facts.bodyLength) continue;
    if (record.issues.some((x) => /content.?length/i.test(x.code))) continue;
    add(i, 'analyze.content_length_mismatch', `${declared} declared, ${record.facts.bodyLength} carried`);
  }
  return out;
}

function checkInvite(
  tx: Transaction, lookup: RecordLookup, captureEnd: Timestamp, acknowledged: Set<number>,
  add: (index: number, code: AnalyzeIssueCode, value?: string | number) => void,
): void {
  if (tx.requestIndex >= 0 && tx.responses.length === 0 && diffMs(tx.start, captureEnd) >= TIMER_64T1_MS) {
    add(tx.requestIndex, 'analyze.invite_unanswered');
  }
  if (tx.finalStatus < 200 || tx.finalStatus >= 300 || acknowledged.has(tx.logicalTransaction)) return;
  const ok = tx.responses.map((i) => lookup(i)).find((r) => {
    const status = r?.facts.statusCode ?? 0;
    return status >= 200 && status < 300;
  });
  if (ok !== undefined && diffMs(ok.timestamp, captureEnd) >= TIMER_64T1_MS) add(ok.index, 'analyze.missing_ack');
}
