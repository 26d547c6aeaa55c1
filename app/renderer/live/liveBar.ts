/**
 * The live capture bar under the top bar (`sipladder serve --capture`): running or stopped, interfaces and
 * filter, elapsed time, packets, SIP messages, calls, the tool's drops, calls evicted by the memory limit;
 * Follow, Save live capture (all frames, or the calls open in the ladder) and Stop; the capture's error in the
 * CLI's words; and, once stopped, a form to capture again. Status text only ever goes in through textContent.
 */
import type { LiveStartRequest, LiveStatus } from '../../shared/ipcContract.ts';
import { clear, el } from '../dom.ts';
import { liveMetrics, STATE_TEXT } from './liveFormat.ts';

export interface LiveBarActions {
  stop(): void;
  saveAll(): void;
  saveLadderCalls(): void;
  follow(): void;
  start(request: LiveStartRequest): void;
}

export class LiveBar {
  private readonly state: HTMLElement;
  private readonly where: HTMLElement;
  private readonly metrics = new Map<string, HTMLElement>();
  private readonly followButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  private readonly saveAllButton: HTMLButtonElement;
  private readonly saveCallsButton: HTMLButtonElement;
  private readonly againButton: HTMLButtonElement;
  private readonly error: HTMLElement;
  /** Not a <form>: the page has none (nothing to submit anywhere); Enter in a field starts too. */
  private readonly form: HTMLElement;
  private readonly interfacesInput: HTMLInputElement;
  private readonly filterInput: HTMLInputElement;
  private readonly note: HTMLElement;

