/**
 * The per-message view of a correlation model for the machine interface (`messages --json`): which
 * transaction, logical transaction, dialog and call a record belongs to, whether it is a retransmission,
 * the request frame a response answers on its hop, and what this hop did to it.
 */
import type { Issue } from '../shared/issue.ts';
import { hopAnnotation } from './hopAnnotation.ts';
import type { CorrelationModel, HopAnnotation, RecordLookup } from './model.ts';

export interface RecordAnnotation {
  index: number;
  transaction?: number;
  logicalTransaction?: number;
  dialog?: number;
  call?: number;
  usage?: number;
  retransmission: boolean;
  retransmissionOf?: number;
  duplicateOf?: number;
  /** Responses (and ACK): the first transmission of the request on the same hop (RFC 3261 matching). */
  transactionRequestFrame?: number;
  /** What Wireshark shows as sip.response-request for the same record (its own, coarser rules). */
  requestFrame?: number;
  hop?: HopAnnotation;
  srcNode?: number;
  dstNode?: number;
  issues: Issue[];
}

/** Correlation issues grouped by record index (build once, then pass to `recordAnnotation`). */
export function issuesByRecord(model: CorrelationModel): Map<number, Issue[]> {
  const map = new Map<number, Issue[]>();
  for (const { index, issue } of model.issues) {
    const list = map.get(index);
    if (list === undefined) map.set(index, [issue]);
    else list.push(issue);
  }
  return map;
}

/** `lookup` gives the records (needed for the hop annotation, which is built on demand). */
export function recordAnnotation(model: CorrelationModel, index: number, lookup: RecordLookup, issues?: Map<number, Issue[]>): RecordAnnotation {
  const c = model.columns;
  const out: RecordAnnotation = {
    index, retransmission: (c.retransmissionOf[index] ?? -1) >= 0, issues: (issues ?? issuesByRecord(model)).get(index) ?? [],
  };
  const set = (key: Exclude<keyof RecordAnnotation, 'index' | 'retransmission' | 'hop' | 'issues'>, value: number | undefined): void => {
    if (value !== undefined && value >= 0) out[key] = value;
  };
  set('transaction', c.transaction[index]);
  set('logicalTransaction', c.logicalTransaction[index]);
  set('dialog', c.dialog[index]);
  set('call', c.call[index]);
  set('usage', c.usage[index]);
  set('retransmissionOf', c.retransmissionOf[index]);
  set('duplicateOf', c.duplicateOf[index]);
  set('transactionRequestFrame', c.transactionRequestFrame[index]);
  set('requestFrame', c.requestFrame[index]);
  set('srcNode', c.srcNode[index]);
  set('dstNode', c.dstNode[index]);
  const hop = hopAnnotation(model, index, lookup);
  if (hop !== undefined) out.hop = hop;
  return out;
}
