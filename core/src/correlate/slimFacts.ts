/**
 * Facts cut down to what leg linking reads (legLinker.ts: the dialled number from the Request-URI or To
 * user, From/To URIs for the leg, the first media address of the offer and answer, RFC 3264 §5), for
 * a streamed capture that keeps one such INVITE per Call-ID until the end but nothing else of it.
 */
import type { NameAddrFacts, SdpFacts, SipFacts } from '../sip/sipFacts.ts';
import { detachOptional, detachString } from './detachString.ts';

const NONE: readonly never[] = Object.freeze([]);
const NO_PARAMETERS: Readonly<Record<string, string>> = Object.freeze({});

function slimNameAddr(addr: NameAddrFacts | undefined): NameAddrFacts | undefined {
  if (addr === undefined) return undefined;
  const slim: { -readonly [K in keyof NameAddrFacts]: NameAddrFacts[K] } = {
    uri: detachString(addr.uri), uriParameters: NO_PARAMETERS, parameters: NO_PARAMETERS, raw: '',
  };
  if (addr.user !== undefined) slim.user = detachString(addr.user);
  return slim;
}

/** The session address and the first media stream with a port (what a media key is made of), copied. */
export function slimSdp(sdp: SdpFacts | undefined): SdpFacts | undefined {
  if (sdp === undefined) return undefined;
  const m = sdp.media.find((x) => x.port > 0);
  const media: SdpFacts['media'][number][] = [];
  if (m !== undefined) {
    const address = detachOptional(m.connectionAddress);
    media.push({ type: detachString(m.type), port: m.port, protocol: '', codecs: NONE, direction: '', ...(address === undefined ? {} : { connectionAddress: address }) });
  }
  const connectionAddress = detachOptional(sdp.connectionAddress);
  return connectionAddress === undefined ? { media } : { connectionAddress, media };
}

export function slimInviteFacts(facts: SipFacts): SipFacts {
  const slim: { -readonly [K in keyof SipFacts]: SipFacts[K] } = {
    kind: facts.kind, vias: NONE, contacts: NONE, recordRoutes: NONE, routes: NONE, reasons: NONE, bodyLength: facts.bodyLength,
  };
  if (facts.method !== undefined) slim.method = detachString(facts.method);
  if (facts.requestUri !== undefined) slim.requestUri = detachString(facts.requestUri);
  const from = slimNameAddr(facts.from);
  if (from !== undefined) slim.from = from;
  const to = slimNameAddr(facts.to);
  if (to !== undefined) slim.to = to;
  const sdp = slimSdp(facts.sdp);
  if (sdp !== undefined) slim.sdp = sdp;
  return slim;
}
