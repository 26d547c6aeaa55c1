/**
 * The classroom (issue #7): the Lessons screen and the step-through, the language chooser (top bar,
 * localStorage), the glossary's hover help, and presenter mode — high contrast, large type, noise hidden,
 * full screen (Fullscreen API), slide keys. The app shows it as the Lessons tab.
 */
import type { Locale } from '../../../core/src/explain/i18n/locale.ts';
import { LOCALES } from '../../../core/src/explain/i18n/locale.ts';
import type { RendererApi } from '../api/rendererApi.ts';
import { el } from '../dom.ts';
import { classroomKey } from './classroomKeys.ts';
import { GlossaryTip } from './glossaryTip.ts';
import { LANGUAGE_NAMES, uiText } from './i18n/uiText.ts';
import { loadLocale, saveLocale } from './language.ts';
import { LessonFileError, openLessonFile } from './authoring/lessonFile.ts';
import { type CaptureInfo, LessonsScreen } from './lessonsScreen.ts';
import { type StepSource, StepThrough } from './stepThrough.ts';

export interface ClassroomHost {
  /** The capture open now (session 0 when none), and the rows of the call open in the Ladder view. */
  capture(): CaptureInfo & { session: number };
  error(message: string): void;
}

type Screen = 'list' | 'step';

export class ClassroomView {
  private locale: Locale;
  private screen: Screen = 'list';
  private presenter = false;
  private enteredFullscreen = false;
  private readonly lessons: LessonsScreen;
  private readonly steps: StepThrough;
  /** Sessions this view opened (lessons): the app must not jump to the call list for them. */
  private readonly own = new Set<number>();
  private opening = false;

  constructor(private readonly root: HTMLElement, private readonly api: RendererApi, private readonly host: ClassroomHost) {
    this.locale = loadLocale(localStorage, navigator);
    this.lessons = new LessonsScreen(api, {
      open: (id) => void this.openLesson(id),
      stepCall: (rows) => this.stepThrough(rows),
      stepAll: () => this.stepThrough([]),
      openFile: (file) => void this.openLessonFile(file),
      error: (m) => host.error(m),
    });
    this.steps = new StepThrough(api, {
      back: () => this.showList(),
      error: (m) => host.error(m),
      togglePresenter: () => this.setPresenter(!this.presenter),
    });
    root.replaceChildren(this.lessons.root, this.steps.root);
    this.steps.root.hidden = true;
    new GlossaryTip(api, () => this.locale);
    this.wireLanguage();
    document.addEventListener('keydown', (e) => this.onKey(e));
    document.addEventListener('fullscreenchange', () => {
      if (document.fullscreenElement === null && this.enteredFullscreen) {
        this.enteredFullscreen = false;
        if (this.presenter) this.setPresenter(false);
      }
    });
    this.applyLocale();
  }

  get language(): Locale {
    return this.locale;
  }

  /** True for a session a lesson opened (or one about to be): the app stays on this tab. */
  owns(session: number): boolean {
    return this.opening || this.own.has(session);
  }

  /** The tab became visible. */
  shown(): void {
    // Another capture was opened meanwhile: the step-through it showed is gone.
    if (this.screen === 'step' && this.steps.open?.session !== this.host.capture().session) this.showList();
    else if (this.screen === 'list') void this.renderList();
    else this.steps.root.querySelector<HTMLElement>('.step-panel')?.focus();
  }

  private get visible(): boolean {
    return !this.root.hidden;
  }

  private async renderList(): Promise<void> {
    await this.lessons.render(this.locale, this.host.capture());
  }

  private showList(): void {
    this.steps.stop();
    if (this.presenter) this.setPresenter(false);
    this.screen = 'list';
    this.steps.root.hidden = true;
    this.lessons.root.hidden = false;
    void this.renderList().then(() => this.lessons.focus());
  }

  private showSteps(): void {
    this.screen = 'step';
    this.lessons.root.hidden = true;
    this.steps.root.hidden = false;
  }

