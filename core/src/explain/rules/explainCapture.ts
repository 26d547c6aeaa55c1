/**
 * The explanation of every message of a capture, in capture order: a retransmission is said to be one
 * (§17.1.1.2, §13.3.1.4) and nothing more; otherwise what the message is for, what its hop did, and what
 * its SDP says. Pure and rule-based over the correlation model; works on any capture, not only lessons.
 */
import type { MessageRecord } from '../../sip/messageRecord.ts';
import { makeExplainContext, type ExplainContext, type ExplainInput } from './explainContext.ts';
import { line, type ExplanationLine, type MessageExplanation } from './explanation.ts';
import { explainRequestHop, explainResponseHop } from './hopRules.ts';
import { explainRequest } from './requestRules.ts';
import { explainResponse } from './responseRules.ts';
import { explainSdp } from './sdpRules.ts';

export function explainCapture(input: ExplainInput): MessageExplanation[] {
  const ctx = makeExplainContext(input);
  const out: MessageExplanation[] = [];
  for (let i = 0; i < input.model.records; i++) out.push(explainWith(ctx, i));
  return out;
}

/** One message; build the context once (`makeExplainContext`) when explaining many. */
export function explainMessage(input: ExplainInput | ExplainContext, index: number): MessageExplanation {
  return explainWith('hop' in input ? input : makeExplainContext(input), index);
}

function explainWith(ctx: ExplainContext, index: number): MessageExplanation {
  const record = ctx.lookup(index);
  const lines: ExplanationLine[] = [];
  if (record === undefined) return { index, lines };
  const original = ctx.model.columns.retransmissionOf[index] ?? -1;
  if (original >= 0) {
    lines.push(retransmissionLine(record, original, ctx));
    return { index, lines };
  }
  const hop = ctx.hop(index);
  if (record.facts.kind === 'request') {
    explainRequest(ctx, record, lines);
    if (hop !== undefined) explainRequestHop(record, hop, lines);
  } else {
    explainResponse(ctx, record, lines);
    if (hop !== undefined) explainResponseHop(hop, lines);
  }
  explainSdp(ctx, record, lines);
  return { index, lines };
}

function retransmissionLine(record: MessageRecord, original: number, ctx: ExplainContext): ExplanationLine {
  const f = record.facts;
  const params = { original: original + 1 };
  if (f.kind === 'request') {
    if (f.method === 'INVITE') return line('retransmission.invite', params);
    if (f.method === 'ACK') return line('retransmission.ack', params);
    return line('retransmission.request', params);
  }
  const status = f.statusCode ?? 0;
  const method = f.cseqMethod ?? ctx.transactionOf(record.index)?.method;
  return line(status >= 200 && status < 300 && method === 'INVITE' ? 'retransmission.2xx' : 'retransmission.response', params);
}
