/**
 * What the hop did to a message, from its hop annotation (correlate/hopAnnotation.ts): a proxy's copy of a
 * request (§16.6: Via pushed, Max-Forwards, Request-URI, Record-Route, Route consumed §16.4), a relayed
 * response (§16.7 step 3: Via popped), and the NAT evidence on a request (received §18.2.1, rport RFC 3581).
 * Each line appears exactly where the annotation says so — the golden-scenario tests hold it to that.
 */
import { formatEndpoint } from '../../shared/endpoint.ts';
import type { HopAnnotation } from '../../correlate/model.ts';
import type { MessageRecord } from '../../sip/messageRecord.ts';
import { line, type ExplanationLine } from './explanation.ts';

export function explainRequestHop(record: MessageRecord, hop: HopAnnotation, out: ExplanationLine[]): void {
  if (hop.counterpart >= 0) {
    if (hop.pushedVia !== undefined) out.push(line('hop.viaPushed', { vias: hop.viaStack.length }));
    if (hop.maxForwardsBefore !== undefined && hop.maxForwardsAfter !== undefined) {
      out.push(line('hop.maxForwards', { before: hop.maxForwardsBefore, after: hop.maxForwardsAfter }));
    }
    if (hop.requestUriBefore !== undefined && hop.requestUriAfter !== undefined && hop.requestUriBefore !== hop.requestUriAfter) {
      out.push(line('hop.requestUriRewritten', { before: hop.requestUriBefore, after: hop.requestUriAfter }));
    }
  }
  if (hop.routeConsumed !== undefined) out.push(line(hop.strictRouting ? 'hop.routeConsumedStrict' : 'hop.routeConsumed', { route: hop.routeConsumed }));
  if (hop.recordRouteAdded.length > 0) out.push(line('hop.recordRouteAdded', { entries: hop.recordRouteAdded.join(', ') }));
  if (record.facts.maxForwards === 0) out.push(line('request.maxForwardsZero'));
  const via = record.facts.vias[0];
  const sentBy = via === undefined ? '?' : via.port === undefined ? via.host : formatEndpoint({ ip: via.host, port: via.port });
  if (hop.received !== undefined) {
    out.push(line('hop.received', { received: hop.received }));
    if (via !== undefined && !isIpLiteral(via.host)) out.push(line('hop.sentByHostname', { sentBy: via.host }));
  }
  if (typeof hop.rport === 'number') out.push(line('hop.rport', { rport: hop.rport }));
  if (hop.sentByMismatch) out.push(line('hop.sentByMismatch', { sentBy, source: formatEndpoint(record.src) }));
}

function isIpLiteral(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
}

export function explainResponseHop(hop: HopAnnotation, out: ExplanationLine[]): void {
  if (hop.poppedVia !== undefined) out.push(line('hop.viaPopped'));
}
