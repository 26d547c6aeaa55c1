/**
 * The step-through screen, for a lesson or any capture: a toolbar (back, first / back / play / next /
 * last, pacing and speed, hops and notes toggles, presenter mode, author lesson), the ladder revealing
 * arrows one by one, and the panel for the current message. State lives in the pure step model; this
 * class loads the steps (paged, in the chosen language), runs the replay timer and draws. In author mode
 * (authoring/) every arrow is shown, the author panel edits a lesson draft, and the panel and ladder
 * preview that draft as the students will see it.
 */
import type { Locale } from '../../../core/src/explain/i18n/locale.ts';
import { pickText } from '../../../core/src/explain/lesson/localizedText.ts';
import { type Lesson, MAX_STEPS_PAGE, type MessageDetail, type StepView } from '../../shared/ipcContract.ts';
import type { RendererApi } from '../api/rendererApi.ts';
import { el } from '../dom.ts';
import { AuthorPanel } from './authoring/authorPanel.ts';
import { type LessonDraft, newDraft, previewLesson } from './authoring/lessonDraft.ts';
import { saveLessonDraft } from './authoring/saveLesson.ts';
import type { ClassroomAction } from './classroomKeys.ts';
import { StepLadder } from './drawStepLadder.ts';
import { uiText } from './i18n/uiText.ts';
import { replayDelayMs } from './replaySchedule.ts';
import { applyStep, currentIndex, initialStepState, positionAfterChange, type StepState, visibleSteps } from './stepModel.ts';
import { questionsShown, renderStepPanel } from './stepPanel.ts';
import { StepToolbar } from './stepToolbar.ts';

export interface StepSource {
  session: number;
  /** Call-list rows to step through; [] for every message (a lesson, or a whole capture). */
  rows: number[];
  lesson?: Lesson;
  name: string;
}

export interface StepThroughEvents {
  back(): void;
  error(message: string): void;
  togglePresenter(): void;
}

const READY_POLL_MS = 150;
const READY_TIMEOUT_MS = 120_000;

export class StepThrough {
  readonly root: HTMLElement;
  private readonly toolbar: StepToolbar;
  private readonly panel: HTMLElement;
  private readonly ladder: StepLadder;
  private readonly body: HTMLElement;
  private source: StepSource | undefined;
  /** The lesson being written on this step-through (kept when author mode is left, to rehearse it). */
  private draft: LessonDraft | undefined;
  private author: AuthorPanel | undefined;
  private authoring = false;
  private previewFrame = 0;
  private all: StepView[] = [];
  private steps: StepView[] = [];
  private truncated = false;
  private state: StepState = initialStepState(0);
  private timer: ReturnType<typeof setTimeout> | undefined;
  private details = new Map<number, MessageDetail>();
  private loadSeq = 0;
  private rawOpen = false;
  private locale: Locale = 'en';
  private presenter = false;
  private loaded = false;

  constructor(
    private readonly api: Pick<RendererApi, 'getSteps' | 'getMessage' | 'buildLessonBundle' | 'saveFile' | 'capabilities'>,
    private readonly events: StepThroughEvents,
  ) {
    this.toolbar = new StepToolbar(el('div', { class: 'step-toolbar toolbar', role: 'toolbar' }), {
      apply: (action) => this.apply(action), back: () => this.events.back(), author: () => this.toggleAuthoring(),
    });
    this.ladder = new StepLadder('', () => uiText(this.locale, 'step.time'), (position) => this.apply({ type: 'goTo', position: position + 1 }));
    this.panel = el('aside', { class: 'step-panel', tabindex: -1 });
    this.body = el('div', { class: 'step-body' }, this.ladder.root, this.panel);
    this.root = el('div', { class: 'step-through' }, this.toolbar.root, this.body);
  }

  get open(): StepSource | undefined {
    return this.source;
  }

  get position(): number {
    return this.state.cursor.position;
  }

  /** The lesson shown: the draft being written (as students will see it), else the lesson opened, if any. */
  private get lesson(): Lesson | undefined {
    const source = this.source;
    if (source === undefined || this.draft === undefined) return source?.lesson;
    return previewLesson(this.draft, source.lesson?.id ?? 'lesson', uiText(this.locale, 'step.callTitle', { name: source.name }));
  }

