/**
 * The Lessons screen: the library as cards (title, story, learning goals, how many notes and questions,
 * in the chosen language), a lesson file to open (a bundle saved from the app), and the way into a
 * step-through of one's own capture (the call open in the ladder, or the whole capture when it is small
 * enough) — where a teacher can author a lesson. Text enters through textContent only.
 */
import type { Locale } from '../../../core/src/explain/i18n/locale.ts';
import { type LessonSummary, MAX_STEP_MESSAGES } from '../../shared/ipcContract.ts';
import type { RendererApi } from '../api/rendererApi.ts';
import { el } from '../dom.ts';
import { uiText } from './i18n/uiText.ts';

export interface CaptureInfo {
  /** A capture analysed (or being read), and not a lesson's. */
  name: string | null;
  messages: number;
  /** Rows of the call open in the Ladder view ([] when none). */
  ladderRows: number[];
}

export interface LessonsScreenEvents {
  open(id: string): void;
  stepCall(rows: number[]): void;
  stepAll(): void;
  /** A lesson file (.sipladder-lesson.json) picked with "Open lesson file…". */
  openFile(file: File): void;
  error(message: string): void;
}

export class LessonsScreen {
  readonly root: HTMLElement;
  private readonly cards: HTMLElement;
  private readonly capture: HTMLElement;
  private readonly fileInput: HTMLInputElement;
  private readonly lists = new Map<Locale, Promise<LessonSummary[]>>();
  private seq = 0;

  constructor(private readonly api: Pick<RendererApi, 'listLessons'>, private readonly events: LessonsScreenEvents) {
    this.cards = el('div', { class: 'lesson-cards', role: 'list' });
    this.capture = el('section', { class: 'own-capture' });
    this.root = el('div', { class: 'lessons-screen' });
    this.fileInput = el('input', { type: 'file', id: 'lesson-file-input', accept: '.json,application/json', hidden: true });
    this.fileInput.addEventListener('change', () => {
      const file = this.fileInput.files?.[0];
      this.fileInput.value = '';
      if (file !== undefined) this.events.openFile(file);
    });
  }

  async render(locale: Locale, capture: CaptureInfo): Promise<void> {
    const seq = ++this.seq;
    const openFile = el('button', { type: 'button', id: 'open-lesson-file' }, uiText(locale, 'lessons.openFile'));
    openFile.addEventListener('click', () => this.fileInput.click());
    this.root.replaceChildren(
      el('div', { class: 'lessons-head' }, el('h2', {}, uiText(locale, 'lessons.title')), el('p', { class: 'muted' }, uiText(locale, 'lessons.intro')),
        el('div', { class: 'lessons-actions' }, openFile, el('span', { class: 'muted' }, uiText(locale, 'lessons.openFileHint')), this.fileInput)),
      this.cards, this.capture,
    );
    this.renderCapture(locale, capture);
    if (!this.lists.has(locale)) this.cards.replaceChildren(el('p', { class: 'muted' }, uiText(locale, 'lessons.loading')));
    let list: LessonSummary[];
    try {
      list = await this.list(locale);
    } catch (error) {
      this.lists.delete(locale);
      this.events.error((error as Error).message);
      return;
    }
    if (seq !== this.seq) return;
    this.cards.replaceChildren(...(list.length === 0 ? [el('p', { class: 'muted' }, uiText(locale, 'lessons.empty'))] : list.map((l) => this.card(l, locale))));
  }

  /** Focus the first lesson's button (keyboard users land in the list). */
  focus(): void {
    (this.cards.querySelector('button') ?? this.root).focus();
  }

  private list(locale: Locale): Promise<LessonSummary[]> {
    let list = this.lists.get(locale);
    if (list === undefined) {
      list = this.api.listLessons(locale);
      this.lists.set(locale, list);
    }
    return list;
  }

  private card(lesson: LessonSummary, locale: Locale): HTMLElement {
    const open = el('button', { type: 'button', class: 'primary', 'data-key': lesson.id, 'aria-label': uiText(locale, 'lessons.openLesson', { title: lesson.title }) },
      uiText(locale, 'lessons.open'));
    open.disabled = lesson.error !== null;
    open.addEventListener('click', () => this.events.open(lesson.id));
    const goals = el('ul', { class: 'lesson-goals', 'aria-label': uiText(locale, 'lessons.goals') }, ...lesson.goals.map((g) => el('li', {}, g)));
    return el('article', { class: `lesson-card${lesson.error !== null ? ' broken' : ''}`, role: 'listitem', 'data-key': lesson.id },
      el('h3', {}, lesson.title),
      lesson.error !== null ? el('p', { class: 'error' }, uiText(locale, 'lessons.broken', { error: lesson.error })) : el('p', { class: 'lesson-story' }, lesson.narrative),
      lesson.goals.length > 0 ? goals : null,
      el('div', { class: 'lesson-foot' }, el('span', { class: 'muted' }, uiText(locale, 'lessons.counts', { notes: lesson.notes, questions: lesson.questions })), open),
    );
  }

  private renderCapture(locale: Locale, capture: CaptureInfo): void {
    const call = el('button', { type: 'button', id: 'step-call' }, uiText(locale, 'capture.stepCall'));
    call.disabled = capture.ladderRows.length === 0;
    call.addEventListener('click', () => this.events.stepCall(capture.ladderRows));
    const all = el('button', { type: 'button', id: 'step-all' }, uiText(locale, 'capture.stepAll', { count: capture.messages }));
    all.disabled = capture.name === null || capture.messages === 0 || capture.messages > MAX_STEP_MESSAGES;
    all.addEventListener('click', () => this.events.stepAll());
    this.capture.replaceChildren(
      el('h2', {}, uiText(locale, 'capture.title')),
      el('p', { class: 'muted' }, capture.name === null ? uiText(locale, 'capture.none') : capture.name),
      el('p', {}, uiText(locale, 'capture.intro')),
      el('div', { class: 'own-capture-actions' }, call, all),
      el('p', { class: 'muted' }, uiText(locale, 'capture.authorHint')),
    );
  }
}
