/**
 * SDP offer/answer within one dialog (RFC 3264 §4, RFC 3261 §13.2.1 and §13.3.1: offer in the INVITE and
 * answer in the first reliable response, or offer in the 2xx and answer in the ACK; RFC 3311 UPDATE,
 * RFC 3262 PRACK), the codecs both sides agreed on, and hold/resume by direction (RFC 3264 §8.4, §5.1).
 */
import type { Dialog } from '../correlate/model.ts';
import type { SdpFacts, SipFacts } from '../sip/sipFacts.ts';
import type { HoldEvent, MediaSide, RecordLookup } from './analysis.ts';

export interface SdpExchange {
  offerIndex: number;
  answerIndex: number;
  offerByCaller: boolean;
  offer: SdpFacts;
  answer: SdpFacts;
}

export interface OfferAnswer {
  exchanges: SdpExchange[];
  /** Requests that carried SDP as an answer when no offer was pending. */
  answersWithoutOffer: number[];
  holds: HoldEvent[];
}

interface Pending {
  index: number;
  byCaller: boolean;
  sdp: SdpFacts;
  cseq: number;
  inResponse: boolean;
}

/** Walks one copy of each dialog message (indices in capture order) through the offer/answer model. */
export function followOfferAnswer(indices: readonly number[], lookup: RecordLookup, dialog: Dialog): OfferAnswer {
  return followOfferAnswerFacts(indices, (index) => lookup(index)?.facts, dialog);
}

/** The same walk over facts only (a streamed summary keeps no records). */
export function followOfferAnswerFacts(indices: readonly number[], factsOf: (index: number) => SipFacts | undefined, dialog: Dialog): OfferAnswer {
  const result: OfferAnswer = { exchanges: [], answersWithoutOffer: [], holds: [] };
  let pending: Pending | undefined;
  let answered = '';
  const complete = (p: Pending, answerIndex: number, answer: SdpFacts): void => {
    result.exchanges.push({ offerIndex: p.index, answerIndex, offerByCaller: p.byCaller, offer: p.sdp, answer });
  };
  for (const index of indices) {
    const facts = factsOf(index);
    if (facts === undefined) continue;
    const cseq = facts.cseqNumber ?? -1;
    const status = facts.statusCode ?? 0;
    if (facts.kind === 'response') {
      if (pending !== undefined && !pending.inResponse && pending.cseq === cseq && status >= 300) pending = undefined;
      if (facts.sdp === undefined || status <= 100 || status >= 300) continue;
      const byCaller = facts.from?.tag !== dialog.caller.tag;
      if (pending !== undefined && !pending.inResponse && pending.cseq === cseq) {
        complete(pending, index, facts.sdp);
        answered = `${cseq} ${facts.cseqMethod}`;
        pending = undefined;
      } else if (pending === undefined && facts.cseqMethod === 'INVITE' && answered !== `${cseq} ${facts.cseqMethod}`) {
        pending = { index, byCaller, sdp: facts.sdp, cseq, inResponse: true };
      }
      continue;
    }
    if (facts.sdp === undefined) continue;
    const byCaller = facts.from?.tag === dialog.caller.tag;
    const answering = facts.method === 'ACK' || facts.method === 'PRACK';
    if (pending !== undefined && pending.inResponse && answering) {
      complete(pending, index, facts.sdp);
      pending = undefined;
    } else if (facts.method === 'ACK') {
      result.answersWithoutOffer.push(index);
    } else {
      pending = { index, byCaller, sdp: facts.sdp, cseq, inResponse: false };
    }
  }
  result.holds = holdEvents(result.exchanges);
  return result;
}

function firstMedia(sdp: SdpFacts): SdpFacts['media'][number] | undefined {
  return sdp.media.find((m) => m.type === 'audio') ?? sdp.media[0];
}

/** Hold is an offer with sendonly/inactive, or the RFC 2543 way with connection address 0.0.0.0. */
function isHold(sdp: SdpFacts): boolean {
  const m = firstMedia(sdp);
  if (m === undefined) return false;
  const address = m.connectionAddress ?? sdp.connectionAddress;
  return m.direction === 'sendonly' || m.direction === 'inactive' || address === '0.0.0.0';
}

function holdEvents(exchanges: readonly SdpExchange[]): HoldEvent[] {
  const events: HoldEvent[] = [];
  const held = { caller: false, callee: false };
  for (const x of exchanges) {
    const side = x.offerByCaller ? 'caller' : 'callee';
    const direction = firstMedia(x.offer)?.direction ?? 'sendrecv';
    if (isHold(x.offer) && !held[side]) {
      held[side] = true;
      events.push({ index: x.offerIndex, byCaller: x.offerByCaller, action: 'hold', direction });
    } else if (!isHold(x.offer) && held[side]) {
      held[side] = false;
      events.push({ index: x.offerIndex, byCaller: x.offerByCaller, action: 'resume', direction });
    }
  }
  return events;
}

export function mediaSide(sdp: SdpFacts): MediaSide {
  const m = firstMedia(sdp);
  const side: MediaSide = { codecs: [...(m?.codecs ?? [])], direction: m?.direction ?? 'sendrecv' };
  const address = m?.connectionAddress ?? sdp.connectionAddress;
  if (address !== undefined) side.address = address;
  if (m !== undefined) side.port = m.port;
  return side;
}

/**
 * Answer codecs the offer also listed (by name, case-insensitive), in the answer's order, for every media
 * stream the answer accepted: m-lines pair up by position and a port of 0 rejects a stream (RFC 3264 §6).
 */
export function negotiatedCodecs(exchange: SdpExchange): string[] {
  const out: string[] = [];
  const answer = exchange.answer?.media ?? [];
  answer.forEach((m, i) => {
    if (m.port === 0) return;
    const offered = new Set((exchange.offer?.media[i]?.codecs ?? []).map((c) => c.toLowerCase()));
    for (const c of m.codecs) if (offered.has(c.toLowerCase()) && !out.includes(c)) out.push(c);
  });
  return out;
}
