/**
 * What a live transaction remembers of one copy of a message: the fields later copies are compared with
 * (RFC 3261 §17 retransmissions vs capture duplicates) and the next hop reads (Max-Forwards §16.6 step 3,
 * Record-Route §16.6 step 4, the Via count of §16.6 step 8). Never the facts themselves, whose strings are
 * views of the message's decoded text, and no text at all: the top Via and the To tag are kept as a hash
 * and a length. Two copies are compared only once they match one transaction on one hop within the
 * duplicate window, so a 30-bit hash collision there (about one in a billion) is the only way to err.
 */
import type { SipFacts } from '../sip/sipFacts.ts';

export interface CopyDigest {
  viaCount: number;
  /** Hash and length of the top Via as written (length -1 without one). */
  topViaHash: number;
  topViaLength: number;
  maxForwards: number | undefined;
  bodyLength: number;
  contentLength: number | undefined;
  /** Hash and length of the To tag (length -1 without one). */
  toTagHash: number;
  toTagLength: number;
  recordRoutes: number;
}

/** FNV-1a over the UTF-16 code units, cut to 30 bits so that it stays a small integer (no boxed number). */
export function textHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h & 0x3fffffff;
}

/** Writes the digest of `facts` into `digest` (a new copy seen, or a later copy of it). */
export function redigest(digest: CopyDigest, facts: SipFacts): void {
  const top = facts.vias[0]?.raw;
  const tag = facts.to?.tag;
  digest.viaCount = facts.vias.length;
  digest.topViaHash = top === undefined ? 0 : textHash(top);
  digest.topViaLength = top === undefined ? -1 : top.length;
  digest.maxForwards = facts.maxForwards;
  digest.bodyLength = facts.bodyLength;
  digest.contentLength = facts.contentLength;
  digest.toTagHash = tag === undefined ? 0 : textHash(tag);
  digest.toTagLength = tag === undefined ? -1 : tag.length;
  digest.recordRoutes = facts.recordRoutes.length;
}

function sameText(text: string | undefined, hash: number, length: number): boolean {
  return text === undefined ? length === -1 : text.length === length && textHash(text) === hash;
}

/**
 * Identical content on the same hop: what a second capture interface (or a mirror port) produces. Only
 * copies already matched to one transaction are compared, so kind, method, CSeq and (for responses)
 * status and To tag are equal by construction; the rest is compared here.
 */
export function sameCopy(facts: SipFacts, digest: CopyDigest): boolean {
  return facts.vias.length === digest.viaCount && facts.maxForwards === digest.maxForwards
    && facts.bodyLength === digest.bodyLength && facts.contentLength === digest.contentLength
    && sameText(facts.to?.tag, digest.toTagHash, digest.toTagLength) && sameText(facts.vias[0]?.raw, digest.topViaHash, digest.topViaLength);
}
