/**
 * What a live transaction remembers of one copy of a message: the fields later copies are compared with
 * (RFC 3261 §17 retransmissions vs capture duplicates) and the next hop reads (Max-Forwards §16.6 step 3,
 * Record-Route §16.6 step 4, the Via count of §16.6 step 8). Never the whole facts, whose strings are views
 * of the message's decoded text.
 */
import type { SipFacts } from '../sip/sipFacts.ts';
import { detachOptional, internToken } from './detachString.ts';

export interface CopyDigest {
  readonly kind: 'request' | 'response';
  readonly method: string | undefined;
  readonly statusCode: number | undefined;
  readonly cseqNumber: number | undefined;
  readonly viaCount: number;
  /** The top Via exactly as written. */
  readonly topVia: string | undefined;
  readonly maxForwards: number | undefined;
  readonly bodyLength: number;
  readonly contentLength: number | undefined;
  readonly toTag: string | undefined;
  readonly recordRoutes: number;
}

export function digestCopy(facts: SipFacts): CopyDigest {
  return {
    kind: facts.kind,
    method: facts.method === undefined ? undefined : internToken(facts.method),
    statusCode: facts.statusCode,
    cseqNumber: facts.cseqNumber,
    viaCount: facts.vias.length,
    topVia: detachOptional(facts.vias[0]?.raw),
    maxForwards: facts.maxForwards,
    bodyLength: facts.bodyLength,
    contentLength: facts.contentLength,
    toTag: detachOptional(facts.to?.tag),
    recordRoutes: facts.recordRoutes.length,
  };
}