  /** Loads the steps of a capture (waiting for its analysis to end) and starts before the first message. */
  async start(source: StepSource, locale: Locale, presenter: boolean): Promise<void> {
    this.stopTimer();
    // Back on the same call (after a look at the Lessons screen): the lesson being written is still there.
    const previous = this.source;
    const same = previous !== undefined && previous.session === source.session && previous.lesson === source.lesson && previous.rows.join() === source.rows.join();
    this.source = source;
    if (!same) {
      this.draft = undefined;
      this.author?.root.remove();
      this.author = undefined;
      this.authoring = false;
      this.body.classList.remove('authoring');
    }
    this.locale = locale;
    this.presenter = presenter;
    this.details = new Map();
    this.loaded = false;
    this.all = [];
    this.steps = [];
    this.state = initialStepState(0);
    this.render(true);
    await this.load(0);
  }

  async setLocale(locale: Locale): Promise<void> {
    this.locale = locale;
    this.render(true);
    // Explanations come from the worker in the language asked for: fetch them again, keeping the place.
    if (this.source !== undefined) await this.load(this.state.cursor.position);
  }

  setPresenter(on: boolean): void {
    this.presenter = on;
    // The projector shows the lesson, not the teacher's desk.
    if (on && this.authoring) this.toggleAuthoring();
    this.refilter();
  }

  /** Enters or leaves author mode; the draft starts from the lesson opened, if any. */
  toggleAuthoring(): void {
    const source = this.source;
    if (source === undefined) return;
    this.authoring = !this.authoring;
    if (this.authoring && (this.draft === undefined || this.author === undefined)) {
      this.draft = newDraft(this.locale, source.lesson);
      this.author = new AuthorPanel(this.draft, { changed: () => this.schedulePreview(), goTo: (index) => this.goToIndex(index), save: () => void this.save() });
    }
    this.body.classList.toggle('authoring', this.authoring);
    if (this.authoring) this.body.insertBefore(this.author!.root, this.panel);
    else this.author?.root.remove();
    this.render(true);
  }

  private goToIndex(index: number | null): void {
    const position = index === null ? 0 : this.steps.findIndex((s) => s.index === index) + 1;
    if (index === null || position > 0) this.apply({ type: 'goTo', position });
  }

  /** Typing redraws the preview once per frame, however fast the teacher types. */
  private schedulePreview(): void {
    if (this.previewFrame !== 0) return;
    this.previewFrame = requestAnimationFrame(() => {
      this.previewFrame = 0;
      this.render(true);
    });
  }

  private async save(): Promise<void> {
    const { source, draft, author } = this;
    if (source === undefined || draft === undefined || author === undefined) return;
    author.setStatus(uiText(this.locale, 'author.saving'), 'info');
    const outcome = await saveLessonDraft(this.api, draft, source, this.locale);
    author.setStatus(outcome.message, outcome.ok ? 'ok' : 'error');
  }

  /** The notes on the arrows (✎ and tooltip), as the lesson shown has them; none while notes are hidden. */
  private noteMarks(lesson: Lesson | undefined): Map<number, string> {
    const marks = new Map<number, string>();
    if (lesson === undefined || !this.state.showNotes) return marks;
    for (const s of this.steps) {
      const note = lesson.notes[s.index + 1];
      if (note !== undefined) marks.set(s.index, pickText(note, this.locale));
    }
    return marks;
  }

  /** A key or a button: the step model's commands, and the few the screen handles itself. */
  apply(action: ClassroomAction): void {
    if (action.type === 'togglePresenter' || action.type === 'leavePresenter') {
      if (action.type === 'togglePresenter' || this.presenter) this.events.togglePresenter();
      return;
    }
    if (action.type === 'revealHere') {
      const shown = questionsShown({ lesson: this.lesson, locale: this.locale, state: this.state, steps: this.steps });
      if (shown.length > 0) this.apply({ type: 'reveal', questions: shown.map((q) => q.number) });
      return;
    }
    this.update(applyStep(this.state, action));
  }

  private update(next: StepState): void {
    const moved = next.cursor.position !== this.state.cursor.position;
    this.state = next;
    this.render(false);
    if (moved) {
      // A new message starts at the top of its panel (explanation first), as a new slide would.
      this.panel.scrollTop = 0;
      this.loadDetail();
    }
    this.schedule();
  }

