/**
 * The only way the renderer builds DOM: elements, text nodes and a short allow-list of attributes.
 * Capture content is hostile, so nothing here parses HTML — text goes in through textContent, and
 * attributes that could run or load something (on*, href, src, style, srcdoc…) cannot be set at all.
 */
const SAFE_ATTRIBUTES = new Set([
  'id', 'class', 'type', 'value', 'placeholder', 'title', 'role', 'tabindex', 'for', 'name', 'min', 'max', 'step',
  'accept', 'disabled', 'checked', 'selected', 'hidden', 'spellcheck', 'autocomplete', 'colspan', 'scope', 'data-key',
  'data-index', 'data-column', 'data-tab', 'data-theme', 'viewBox', 'width', 'height', 'x', 'y', 'dx', 'dy',
]);

export type Attrs = Readonly<Record<string, string | number | boolean | undefined>>;

export function isSafeAttribute(name: string): boolean {
  return SAFE_ATTRIBUTES.has(name) || name.startsWith('aria-');
}

export function setAttrs(node: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (!isSafeAttribute(name)) throw new Error(`refusing to set attribute '${name}'`);
    node.setAttribute(name, value === true ? '' : String(value));
  }
}

export type Child = Node | string | number | null | undefined | false;

/** `el('td', { class: 'x' }, 'text', otherNode)`: strings become text nodes, never markup. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

export function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (node === null) throw new Error(`missing #${id}`);
  return node as T;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Capture text made visible: control characters (NUL, ESC…) written as \xHH escapes instead of being swallowed. */
export function visibleText(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** The same as text nodes, each escape in a span.ctl so it cannot be mistaken for the characters "\x00". */
export function visibleNodes(text: string, into: Node): void {
  let last = 0;
  for (const m of text.matchAll(CONTROL)) {
    if (m.index > last) into.appendChild(document.createTextNode(text.slice(last, m.index)));
    into.appendChild(el('span', { class: 'ctl', title: 'control character' }, `\\x${m[0].charCodeAt(0).toString(16).padStart(2, '0')}`));
    last = m.index + 1;
  }
  if (last < text.length) into.appendChild(document.createTextNode(text.slice(last)));
}