  private async openLesson(id: string): Promise<void> {
    this.opening = true;
    try {
      const opened = await this.api.openLesson(id);
      this.own.add(opened.session);
      this.showSteps();
      await this.steps.start({ session: opened.session, rows: [], lesson: opened.lesson, name: opened.name }, this.locale, this.presenter);
    } catch (error) {
      this.host.error((error as Error).message);
    } finally {
      this.opening = false;
    }
  }

  /** A lesson bundle (saved from the app): its capture becomes the session, its notes land on their arrows. */
  async openLessonFile(file: File): Promise<void> {
    this.opening = true;
    try {
      const opened = await openLessonFile(this.api, file);
      this.own.add(opened.session);
      this.showSteps();
      if (opened.warnings.length > 0) this.host.error(uiText(this.locale, 'lessons.fileWarnings', { warnings: opened.warnings.join('; ') }));
      await this.steps.start({ session: opened.session, rows: [], lesson: opened.lesson, name: file.name }, this.locale, this.presenter);
    } catch (error) {
      const message = (error as Error).message;
      this.host.error(error instanceof LessonFileError ? uiText(this.locale, 'lessons.fileBroken', { error: message }) : message);
    } finally {
      this.opening = false;
    }
  }

  private stepThrough(rows: number[]): void {
    const capture = this.host.capture();
    if (capture.session === 0) return;
    const source: StepSource = { session: capture.session, rows, name: capture.name ?? '' };
    this.showSteps();
    void this.steps.start(source, this.locale, this.presenter);
  }

  private setPresenter(on: boolean): void {
    this.presenter = on;
    const html = document.documentElement;
    if (on) html.dataset.presenter = 'on';
    else delete html.dataset.presenter;
    this.steps.setPresenter(on);
    if (on && document.fullscreenElement === null) {
      // The Fullscreen API needs a user gesture (the key or the button that got us here).
      html.requestFullscreen?.().then(() => {
        this.enteredFullscreen = true;
      }, () => this.host.error(uiText(this.locale, 'step.fullscreenRefused')));
    } else if (!on && document.fullscreenElement !== null && this.enteredFullscreen) {
      this.enteredFullscreen = false;
      void document.exitFullscreen().catch(() => undefined);
    }
  }

  private onKey(e: KeyboardEvent): void {
    if (!this.visible || this.screen !== 'step' || e.defaultPrevented) return;
    const target = e.target as HTMLElement;
    if (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA') return;
    const onControl = target.tagName === 'BUTTON' || target.tagName === 'SUMMARY' || target.getAttribute('role') === 'button';
    const action = classroomKey(e, { presenter: this.presenter, onControl });
    if (action === undefined) return;
    e.preventDefault();
    this.steps.apply(action);
  }

  private wireLanguage(): void {
    const select = document.getElementById('language-select') as HTMLSelectElement | null;
    if (select === null) return;
    select.replaceChildren(...LOCALES.map((l) => {
      const option = el('option', { value: l }, LANGUAGE_NAMES[l]);
      option.lang = l;
      return option;
    }));
    select.value = this.locale;
    select.addEventListener('change', () => {
      const next = LOCALES.find((l) => l === select.value);
      if (next !== undefined) void this.setLocale(next);
    });
  }

  async setLocale(locale: Locale): Promise<void> {
    this.locale = locale;
    saveLocale(localStorage, locale);
    this.applyLocale();
    if (this.screen === 'list') await this.renderList();
    else await this.steps.setLocale(locale);
  }

  private applyLocale(): void {
    const select = document.getElementById('language-select') as HTMLSelectElement | null;
    if (select !== null) {
      select.value = this.locale;
      select.setAttribute('aria-label', uiText(this.locale, 'settings.language'));
      select.title = uiText(this.locale, 'settings.language');
    }
    const tab = document.getElementById('tab-lessons');
    if (tab !== null) tab.textContent = uiText(this.locale, 'tab.lessons');
    // Lesson and explanation text is in this language: say so for screen readers and hyphenation.
    this.root.lang = this.locale;
  }
}
