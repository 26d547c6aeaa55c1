/**
 * The hop annotation of the current message, in the classroom's language: the Via its sender pushed
 * (RFC 3261 §16.6 (8)) or popped on the way back (§16.7 (3)), received/rport (§18.2.1, RFC 3581),
 * Max-Forwards before → after, a retargeted Request-URI, Record-Route entries added (§16.6 (4)) and the
 * Route entry consumed (§16.4). Header names carry the glossary's hover help.
 */
import type { Locale } from '../../../core/src/explain/i18n/locale.ts';
import type { MessageDetail, StepView } from '../../shared/ipcContract.ts';
import { el, visibleText } from '../dom.ts';
import { appendWithGlossary, glossWord } from './glossaryTip.ts';
import { uiText } from './i18n/uiText.ts';

function item(text: string, ...code: (string | undefined)[]): HTMLLIElement {
  const li = el('li', {});
  appendWithGlossary(li, text);
  for (const c of code) if (c !== undefined && c !== '') li.appendChild(el('code', {}, visibleText(c)));
  return li;
}

export function renderHop(root: HTMLElement, detail: MessageDetail | undefined, step: StepView, locale: Locale): void {
  root.replaceChildren(el('h3', {}, uiText(locale, 'hop.title')));
  if (detail === undefined) {
    root.appendChild(el('p', { class: 'muted' }, uiText(locale, 'hop.loading')));
    return;
  }
  const hop = detail.hop;
  if (hop === null) {
    root.appendChild(el('p', { class: 'muted' }, uiText(locale, 'hop.unavailable')));
    return;
  }
  // The server of this hop writes received/rport; the sender pushed (or popped) the Via.
  const sender = step.from;
  const server = detail.request ? step.to : step.from;
  const list = el('ul', { class: 'hop-facts' });
  if (detail.request && hop.pushedVia !== undefined) list.appendChild(item(uiText(locale, 'hop.viaPushed', { node: sender }), hop.pushedVia));
  if (!detail.request && hop.poppedVia !== undefined) list.appendChild(item(uiText(locale, 'hop.viaPopped', { node: sender }), hop.poppedVia));
  const nat = [hop.received !== undefined ? `received=${hop.received}` : '', typeof hop.rport === 'number' ? `rport=${hop.rport}` : ''].filter(Boolean).join(';');
  if (nat !== '') list.appendChild(item(uiText(locale, 'hop.natParams', { params: nat, node: server })));
  if (hop.sentByMismatch) list.appendChild(el('li', { class: 'warn' }, uiText(locale, 'hop.sentByMismatch')));
  if (hop.maxForwardsBefore !== undefined && hop.maxForwardsAfter !== undefined && hop.maxForwardsBefore !== hop.maxForwardsAfter) {
    list.appendChild(item(uiText(locale, 'hop.maxForwards', { before: hop.maxForwardsBefore, after: hop.maxForwardsAfter })));
  }
  if (hop.requestUriBefore !== undefined && hop.requestUriAfter !== undefined && hop.requestUriBefore !== hop.requestUriAfter) {
    list.appendChild(item(uiText(locale, 'hop.requestUri', { before: visibleText(hop.requestUriBefore), after: visibleText(hop.requestUriAfter) })));
  }
  for (const rr of hop.recordRouteAdded) list.appendChild(item(uiText(locale, 'hop.recordRouteAdded', { node: sender }), rr));
  if (hop.routeConsumed !== undefined) {
    const strict = hop.strictRouting ? ` (${uiText(locale, 'hop.strictRouting')})` : '';
    list.appendChild(item(uiText(locale, 'hop.routeConsumed', { node: sender }) + strict, hop.routeConsumed));
  }
  root.appendChild(list.childElementCount > 0 ? list : el('p', { class: 'muted' }, uiText(locale, 'hop.nothing')));

  const stack = el('ol', { class: 'hop-vias' });
  hop.viaStack.forEach((via, i) => {
    const pushed = i === 0 && detail.request && hop.pushedVia !== undefined;
    stack.appendChild(el('li', { class: pushed ? 'pushed' : '' }, el('code', {}, visibleText(via))));
  });
  if (hop.viaStack.length > 0) root.append(el('h4', {}, glossWord('Via', uiText(locale, 'hop.viaStack'))), stack);
  const sets: [string, string[]][] = [['Record-Route', detail.recordRoutes], ['Route', detail.routes]];
  for (const [name, entries] of sets) {
    if (entries.length === 0) continue;
    const ol = el('ol', { class: 'hop-routes' });
    for (const entry of entries) ol.appendChild(el('li', { class: hop.recordRouteAdded.includes(entry) && name === 'Record-Route' ? 'added' : '' }, el('code', {}, visibleText(entry))));
    root.append(el('h4', {}, glossWord(name)), ol);
  }
}