  private async load(keepPosition: number): Promise<void> {
    const source = this.source;
    if (source === undefined) return;
    const seq = ++this.loadSeq;
    const fetched: StepView[] = [];
    const started = Date.now();
    try {
      for (let offset = 0; ;) {
        const page = await this.api.getSteps({
          session: source.session, locale: this.locale, rows: source.rows, offset, limit: MAX_STEPS_PAGE, nodes: { ...(source.lesson?.nodes ?? {}) },
        });
        if (seq !== this.loadSeq) return;
        if (page.session !== source.session) throw new Error('another capture was opened meanwhile');
        if (!page.ready) {
          if (Date.now() - started > READY_TIMEOUT_MS) throw new Error('the capture takes too long to analyse');
          await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
          if (seq !== this.loadSeq) return;
          continue;
        }
        fetched.push(...page.steps);
        this.truncated = page.truncated;
        offset += page.steps.length;
        if (offset >= page.total || page.steps.length === 0) break;
      }
    } catch (error) {
      if (seq === this.loadSeq) this.events.error((error as Error).message);
      return;
    }
    const before = this.steps;
    this.loaded = true;
    this.all = fetched;
    this.steps = visibleSteps(fetched, this.presenter);
    const position = before.length === 0 ? Math.min(keepPosition, this.steps.length) : positionAfterChange(before, this.steps, keepPosition);
    this.state = applyStep({ ...this.state, playing: false }, { type: 'resize', total: this.steps.length, position });
    this.ladder.setSteps(this.steps, this.presenter);
    this.render(false);
    this.loadDetail();
  }

  /** Presenter mode hides OPTIONS/REGISTER noise: the list changes, the place stays. */
  private refilter(): void {
    const before = this.steps;
    this.steps = visibleSteps(this.all, this.presenter);
    const position = positionAfterChange(before, this.steps, this.state.cursor.position);
    this.state = applyStep(this.state, { type: 'resize', total: this.steps.length, position });
    this.ladder.setSteps(this.steps, this.presenter);
    this.render(true);
    this.schedule();
  }

  private loadDetail(): void {
    const step = this.steps[currentIndex(this.state)];
    if (step === undefined || this.details.has(step.index)) return;
    const index = step.index;
    this.api.getMessage({ index }).then((detail) => {
      this.details.set(index, detail);
      if (this.steps[currentIndex(this.state)]?.index === index) this.render(false);
    }, (error: Error) => this.events.error(error.message));
  }

  private schedule(): void {
    this.stopTimer();
    if (!this.state.playing) return;
    const offsets = this.steps.map((s) => s.offsetMs);
    const delay = replayDelayMs(offsets, this.state.cursor.position, this.state.pacing, this.state.speed);
    if (delay === undefined) {
      this.update(applyStep(this.state, { type: 'pause' }));
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.update(applyStep(this.state, { type: 'tick' }));
    }, delay);
  }

  private stopTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private render(toolbar: boolean): void {
    const source = this.source;
    const lesson = this.lesson;
    if (toolbar) {
      this.toolbar.render(this.locale, lesson !== undefined ? pickText(lesson.title, this.locale) : uiText(this.locale, 'step.callTitle', { name: source?.name ?? '' }));
    }
    this.toolbar.sync(this.state, this.presenter, this.authoring);
    const step = this.steps[currentIndex(this.state)];
    this.ladder.setLabel(uiText(this.locale, 'step.ladder'));
    this.ladder.setNotes(this.noteMarks(lesson));
    // An author picks any arrow: all of them are drawn, the current one highlighted.
    this.ladder.show(this.authoring ? this.state.cursor.total : this.state.cursor.position, currentIndex(this.state));
    if (this.authoring) this.author?.render({ locale: this.locale, position: this.state.cursor.position, steps: this.steps });
    if (source === undefined) return;
    if (!this.loaded) {
      this.panel.replaceChildren(el('p', { class: 'muted' }, uiText(this.locale, 'step.loading')));
      return;
    }
    renderStepPanel(this.panel, {
      locale: this.locale, state: this.state, steps: this.steps, lesson, title: source.name,
      hiddenNoise: this.all.length - this.steps.length, truncated: this.truncated, presenter: this.presenter,
      detail: step === undefined ? undefined : this.details.get(step.index), rawOpen: this.rawOpen,
    }, {
      reveal: (questions) => this.apply({ type: 'reveal', questions }),
      hide: (questions) => this.apply({ type: 'hide', questions }),
      rawToggled: (open) => {
        this.rawOpen = open;
      },
    });
  }

  stop(): void {
    this.stopTimer();
    this.loadSeq++;
    this.state = applyStep(this.state, { type: 'pause' });
  }
}
