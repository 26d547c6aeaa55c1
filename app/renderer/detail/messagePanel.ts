/**
 * Message detail: the raw text highlighted (segments → spans, textContent only), the parsed header list
 * with compact forms expanded (RFC 3261 §7.3.3), the SDP summary (RFC 8866: media, addresses, codecs,
 * direction), the issues on this message, and a diff against a pinned message.
 */
import type { MessageDetail } from '../../shared/apiTypes.ts';
import { append, clear, el, visibleNodes, visibleText } from '../dom.ts';
import { diffLines, splitLines } from './lineDiff.ts';
import { highlightSipText } from './rawHighlight.ts';

type Tab = 'raw' | 'headers' | 'sdp' | 'issues' | 'diff';
const TABS: readonly [Tab, string][] = [['raw', 'Raw'], ['headers', 'Headers'], ['sdp', 'SDP'], ['issues', 'Issues'], ['diff', 'Compare']];

export class MessagePanel {
  private tab: Tab = 'raw';
  private detail: MessageDetail | undefined;
  private pinned: MessageDetail | undefined;
  private readonly body: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly tabButtons = new Map<Tab, HTMLButtonElement>();

  constructor(root: HTMLElement) {
    this.summary = el('div', { class: 'msg-summary' });
    const tabs = el('div', { class: 'tabs small', role: 'tablist', 'aria-label': 'Message detail' });
    for (const [tab, label] of TABS) {
      const b = el('button', { type: 'button', role: 'tab', 'data-tab': tab, id: `msg-tab-${tab}`, 'aria-controls': 'msg-tab-body' }, label);
      b.addEventListener('click', () => this.show(tab));
      this.tabButtons.set(tab, b);
      tabs.appendChild(b);
    }
    this.body = el('div', { class: 'msg-body', id: 'msg-tab-body', role: 'tabpanel', tabindex: 0 });
    clear(root);
    root.append(el('h3', { class: 'panel-title' }, 'Message'), this.summary, tabs, this.body);
    this.render();
  }

  setMessage(detail: MessageDetail | undefined): void {
    this.detail = detail;
    this.render();
  }

  show(tab: Tab): void {
    this.tab = tab;
    this.render();
  }

  private render(): void {
    for (const [tab, b] of this.tabButtons) {
      b.setAttribute('aria-selected', String(tab === this.tab));
      b.tabIndex = tab === this.tab ? 0 : -1;
    }
    const d = this.detail;
    clear(this.summary);
    clear(this.body);
    if (d === undefined) {
      this.body.appendChild(el('p', { class: 'muted' }, 'Select a message in the ladder (↑/↓ or click).'));
      return;
    }
    append(this.summary,
      el('span', {}, `frame ${d.frame}`), el('span', {}, d.time), el('span', {}, d.transport.toUpperCase()),
      el('span', {}, `${d.src} → ${d.dst}`), d.encapsulation.length ? el('span', {}, d.encapsulation.join(' / ')) : null,
      d.retransmissionOf >= 0 ? el('span', { class: 'warn' }, 'retransmission') : null,
    );
    const issuesButton = this.tabButtons.get('issues')!;
    issuesButton.textContent = d.issues.length ? `Issues (${d.issues.length})` : 'Issues';
    if (this.tab === 'raw') this.renderRaw(d);
    else if (this.tab === 'headers') this.renderHeaders(d);
    else if (this.tab === 'sdp') this.renderSdp(d);
    else if (this.tab === 'issues') this.renderIssues(d);
    else this.renderDiff(d);
  }

  private renderRaw(d: MessageDetail): void {
    if (d.rawNote) this.body.appendChild(el('p', { class: 'note' }, d.rawNote));
    if (d.raw === null) return;
    const { lines, truncated } = highlightSipText(d.raw, d.bodyOffset);
    const pre = el('pre', { class: 'raw', 'aria-label': 'Raw message text' });
    const fragment = document.createDocumentFragment();
    for (const line of lines) {
      const lineEl = el('span', { class: 'line' });
      for (const seg of line) {
        const span = seg.cls ? lineEl.appendChild(el('span', { class: seg.cls })) : lineEl;
        visibleNodes(seg.text, span);
      }
      lineEl.appendChild(document.createTextNode('\n'));
      fragment.appendChild(lineEl);
    }
    pre.appendChild(fragment);
    this.body.appendChild(pre);
    if (truncated) this.body.appendChild(el('p', { class: 'note' }, 'Only the first 5000 lines are shown.'));
  }

