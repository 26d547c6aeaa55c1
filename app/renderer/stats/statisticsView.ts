/**
 * Statistics: methods, response codes and call outcomes as bar charts, post-dial delay and setup time
 * histograms (RFC 6076 §4), and every issue grouped by code — each example jumps to its message.
 */
import type { Statistics } from '../../shared/apiTypes.ts';
import type { RendererApi } from '../api/rendererApi.ts';
import { clear, el, visibleText } from '../dom.ts';
import { barChart, histogram, type Bar } from './charts.ts';

export interface StatisticsEvents {
  jump(index: number): void;
  error(message: string): void;
}

function bars(counts: Record<string, number>, cls: (key: string) => string, byKey = false): Bar[] {
  const entries = Object.entries(counts);
  entries.sort(byKey ? (a, b) => (a[0] < b[0] ? -1 : 1) : (a, b) => b[1] - a[1]);
  return entries.map(([label, value]) => ({ label, value, cls: cls(label) }));
}

export class StatisticsView {
  private seq = 0;

  constructor(private readonly root: HTMLElement, private readonly api: RendererApi, private readonly events: StatisticsEvents) {
    clear(root);
    root.appendChild(el('p', { class: 'muted' }, 'Open a capture to see its statistics.'));
  }

  async refresh(): Promise<void> {
    const seq = ++this.seq;
    let stats: Statistics;
    try {
      stats = await this.api.getStatistics();
    } catch (error) {
      this.events.error((error as Error).message);
      return;
    }
    if (seq === this.seq) this.render(stats);
  }

  private render(s: Statistics): void {
    clear(this.root);
    const summary = el('div', { class: 'stat-summary', role: 'group', 'aria-label': 'Totals' });
    for (const [k, v] of [['SIP messages', s.messages], ['requests', s.requests], ['responses', s.responses], [s.final ? 'calls' : 'Call-IDs so far', s.calls]] as const) {
      summary.appendChild(el('div', { class: 'stat' }, el('span', { class: 'stat-label' }, k), el('span', { class: 'stat-value' }, v.toLocaleString('en'))));
    }
    this.root.appendChild(summary);
    const grid = el('div', { class: 'chart-grid' });
    this.root.appendChild(grid);
    const card = (title: string): [HTMLElement, number] => {
      const c = el('figure', { class: 'chart-card' }, el('figcaption', {}, title));
      grid.appendChild(c);
      return [c, Math.max(320, Math.min(900, c.clientWidth - 24))];
    };
    const calls = (n: number): string => `${n.toLocaleString('en')} call${n === 1 ? '' : 's'}`;
    barChart(...card('Requests by method'), 'Requests by method', bars(s.methods, () => 'method'));
    barChart(...card('Responses by status code'), 'Responses by status code', bars(s.statusCodes, (k) => `s${k.charAt(0)}xx`, true));
    barChart(...card('Call outcomes'), 'Call outcomes', bars(s.outcomes, (k) => `o-${k.replace(/[^A-Za-z]/g, '')}`));
    histogram(...card(`Post-dial delay (${calls(s.pddMs.length)})`), 'Post-dial delay histogram', s.pddMs, 'ms');
    histogram(...card(`Session setup time (${calls(s.setupMs.length)})`), 'Setup time histogram', s.setupMs, 'ms');
    this.root.appendChild(this.issues(s));
  }

  private issues(s: Statistics): HTMLElement {
    const section = el('section', { class: 'issues-panel', 'aria-label': 'Issues by code' }, el('h3', {}, `Issues (${s.issues.reduce((n, g) => n + g.count, 0)})`));
    if (s.issues.length === 0) {
      section.appendChild(el('p', { class: 'muted' }, 'No issues found.'));
      return section;
    }
    for (const g of s.issues) {
      const list = el('ul', { class: 'issue-examples' });
      for (const ex of g.examples) {
        const where = ex.frame !== null ? `frame ${ex.frame}` : 'capture';
        const detail = ex.message !== g.summary ? visibleText(ex.message) : '';
        const value = ex.value !== null ? el('code', { class: 'value' }, visibleText(ex.value)) : null;
        if (ex.index >= 0) {
          const b = el('button', { type: 'button', class: 'link', 'aria-label': `Show message ${ex.index} (${where})` }, where);
          b.addEventListener('click', () => this.events.jump(ex.index));
          list.appendChild(el('li', {}, b, ' ', detail, detail && value ? ' ' : '', value));
        } else {
          list.appendChild(el('li', {}, `${where} `, detail, detail && value ? ' ' : '', value));
        }
      }
      const sev = g.severity === 'error' || g.severity === 'warning' ? g.severity : 'info';
      section.appendChild(el('details', { class: `issue-group sev-${sev}` },
        el('summary', {}, el('code', {}, visibleText(g.code)), ` ${g.count} × `, visibleText(g.summary)), list));
    }
    return section;
  }
}
