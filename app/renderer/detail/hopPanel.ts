/**
 * Hop annotations for the selected message — what this hop did (RFC 3261 §16.6 request forwarding,
 * §16.7 response processing, §18.2.1 received, RFC 3581 rport): the Via stack with the entry pushed here
 * (or popped on the way back) marked, who wrote received/rport, Max-Forwards before and after, the
 * Record-Route set with the entries added here, the Route set with the one consumed, and the copies of
 * the same message on the other hops.
 */
import type { MessageDetail } from '../../shared/apiTypes.ts';
import { clear, el, visibleText } from '../dom.ts';

export interface HopPanelContext {
  /** "frame 3: 192.0.2.2 → 192.0.2.3" for a copy. */
  describe(index: number): string;
  select(index: number): void;
}

const VIA_PARAM = /(;\s*(?:received|rport)(?:=[^;,\s]*)?)/i;

function viaEntry(raw: string, marks: string[], cls: string): HTMLLIElement {
  const text = el('span', { class: 'via-text' });
  for (const part of raw.split(VIA_PARAM)) {
    if (part === '') continue;
    text.appendChild(el('span', { class: VIA_PARAM.test(part) && part.startsWith(';') ? 'nat-param' : '' }, visibleText(part)));
  }
  return el('li', { class: `via ${cls}` }, text, ...marks.map((m) => el('span', { class: 'mark' }, m)));
}

function section(title: string, ...body: (Node | string | null)[]): HTMLElement {
  return el('section', { class: 'hop-section', 'aria-label': title }, el('h4', {}, title), ...body);
}

export function renderHopPanel(root: HTMLElement, d: MessageDetail, ctx: HopPanelContext): void {
  clear(root);
  const hop = d.hop;
  const request = d.request;
  root.appendChild(el('h3', { class: 'panel-title' }, `Hop: ${d.srcName} → ${d.dstName}`,
    hop ? el('span', { class: 'depth' }, ` depth ${hop.depth}`) : null));
  if (hop === null) {
    root.appendChild(el('p', { class: 'muted' }, 'Hop annotations appear when the capture has been correlated.'));
    return;
  }
  const server = request ? d.dstName : d.srcName;

  const vias = el('ol', { class: 'via-stack', 'aria-label': 'Via stack, top first' });
  if (hop.poppedVia !== undefined) vias.appendChild(viaEntry(hop.poppedVia, [`popped by ${d.srcName} (§16.7)`], 'popped'));
  hop.viaStack.forEach((raw, i) => {
    const marks: string[] = [];
    let cls = '';
    if (i === 0 && request && hop.pushedVia !== undefined) {
      marks.push(`pushed here by ${d.srcName}`);
      cls = 'pushed';
    }
    if (VIA_PARAM.test(raw)) marks.push(i === 0 && !request ? `received/rport written by ${server}` : 'received/rport written by the next hop');
    vias.appendChild(viaEntry(raw, marks, cls));
  });
  root.appendChild(section('Via stack', vias));

  const nat: (Node | string)[] = [];
  if (hop.received !== undefined || (hop.rport !== undefined && hop.rport !== null)) {
    const parts = [hop.received !== undefined ? `received=${hop.received}` : '', typeof hop.rport === 'number' ? `rport=${hop.rport}` : ''].filter(Boolean).join(' ');
    nat.push(el('p', {}, el('code', {}, visibleText(parts)), ` written by ${server} (the server of this hop)${request ? ', seen in its responses' : ''}`));
  }
  if (hop.sentByMismatch) nat.push(el('p', { class: 'warn' }, 'The top Via sent-by differs from the packet source (NAT or a multi-homed host).'));
  if (nat.length) root.appendChild(section('NAT markers', ...nat));

  const mf = hop.maxForwardsBefore !== undefined && hop.maxForwardsAfter !== undefined
    ? `${hop.maxForwardsBefore} → ${hop.maxForwardsAfter}${hop.maxForwardsBefore - hop.maxForwardsAfter === 1 ? ` (decremented by ${d.srcName})` : ''}`
    : hop.maxForwardsAfter !== undefined ? String(hop.maxForwardsAfter) : null;
  if (mf !== null) root.appendChild(section('Max-Forwards', el('p', { class: 'max-forwards' }, mf)));
  if (hop.requestUriBefore !== undefined || hop.requestUriAfter !== undefined) {
    root.appendChild(section('Request-URI', el('p', {}, el('code', {}, visibleText(hop.requestUriBefore ?? '?')), ' → ', el('code', {}, visibleText(hop.requestUriAfter ?? '?')))));
  }

  if (d.recordRoutes.length > 0) {
    const list = el('ol', { class: 'route-list', 'aria-label': 'Record-Route set' });
    for (const rr of d.recordRoutes) {
      const added = hop.recordRouteAdded.includes(rr);
      list.appendChild(el('li', { class: added ? 'added' : '' }, el('code', {}, visibleText(rr)), added ? el('span', { class: 'mark' }, `added by ${d.srcName}`) : null));
    }
    root.appendChild(section('Record-Route', list));
  }
  if (d.routes.length > 0 || hop.routeConsumed !== undefined) {
    const list = el('ol', { class: 'route-list', 'aria-label': 'Route set' });
    if (hop.routeConsumed !== undefined) {
      list.appendChild(el('li', { class: 'consumed' }, el('code', {}, visibleText(hop.routeConsumed)),
        el('span', { class: 'mark' }, `consumed by ${d.srcName}${hop.strictRouting ? ' (strict routing)' : ''}`)));
    }
    for (const r of d.routes) list.appendChild(el('li', {}, el('code', {}, visibleText(r))));
    root.appendChild(section('Route', list));
  }

  const copies = el('ul', { class: 'copies', 'aria-label': 'Copies on other hops' });
  for (const index of d.copies) {
    const b = el('button', { type: 'button', class: 'link' }, ctx.describe(index));
    b.addEventListener('click', () => ctx.select(index));
    copies.appendChild(el('li', {}, b));
  }
  root.appendChild(section(`Same ${request ? 'request' : 'response'} on other hops (${d.copies.length})`, d.copies.length ? copies : el('p', { class: 'muted' }, 'none captured')));
}