  private renderHeaders(d: MessageDetail): void {
    const table = el('table', { class: 'headers', 'aria-label': 'Parsed headers' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Header'), el('th', { scope: 'col' }, 'Value'))));
    const tbody = el('tbody');
    tbody.appendChild(el('tr', { class: 'start' }, el('th', { scope: 'row' }, d.request ? 'Request-Line' : 'Status-Line'), el('td', {}, visibleText(d.startLine))));
    for (const h of d.headers) {
      const name = h.compact ? `${h.name} → ${canonicalTitle(h.canonicalName)}` : h.name;
      tbody.appendChild(el('tr', { class: h.compact ? 'compact' : '' }, el('th', { scope: 'row' }, visibleText(name)), el('td', {}, visibleText(h.value))));
    }
    table.appendChild(tbody);
    this.body.appendChild(d.headers.length ? table : el('p', { class: 'muted' }, 'No header list (raw text not kept).'));
  }

  private renderSdp(d: MessageDetail): void {
    if (d.sdp === null) {
      this.body.appendChild(el('p', { class: 'muted' }, 'No SDP body.'));
      return;
    }
    if (d.sdp.connectionAddress) this.body.appendChild(el('p', {}, 'Session connection address: ', el('code', {}, visibleText(d.sdp.connectionAddress))));
    const table = el('table', { class: 'sdp', 'aria-label': 'SDP media' },
      el('thead', {}, el('tr', {}, ...['Media', 'Address', 'Port', 'Protocol', 'Codecs', 'Direction'].map((t) => el('th', { scope: 'col' }, t)))));
    const tbody = el('tbody');
    for (const m of d.sdp.media) {
      tbody.appendChild(el('tr', {}, ...[m.type, m.connectionAddress ?? d.sdp.connectionAddress ?? '', String(m.port), m.protocol, m.codecs.join(', '), m.direction]
        .map((t) => el('td', {}, visibleText(t)))));
    }
    table.appendChild(tbody);
    this.body.appendChild(table);
  }

  private renderIssues(d: MessageDetail): void {
    if (d.issues.length === 0) {
      this.body.appendChild(el('p', { class: 'muted' }, 'No issues on this message.'));
      return;
    }
    const list = el('ul', { class: 'issue-list' });
    for (const i of d.issues) {
      list.appendChild(el('li', { class: `sev-${i.severity === 'error' || i.severity === 'warning' ? i.severity : 'info'}` },
        el('code', {}, visibleText(i.code)), ' ', visibleText(i.message), i.value !== null ? el('span', { class: 'value' }, ` (${visibleText(i.value)})`) : null));
    }
    this.body.appendChild(list);
  }

  private renderDiff(d: MessageDetail): void {
    const pin = el('button', { type: 'button' }, this.pinned?.index === d.index ? 'Pinned' : 'Pin this message as A');
    pin.addEventListener('click', () => {
      this.pinned = d;
      this.render();
    });
    this.body.appendChild(el('p', {}, pin, this.pinned ? ` A = frame ${this.pinned.frame}, B = frame ${d.frame}` : ' then select another message to compare.'));
    const a = this.pinned;
    if (a === undefined || a.index === d.index || a.raw === null || d.raw === null) return;
    const pre = el('pre', { class: 'raw diff', 'aria-label': 'Differences between A and B' });
    for (const op of diffLines(splitLines(a.raw), splitLines(d.raw))) {
      const sign = op.kind === 'same' ? '  ' : op.kind === 'removed' ? '- ' : '+ ';
      pre.appendChild(el('span', { class: `line ${op.kind}` }, visibleText(sign + op.text) + '\n'));
    }
    this.body.appendChild(pre);
  }
}

function canonicalTitle(name: string): string {
  return name.split('-').map((w) => (w === 'id' ? 'ID' : w.charAt(0).toUpperCase() + w.slice(1))).join('-');
}
