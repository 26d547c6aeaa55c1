/**
 * Hover help for header names everywhere in the app (the message detail's header list and raw text, the
 * hop panels, the classroom's explanations): one tooltip element, filled with textContent from the
 * glossary (getGlossary, cached per language), shown under the name after a short delay, also on focus.
 */
import type { GlossaryView, Locale } from '../../shared/ipcContract.ts';
import type { RendererApi } from '../api/rendererApi.ts';
import { append, el } from '../dom.ts';
import { glossaryNameFromText, glossaryPieces } from './glossaryText.ts';

/** Elements whose text is a header (or parameter) name. `.gloss` carries the name in data-key. */
export const GLOSSARY_TARGETS = [
  '.gloss', 'pre.raw .hn', 'pre.raw .param', 'table.headers tbody th[scope="row"]', '.hop-panel .hop-section h4', '.hop-panel .nat-param',
].join(', ');

const SHOW_DELAY_MS = 250;
const TIP_ID = 'glossary-tip';

/** A sentence as text nodes, its header names as focusable .gloss spans (textContent only). */
export function appendWithGlossary(parent: HTMLElement, text: string): void {
  for (const piece of glossaryPieces(text)) {
    append(parent, piece.term === undefined ? piece.text : el('span', { class: 'gloss', 'data-key': piece.term, tabindex: 0 }, piece.text));
  }
}

/** A header name shown as-is, with hover help. */
export function glossWord(name: string, text = name): HTMLSpanElement {
  return el('span', { class: 'gloss', 'data-key': name, tabindex: 0 }, text);
}

export class GlossaryTip {
  private readonly tip: HTMLElement;
  private readonly cache = new Map<string, Promise<GlossaryView | null>>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private target: Element | undefined;

  constructor(private readonly api: Pick<RendererApi, 'getGlossary'>, private readonly locale: () => Locale, private readonly doc: Document = document) {
    this.tip = el('div', { id: TIP_ID, class: 'glossary-tip', role: 'tooltip', hidden: true });
    doc.body.appendChild(this.tip);
    doc.addEventListener('mouseover', (e) => this.enter(e.target));
    doc.addEventListener('focusin', (e) => this.enter(e.target));
    doc.addEventListener('mouseout', (e) => this.leave(e.target, (e as MouseEvent).relatedTarget));
    doc.addEventListener('focusout', (e) => this.leave(e.target, null));
    doc.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.hide();
    });
    doc.addEventListener('scroll', () => this.hide(), { capture: true, passive: true });
  }

  /** The name an element stands for, when it is one of the glossary targets. */
  static nameOf(element: Element): string | undefined {
    const key = element.getAttribute('data-key');
    if (element.classList.contains('gloss') && key) return key;
    return glossaryNameFromText(element.textContent ?? '');
  }

  private enter(node: EventTarget | null): void {
    const target = node instanceof Element ? node.closest(GLOSSARY_TARGETS) : null;
    if (target === null || target === this.target) return;
    this.hide();
    const name = GlossaryTip.nameOf(target);
    if (name === undefined) return;
    this.target = target;
    this.timer = setTimeout(() => void this.show(target, name), SHOW_DELAY_MS);
  }

  private leave(node: EventTarget | null, to: EventTarget | null): void {
    if (this.target === undefined || !(node instanceof Node) || !this.target.contains(node)) return;
    if (to instanceof Node && this.target.contains(to)) return;
    this.hide();
  }

  private lookup(name: string): Promise<GlossaryView | null> {
    const key = `${this.locale()}\u0000${name}`;
    let entry = this.cache.get(key);
    if (entry === undefined) {
      entry = this.api.getGlossary(name.slice(0, 80), this.locale()).catch(() => null);
      this.cache.set(key, entry);
    }
    return entry;
  }

  private async show(target: Element, name: string): Promise<void> {
    const entry = await this.lookup(name);
    if (entry === null || this.target !== target || !target.isConnected) return;
    const tip = this.tip;
    tip.replaceChildren(
      el('div', { class: 'glossary-term' }, el('strong', {}, entry.term), entry.compact ? el('span', { class: 'muted' }, ` (${entry.compact})`) : null),
      el('p', {}, entry.text),
      el('p', { class: 'glossary-ref' }, entry.ref),
    );
    tip.hidden = false;
    target.setAttribute('aria-describedby', TIP_ID);
    const box = target.getBoundingClientRect();
    const view = this.doc.documentElement;
    const width = tip.offsetWidth;
    const height = tip.offsetHeight;
    const left = Math.max(4, Math.min(box.left, view.clientWidth - width - 4));
    const below = box.bottom + 6;
    const top = below + height > view.clientHeight - 4 ? Math.max(4, box.top - height - 6) : below;
    // CSSOM positioning: allowed by the CSP (style-src 'self' forbids style attributes in markup, not this).
    tip.style.left = `${Math.round(left)}px`;
    tip.style.top = `${Math.round(top)}px`;
  }

  hide(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.target?.removeAttribute('aria-describedby');
    this.target = undefined;
    this.tip.hidden = true;
  }
}
