/**
 * A hop annotation as lines of text, the way a teacher would point at it (RFC 3261 §16.6 request
 * forwarding, §16.7 response processing, §18.2.1 received, RFC 3581 rport): the Via stack with the
 * entry this hop pushed (requests) or the one the sender popped (responses), Max-Forwards before → after,
 * Record-Route entries added, the Route consumed and the rest, a rewritten Request-URI, received/rport.
 */
import type { HopAnnotation } from '../../correlate/model.ts';
import { visibleText } from './visibleText.ts';

export interface HopNoteOptions {
  /** Every Via entry (default) or only the pushed/popped one. */
  readonly viaStack?: boolean;
}

export function hopNoteLines(hop: HopAnnotation, kind: 'request' | 'response', options: HopNoteOptions = {}): string[] {
  const lines: string[] = [];
  const full = options.viaStack ?? true;
  if (kind === 'response' && hop.poppedVia !== undefined) lines.push(`− Via: ${visibleText(hop.poppedVia)} (popped)`);
  hop.viaStack.forEach((via, i) => {
    const pushed = kind === 'request' && i === 0 && hop.pushedVia === via;
    if (pushed) lines.push(`+ Via: ${visibleText(via)}`);
    else if (full) lines.push(`  Via: ${visibleText(via)}`);
  });
  if (hop.maxForwardsAfter !== undefined) {
    lines.push(hop.maxForwardsBefore !== undefined
      ? `Max-Forwards: ${hop.maxForwardsBefore} → ${hop.maxForwardsAfter}`
      : `Max-Forwards: ${hop.maxForwardsAfter}`);
  }
  for (const rr of hop.recordRouteAdded) lines.push(`+ Record-Route: ${visibleText(rr)}`);
  if (hop.routeConsumed !== undefined) {
    lines.push(`− Route: ${visibleText(hop.routeConsumed)} (consumed${hop.strictRouting ? ', strict routing' : ''})`);
  }
  for (const route of hop.routes) lines.push(`  Route: ${visibleText(route)}`);
  if (hop.requestUriBefore !== undefined || hop.requestUriAfter !== undefined) {
    lines.push(`Request-URI: ${visibleText(hop.requestUriBefore ?? '?')} → ${visibleText(hop.requestUriAfter ?? '?')}`);
  }
  // §18.2.1 / RFC 3581: the receiver writes the source it saw into the sender's Via.
  const seen: string[] = [];
  if (hop.received !== undefined) seen.push(`received=${visibleText(hop.received)}`);
  if (hop.rport !== undefined) seen.push(hop.rport === null ? 'rport (asked for)' : `rport=${hop.rport}`);
  if (seen.length > 0) lines.push(`Receiver noted: ${seen.join(', ')}`);
  if (hop.sentByMismatch) lines.push('sent-by ≠ source address (NAT?)');
  return lines;
}