  constructor(private readonly root: HTMLElement, actions: LiveBarActions) {
    this.state = el('span', { id: 'live-state', class: 'live-state', role: 'status', 'aria-live': 'polite' });
    this.where = el('span', { id: 'live-where', class: 'live-where' });
    const metricList = el('div', { class: 'live-metrics', role: 'group', 'aria-label': 'Live capture counters' });
    for (const key of ['elapsed', 'packets', 'messages', 'calls', 'drops', 'evicted']) {
      const value = el('b', { id: `live-${key}` });
      this.metrics.set(key, value);
      metricList.appendChild(el('span', { class: `live-metric live-metric-${key}` }, el('span', { class: 'live-label' }, ''), ' ', value));
    }
    this.followButton = button('live-follow', 'Follow', () => actions.follow());
    this.followButton.title = 'keep the call list and the open ladder at the newest; scrolling away pauses it';
    this.saveAllButton = button('live-save-all', 'All', () => actions.saveAll());
    this.saveAllButton.setAttribute('aria-label', 'Save the whole live capture (pcapng)');
    this.saveCallsButton = button('live-save-calls', 'Ladder calls', () => actions.saveLadderCalls());
    this.saveCallsButton.setAttribute('aria-label', 'Save the calls open in the ladder (pcapng)');
    this.stopButton = button('live-stop', 'Stop', () => actions.stop());
    this.stopButton.classList.add('live-stop');
    this.againButton = button('live-again', 'Capture again…', () => {
      this.form.hidden = !this.form.hidden;
      this.againButton.setAttribute('aria-expanded', String(!this.form.hidden));
      if (!this.form.hidden) this.interfacesInput.focus();
    });
    this.againButton.setAttribute('aria-expanded', 'false');
    const save = el('span', { class: 'live-save', role: 'group', 'aria-label': 'Save live capture' }, el('span', { class: 'live-label' }, 'Save:'), this.saveAllButton, this.saveCallsButton);
    this.error = el('div', { id: 'live-error', class: 'live-error', role: 'alert', hidden: true });
    this.note = el('span', { class: 'live-note muted' });
    this.interfacesInput = el('input', { type: 'text', id: 'live-interfaces', spellcheck: false, autocomplete: 'off', 'aria-label': 'Interfaces (comma-separated)' });
    this.filterInput = el('input', { type: 'text', id: 'live-filter', spellcheck: false, autocomplete: 'off', 'aria-label': 'Capture filter (pcap-filter syntax)' });
    const submit = (): void => {
      const interfaces = this.interfacesInput.value.split(/[\s,]+/).filter((i) => i !== '');
      if (interfaces.length === 0) return this.showError('name at least one interface (as `sipladder capture --list` shows them)');
      this.form.hidden = true;
      actions.start({ interfaces, filter: this.filterInput.value });
    };
    const startButton = button('live-start', 'Start', submit);
    startButton.classList.add('primary');
    for (const input of [this.interfacesInput, this.filterInput]) {
      input.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') submit();
      });
    }
    this.form = el('div', { class: 'live-form', role: 'group', hidden: true, 'aria-label': 'Capture again' },
      el('label', { for: 'live-interfaces' }, 'Interfaces '), this.interfacesInput,
      el('label', { for: 'live-filter' }, 'Capture filter '), this.filterInput, startButton);
    clear(root);
    root.append(
      el('div', { class: 'live-line' }, this.state, this.where, metricList, this.note,
        el('span', { class: 'live-actions' }, this.followButton, save, this.stopButton, this.againButton)),
      this.error, this.form,
    );
  }

  render(s: LiveStatus, ladderCalls: number, note: string): void {
    this.root.hidden = false;
    const running = s.state === 'running' || s.state === 'starting' || s.state === 'stopping';
    this.root.classList.toggle('running', running);
    this.root.classList.toggle('failed', s.state === 'failed');
    this.state.textContent = STATE_TEXT[s.state];
    // The interfaces are in the top bar (the capture's name); here, what is captured on them.
    this.where.textContent = s.filter === '' ? 'no capture filter' : `filter: ${s.filter}`;
    this.where.title = `${s.label}; capture filter: ${s.filter || '(none: everything)'}`;
    for (const m of liveMetrics(s)) {
      const value = this.metrics.get(m.key)!;
      if (value.textContent !== m.value) value.textContent = m.value;
      const item = value.parentElement!;
      item.title = m.title;
      (item.firstElementChild as HTMLElement).textContent = m.label;
    }
    this.metrics.get('evicted')!.parentElement!.classList.toggle('nonzero', s.evictedCalls + s.evictedUsages > 0);
    this.metrics.get('drops')!.parentElement!.classList.toggle('nonzero', (s.drops ?? 0) > 0);
    this.stopButton.hidden = !running;
    this.followButton.hidden = !running;
    this.stopButton.disabled = s.state === 'stopping' || s.state === 'starting';
    this.againButton.hidden = running;
    this.saveAllButton.disabled = s.savedBytes === 0;
    this.saveAllButton.title = `${s.savedBytes.toLocaleString('en')} bytes of pcapng: every frame captured so far`;
    this.saveCallsButton.disabled = ladderCalls === 0;
    this.saveCallsButton.title = ladderCalls === 0 ? 'open calls in the ladder first (Enter, or Space to mark several)' : `the frames of the ${ladderCalls} call(s) open in the ladder`;
    if (document.activeElement !== this.interfacesInput && document.activeElement !== this.filterInput) {
      this.interfacesInput.value = s.interfaces.join(', ');
      this.filterInput.value = s.filter;
    }
    this.note.textContent = note;
    if (s.error !== null) this.showError(s.error);
    else this.error.hidden = true;
  }

  /** The follow state of the view on screen. */
  setFollowing(following: boolean): void {
    this.followButton.setAttribute('aria-pressed', String(following));
    this.followButton.textContent = following ? '⤓ Following' : '⤓ Follow (paused)';
    this.followButton.classList.toggle('paused', !following);
  }

  showError(message: string): void {
    this.error.textContent = message;
    this.error.hidden = false;
  }
}

function button(id: string, text: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', { type: 'button', id }, text);
  b.addEventListener('click', onClick);
  return b;
}
