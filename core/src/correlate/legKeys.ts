/**
 * The keys leg linking compares (legLinker.ts): the media address an SDP offers or answers (RFC 4566 c=/m=,
 * the first stream with a port) and the number a leg dials (Request-URI user part or tel number, else the
 * To user), worked out from facts — or read from the keys a slim Call-ID group kept instead of its facts.
 */
import type { CallIdGroup, LegFacts } from './callIdGroups.ts';
import type { SdpFacts, SipFacts } from '../sip/sipFacts.ts';

export function mediaKey(sdp: SdpFacts | undefined): string | undefined {
  const m = sdp?.media.find((x) => x.port > 0);
  const address = m?.connectionAddress ?? sdp?.connectionAddress;
  if (m === undefined || address === undefined || address === '0.0.0.0' || address === '::') return undefined;
  return `${address}:${m.port}`;
}

export function dialledNumber(facts: SipFacts): string {
  const ruriUser = /^sips?:([^@;]+)@/i.exec(facts.requestUri ?? '')?.[1] ?? /^tel:([^;]+)/i.exec(facts.requestUri ?? '')?.[1];
  return ruriUser ?? facts.to?.user ?? '';
}

export function offerMediaOf(invite: LegFacts): string | undefined {
  return invite.keys !== undefined ? invite.keys.offerMedia : mediaKey(invite.facts.sdp);
}

export function answerMediaOf(group: CallIdGroup): string | undefined {
  return group.answerMedia !== undefined ? group.answerMedia || undefined : mediaKey(group.answer);
}

export function dialledOf(invite: LegFacts): string {
  return invite.keys !== undefined ? invite.keys.dialled : dialledNumber(invite.facts);
}
