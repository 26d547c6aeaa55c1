/**
 * Per-message evidence about which addresses belong to one SIP entity and what it is: the Via sent-by a
 * sender writes (RFC 3261 §18.1.1), the Contact a UA advertises for itself (§8.1.1.8), the Record-Route
 * entry a proxy inserts (§16.6 step 4), the User-Agent/Server product tokens (§20.41, §20.35).
 */
import type { MessageRecord } from '../sip/messageRecord.ts';
import type { NameAddrFacts } from '../sip/sipFacts.ts';
import type { HopLink } from './hopLinker.ts';
import type { NodeBook } from './nodeBook.ts';
import { defaultSipPort } from './transactionKey.ts';
import type { Tracked } from './transactionTracker.ts';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function endpointName(host: string, port: number): string | undefined {
  if (IPV4.test(host)) return `${host}:${port}`;
  if (host.includes(':')) return `[${host.toLowerCase()}]:${port}`;
  return undefined;
}

function uriEndpoint(addr: NameAddrFacts): string | undefined {
  if (addr.host === undefined) return undefined;
  const secure = addr.uri.toLowerCase().startsWith('sips:') || addr.uriParameters['transport']?.toLowerCase() === 'tls';
  return endpointName(addr.host, addr.port ?? (secure ? 5061 : 5060));
}

export function observeNodeEvidence(nodes: NodeBook, record: MessageRecord, src: string, tracked: Tracked, hop: HopLink): void {
  const facts = record.facts;
  const product = facts.kind === 'request' ? facts.userAgent : facts.server ?? facts.userAgent;
  if (product !== undefined) nodes.userAgent(src, product);
  if (!tracked.distinct) return;
  const index = record.index;
  if (facts.kind === 'request') {
    const top = facts.vias[0];
    if (top !== undefined) {
      const sentBy = endpointName(top.host, top.port ?? defaultSipPort(top.transport));
      if (sentBy === undefined) nodes.hostname(src, top.host);
      else nodes.merge(src, sentBy, 'via-sent-by', () => `${facts.method} from ${src} names ${sentBy} in its Via`, index);
    }
    // Only a request that has not been forwarded yet carries its sender's own Contact.
    const contact = facts.vias.length === 1 ? facts.contacts[0] : undefined;
    const contactEndpoint = contact && uriEndpoint(contact);
    if (contactEndpoint !== undefined) nodes.merge(src, contactEndpoint, 'contact', () => `${facts.method} from ${src} has Contact ${contact!.uri}`, index);
    if (tracked.created && tracked.runtime?.parent === undefined && facts.vias.length === 1 && facts.method !== 'ACK' && facts.method !== 'CANCEL') {
      nodes.role(src, 'ua', 'originates requests', () => `${facts.method} with a single Via`, index);
    }
    // Record-Route entries this hop added on top of the upstream copy's (§16.6 step 4) name the proxy.
    const added = hop.upstream === undefined ? 0 : facts.recordRoutes.length - hop.upstream.recordRoutes;
    for (let i = 0; i < added; i++) {
      const entry = facts.recordRoutes[i]!;
      const at = uriEndpoint(entry);
      if (at !== undefined) nodes.merge(src, at, 'record-route', () => `${src} inserts Record-Route ${entry.uri}`, index);
      else if (entry.host !== undefined) nodes.hostname(src, entry.host);
    }
    return;
  }
  // A response's Contact is its sender's own only when the sender generated it (not forwarded), and
  // neither a registrar's binding list nor a redirect target list.
  const status = facts.statusCode ?? 0;
  const generated = hop.generated;
  if (generated && facts.cseqMethod !== 'REGISTER' && (status < 300 || status >= 400)) {
    const contact = facts.contacts[0];
    const at = contact && uriEndpoint(contact);
    if (at !== undefined) nodes.merge(src, at, 'contact', () => `${status} from ${src} has Contact ${contact!.uri}`, index);
  }
}
