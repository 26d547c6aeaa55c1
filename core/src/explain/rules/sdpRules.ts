/**
 * The SDP offer/answer model (RFC 3264) as a reader lines it up: the INVITE (or the first SDP of the
 * exchange) is the offer, the response's SDP the answer; an answer's m-line with port 0 declines that
 * stream (§6). Said on the first captured copy only.
 */
import type { SdpFacts } from '../../sip/sipFacts.ts';
import type { MessageRecord } from '../../sip/messageRecord.ts';
import type { ExplainContext } from './explainContext.ts';
import { line, type ExplanationLine } from './explanation.ts';

type Media = SdpFacts['media'][number];

function describe(m: Media): string {
  return m.codecs.length === 0 ? m.type : `${m.type} ${m.codecs.join(' ')}`;
}

export function describeMedia(sdp: SdpFacts): string {
  const accepted = sdp.media.filter((m) => m.port !== 0);
  return accepted.length === 0 ? '—' : accepted.map(describe).join(', ');
}

export function explainSdp(ctx: ExplainContext, record: MessageRecord, out: ExplanationLine[]): void {
  const f = record.facts;
  if (f.sdp === undefined || (ctx.model.columns.counterpart[record.index] ?? -1) >= 0) return;
  const tx = ctx.transactionOf(record.index);
  const request = tx === undefined ? undefined : ctx.lookup(tx.requestIndex);
  // An ACK with SDP answers an offer the 2xx made (the INVITE had none: "late offer", RFC 3264 §5).
  const answer = f.kind === 'request' ? f.method === 'ACK' : request?.facts.sdp !== undefined;
  out.push(line(answer ? 'sdp.answer' : 'sdp.offer', { media: describeMedia(f.sdp) }));
  if (answer) for (const m of f.sdp.media) if (m.port === 0) out.push(line('sdp.rejected', { media: describe(m) }));
}
