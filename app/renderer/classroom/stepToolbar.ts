/**
 * The step-through's toolbar: back to the lessons, the title, first / back / next / last, play or pause,
 * the position, pacing (steady or recorded timing) and speed, the hops and notes toggles, presenter mode.
 * Built once per language; `sync` reflects the step state (disabled ends, pressed toggles, play/pause).
 */
import type { Locale } from '../../../core/src/explain/i18n/locale.ts';
import { el } from '../dom.ts';
import type { ClassroomAction } from './classroomKeys.ts';
import { uiText, type UiKey } from './i18n/uiText.ts';
import { MAX_PAUSE_MS, STEADY_INTERVAL_MS } from './replaySchedule.ts';
import { type Pacing, SPEEDS, type StepCommand, type StepState } from './stepModel.ts';

export interface ToolbarEvents {
  apply(action: ClassroomAction): void;
  back(): void;
  /** The "Author lesson" toggle (authoring/): write notes and questions on this step-through, save a lesson. */
  author(): void;
}

export class StepToolbar {
  private readonly controls = new Map<string, HTMLElement>();
  private locale: Locale = 'en';

  constructor(readonly root: HTMLElement, private readonly events: ToolbarEvents) {}

  render(locale: Locale, title: string): void {
    this.locale = locale;
    const t = (key: UiKey, params: Record<string, string | number> = {}): string => uiText(locale, key, params);
    const cmd = (command: ClassroomAction) => () => this.events.apply(command);
    const button = (id: string, key: UiKey, glyph: string, command: ClassroomAction): HTMLButtonElement => {
      const b = el('button', { type: 'button', id, 'aria-label': t(key), title: t(key) }, glyph);
      b.addEventListener('click', cmd(command));
      return b;
    };
    const toggle = (id: string, key: UiKey, command: StepCommand): HTMLButtonElement => {
      const b = el('button', { type: 'button', id, class: 'toggle', 'aria-pressed': 'false' }, t(key));
      b.addEventListener('click', cmd(command));
      return b;
    };
    const back = el('button', { type: 'button', id: 'step-back-to-lessons' }, t('step.backToLessons'));
    back.addEventListener('click', () => this.events.back());
    const pacing = el('select', { id: 'step-pacing', 'aria-label': t('step.pacing'), title: t('step.longPauses', { seconds: MAX_PAUSE_MS / 1000 }) },
      el('option', { value: 'steady' }, t('step.pacingSteady', { seconds: STEADY_INTERVAL_MS / 1000 })),
      el('option', { value: 'recorded' }, t('step.pacingRecorded')));
    pacing.addEventListener('change', () => this.events.apply({ type: 'pacing', pacing: pacing.value as Pacing }));
    const speed = el('select', { id: 'step-speed', 'aria-label': t('step.speed') }, ...SPEEDS.map((s) => el('option', { value: s }, `×${s}`)));
    speed.addEventListener('change', () => this.events.apply({ type: 'speed', speed: Number(speed.value) }));
    const controls: [string, HTMLElement][] = [
      // Glyphs every font has (the media-control ones, U+23EE…, are missing from many Linux fonts).
      ['first', button('step-first', 'step.first', '|◀', { type: 'first' })],
      ['back', button('step-prev', 'step.back', '◀', { type: 'back' })],
      ['next', button('step-next', 'step.next', '▶', { type: 'next' })],
      ['last', button('step-last', 'step.last', '▶|', { type: 'last' })],
      ['play', button('step-play', 'step.play', '', { type: 'togglePlay' })],
      ['counter', el('span', { class: 'step-count', id: 'step-count' })],
      ['pacing', pacing], ['speed', speed],
      ['hops', toggle('step-hops', 'step.hops', { type: 'toggleHops' })],
      ['notes', toggle('step-notes', 'step.notes', { type: 'toggleNotes' })],
      ['presenter', button('step-presenter', 'step.presenter', '', { type: 'togglePresenter' })],
    ];
    const author = el('button', { type: 'button', id: 'step-author', class: 'toggle', 'aria-pressed': 'false' }, t('step.author'));
    author.addEventListener('click', () => this.events.author());
    controls.push(['author', author]);
    this.controls.clear();
    for (const [name, node] of controls) this.controls.set(name, node);
    this.root.replaceChildren(back, el('h2', { class: 'step-title', title }, title),
      el('div', { class: 'step-controls', role: 'group' }, ...controls.map(([, node]) => node)));
  }

  sync(s: StepState, presenter: boolean, authoring = false): void {
    const get = <T extends HTMLElement>(name: string): T | undefined => this.controls.get(name) as T | undefined;
    const play = get<HTMLButtonElement>('play');
    if (play !== undefined) {
      const label = uiText(this.locale, s.playing ? 'step.pause' : 'step.play');
      play.textContent = `${s.playing ? '❚❚' : '▷'} ${label}`;
      play.setAttribute('aria-label', label);
      play.title = label;
      play.disabled = s.cursor.total === 0;
    }
    const atStart = s.cursor.position === 0;
    const atEnd = s.cursor.position >= s.cursor.total;
    for (const [name, disabled] of [['first', atStart], ['back', atStart], ['next', atEnd], ['last', atEnd]] as const) {
      const b = get<HTMLButtonElement>(name);
      if (b !== undefined) b.disabled = disabled;
    }
    const count = get('counter');
    if (count !== undefined) count.textContent = `${s.cursor.position} / ${s.cursor.total}`;
    get('hops')?.setAttribute('aria-pressed', String(s.showHops));
    get('notes')?.setAttribute('aria-pressed', String(s.showNotes));
    const pacing = get<HTMLSelectElement>('pacing');
    if (pacing !== undefined) pacing.value = s.pacing;
    const speed = get<HTMLSelectElement>('speed');
    if (speed !== undefined) speed.value = String(s.speed);
    const button = get('presenter');
    if (button !== undefined) {
      const label = uiText(this.locale, presenter ? 'step.leavePresenter' : 'step.presenter');
      button.textContent = label;
      button.setAttribute('aria-label', label);
      button.title = label;
      button.setAttribute('aria-pressed', String(presenter));
    }
    get('author')?.setAttribute('aria-pressed', String(authoring));
  }
}
