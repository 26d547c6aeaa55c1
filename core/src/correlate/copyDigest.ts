/**
 * What a live transaction remembers of one copy of a message: the fields later copies are compared with
 * (RFC 3261 §17 retransmissions vs capture duplicates) and the next hop reads (Max-Forwards §16.6 step 3,
 * Record-Route §16.6 step 4, the Via count of §16.6 step 8). Never the facts themselves, whose strings are
 * views of the message's decoded text, and not even the top Via's text: its hash and length decide.
 */
import type { SipFacts } from '../sip/sipFacts.ts';
import { detachOptional } from './detachString.ts';

export interface CopyDigest {
  viaCount: number;
  /** FNV-1a hash and length of the top Via as written (length -1 without one). */
  topViaHash: number;
  topViaLength: number;
  maxForwards: number | undefined;
  bodyLength: number;
  contentLength: number | undefined;
  /** The To tag of the copy (undefined without one). */
  copyToTag: string | undefined;
  recordRoutes: number;
}

/** 32-bit FNV-1a over the UTF-16 code units. */
export function textHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Writes the digest of `facts` into `digest` (a new copy seen, or a later copy of it). */
export function redigest(digest: CopyDigest, facts: SipFacts): void {
  const top = facts.vias[0]?.raw;
  digest.viaCount = facts.vias.length;
  digest.topViaHash = top === undefined ? 0 : textHash(top);
  digest.topViaLength = top === undefined ? -1 : top.length;
  digest.maxForwards = facts.maxForwards;
  digest.bodyLength = facts.bodyLength;
  digest.contentLength = facts.contentLength;
  digest.copyToTag = detachOptional(facts.to?.tag);
  digest.recordRoutes = facts.recordRoutes.length;
}

/**
 * Identical content on the same hop: what a second capture interface (or a mirror port) produces. Only
 * copies already matched to one transaction are compared, so kind, method, CSeq and (for responses)
 * status and To tag are equal by construction; the rest is compared here.
 */
export function sameCopy(facts: SipFacts, digest: CopyDigest): boolean {
  const top = facts.vias[0]?.raw;
  return facts.vias.length === digest.viaCount && facts.maxForwards === digest.maxForwards
    && facts.bodyLength === digest.bodyLength && facts.contentLength === digest.contentLength && facts.to?.tag === digest.copyToTag
    && (top === undefined ? digest.topViaLength === -1 : top.length === digest.topViaLength && textHash(top) === digest.topViaHash);
}
