/**
 * The renderer's controller: the top bar (open, recent, progress with cancel, theme, tabs), drag and
 * drop, global keys, and the three views. Everything it shows from a capture goes through textContent.
 */
import type { Capabilities, ProgressEvent } from '../shared/apiTypes.ts';
import type { RendererApi } from './api/rendererApi.ts';
import { ClassroomView } from './classroom/classroomView.ts';
import { plural } from './plural.ts';
import { byId, el } from './dom.ts';
import { LiveController } from './live/liveController.ts';
import { loadSettings, saveSettings, type Settings } from './settings.ts';
import { StatisticsView } from './stats/statisticsView.ts';
import { CallListView } from './views/callListView.ts';
import { LadderView } from './views/ladderView.ts';

type Tab = 'calls' | 'ladder' | 'stats' | 'lessons';
const TABS: readonly Tab[] = ['calls', 'ladder', 'stats', 'lessons'];

export class App {
  private settings: Settings;
  private readonly calls: CallListView;
  private readonly ladder: LadderView;
  private readonly stats: StatisticsView;
  private readonly classroom: ClassroomView;
  private readonly live: LiveController;
  private tab: Tab = 'calls';
  private last: ProgressEvent | undefined;
  private listTimer: ReturnType<typeof setTimeout> | undefined;
  private toastTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly api: RendererApi) {
    this.settings = loadSettings(localStorage, matchMedia('(prefers-color-scheme: dark)').matches);
    this.applyTheme();
    const error = (m: string): void => this.toast(m);
    this.calls = new CallListView(byId('view-calls'), api, { open: (rows) => void this.openLadder(rows), error });
    this.ladder = new LadderView(byId('view-ladder'), api, this.settings, {
      back: () => this.show('calls'), error, settingsChanged: (change) => this.saveSettings({ ...this.settings, ...change }),
    });
    this.stats = new StatisticsView(byId('view-stats'), api, { jump: (i) => void this.jumpTo(i), error });
    this.classroom = new ClassroomView(byId('view-lessons'), api, {
      error,
      capture: () => {
        const p = this.last;
        const open = p !== undefined && p.phase !== 'idle' && p.phase !== 'failed';
        return { session: open ? p.session : 0, name: open ? p.name.split(/[\\/]/).pop() || p.name : null, messages: open ? p.messages : 0, ladderRows: this.ladder.rows };
      },
    });
    this.live = new LiveController(api, {
      ladder: this.ladder, callsRoot: byId('view-calls'), ladderRoot: byId('view-ladder'), tab: () => this.tab,
      currentSession: () => this.last?.session ?? 0, toast: error, sessionKnown: () => this.last !== undefined && this.onProgress(this.last),
    });
    this.wireTopBar();
    this.wireDrop();
    document.addEventListener('keydown', (e) => this.onGlobalKey(e));
    api.onProgress((p) => this.onProgress(p));
    api.status().then((p) => this.onProgress(p), error);
    api.capabilities().then((c) => this.setCapabilities(c), error);
    this.calls.focus();
  }

  private wireTopBar(): void {
    const input = byId<HTMLInputElement>('file-input');
    byId('open-button').addEventListener('click', () => {
      if (this.capabilities?.nativeDialogs) this.api.openDialog().catch((e: Error) => this.toast(e.message));
      else input.click();
    });
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (file) this.openFile(file);
      input.value = '';
    });
    byId('cancel-button').addEventListener('click', () => void this.api.cancel().catch((e: Error) => this.toast(e.message)));
    byId('theme-toggle').addEventListener('click', () => {
      this.saveSettings({ ...this.settings, theme: this.settings.theme === 'dark' ? 'light' : 'dark' });
      this.applyTheme();
    });
    for (const tab of TABS) byId(`tab-${tab}`).addEventListener('click', () => this.show(tab));
    const recent = byId<HTMLSelectElement>('recent-select');
    recent.addEventListener('change', () => {
      const id = Number(recent.value);
      recent.value = '';
      if (Number.isInteger(id) && id >= 0) this.api.openRecent(id).catch((e: Error) => this.toast(e.message));
    });
  }

  private capabilities: Capabilities | undefined;

  private setCapabilities(c: Capabilities): void {
    this.capabilities = c;
    if (!c.nativeDialogs) return;
    byId('recent-label').hidden = false;
    this.api.listRecent().then((list) => {
      const select = byId<HTMLSelectElement>('recent-select');
      for (const r of list) select.appendChild(el('option', { value: r.id }, r.name));
    }, () => undefined);
  }

  private wireDrop(): void {
    const overlay = byId('drop-overlay');
    document.addEventListener('dragover', (e) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      overlay.hidden = false;
    });
    document.addEventListener('dragleave', (e) => {
      if (e.relatedTarget === null) overlay.hidden = true;
    });
    document.addEventListener('drop', (e) => {
      e.preventDefault();
      overlay.hidden = true;
      const file = e.dataTransfer?.files[0];
      if (file) this.openFile(file);
    });
  }

  private openFile(file: File): void {
    // A lesson saved from the classroom carries its capture: it opens as a lesson, not as a capture.
    if (/\.sipladder-lesson\.json$/i.test(file.name)) {
      this.show('lessons');
      void this.classroom.openLessonFile(file);
      return;
    }
    this.show('calls');
    this.api.openFile(file).catch((e: Error) => this.toast(e.message));
  }

  private onProgress(p: ProgressEvent): void {
    const previous = this.last;
    this.last = p;
    const nameEl = byId('capture-name');
    nameEl.textContent = p.phase === 'idle' ? 'No capture open' : p.name.split(/[\\/]/).pop() || p.name;
    nameEl.title = p.name;
    const live = this.live.owns(p.session);
    const loading = p.phase === 'reading' || p.phase === 'correlating';
    const bar = byId('progress');
    // A live capture has no end to progress towards: the live bar shows its state and its Stop button.
    bar.hidden = !loading || live;
    const pct = p.totalBytes ? Math.min(100, Math.round((p.bytesRead / p.totalBytes) * 100)) : 0;
    bar.setAttribute('aria-valuenow', String(pct));
    (bar.firstElementChild as HTMLElement).style.width = `${p.totalBytes ? pct : 100}%`;
    bar.classList.toggle('indeterminate', !p.totalBytes);
    byId('cancel-button').hidden = !loading || live;
    const phase = live && p.phase === 'reading' ? 'capturing' : live && p.phase === 'done' ? 'capture stopped' : p.phase === 'reading' ? `reading ${pct ? pct + '%' : ''}` : p.phase === 'correlating' ? 'correlating…'
      : p.phase === 'cancelled' ? 'cancelled (partial)' : p.phase === 'failed' ? `failed: ${p.error ?? ''}` : p.phase === 'done' ? `done in ${(p.elapsedMs / 1000).toFixed(1)} s` : '';
    byId('status-line').textContent = p.phase === 'idle' ? '' : `${plural(p.messages, 'message')} · ${plural(p.rows, 'row')} · ${phase}`;
    byId('status-line').classList.toggle('error', p.phase === 'failed');
    const changed = previous === undefined || previous.session !== p.session || previous.generation !== p.generation || previous.rows !== p.rows;
    if (changed) {
      // While loading, refresh the list at most every 300 ms (throttled, not debounced: progress never
      // pauses); at once when the row set is replaced or loading ends.
      const now = previous?.generation !== p.generation || previous?.session !== p.session || !loading;
      if (now) {
        clearTimeout(this.listTimer);
        this.listTimer = undefined;
        this.calls.dataChanged(p.generation + p.session * 1e6, p.rows);
      } else if (this.listTimer === undefined) {
        this.listTimer = setTimeout(() => {
          this.listTimer = undefined;
          const last = this.last!;
          this.calls.dataChanged(last.generation + last.session * 1e6, last.rows);
        }, 300);
      }
    }
    if (previous?.session !== p.session && previous !== undefined && !this.classroom.owns(p.session)) this.show('calls');
    if (this.tab === 'stats' && (!loading || changed)) void this.stats.refresh();
  }

  private async openLadder(rows: number[], selectIndex = -1): Promise<void> {
    this.show('ladder');
    try {
      await this.ladder.open(rows, selectIndex);
    } catch (e) {
      this.toast((e as Error).message);
    }
    this.ladder.focus();
  }

  private async jumpTo(index: number): Promise<void> {
    const row = await this.api.findRow(index);
    if (row < 0) {
      this.toast('That message belongs to no call or usage.');
      return;
    }
    await this.openLadder([row], index);
  }

  show(tab: Tab): void {
    this.tab = tab;
    for (const t of TABS) {
      byId(`view-${t}`).hidden = t !== tab;
      byId(`tab-${t}`).setAttribute('aria-selected', String(t === tab));
    }
    if (tab === 'stats') void this.stats.refresh();
    if (tab === 'calls') this.calls.focus();
    if (tab === 'ladder') this.ladder.focus();
    if (tab === 'lessons') this.classroom.shown();
    this.live.shown(tab);
  }

  private onGlobalKey(e: KeyboardEvent): void {
    const target = e.target as HTMLElement;
    const typing = target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA';
    if (typing) return;
    if (e.key === '/' && this.tab !== 'ladder') {
      e.preventDefault();
      this.show('calls');
      this.calls.focusFilter();
    } else if ((e.ctrlKey || e.metaKey) && e.key === 'o') {
      e.preventDefault();
      byId('open-button').click();
    }
  }

  private saveSettings(s: Settings): void {
    this.settings = s;
    saveSettings(localStorage, s);
  }

  private applyTheme(): void {
    document.documentElement.dataset.theme = this.settings.theme;
  }

  private toast(message: string): void {
    const t = byId('toast');
    t.textContent = message;
    t.hidden = false;
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => {
      t.hidden = true;
    }, 6000);
  }
}
