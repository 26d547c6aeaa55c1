/**
 * The author panel beside the step-through's ladder: the language being written, anonymise, Save; then,
 * before the first message, the lesson's title, story, goals, source and questions about the whole flow,
 * and at a message, its note and the questions about it; always the list of notes written so far. The
 * form is rebuilt only when the message or a language changes, so typing never loses focus; the preview
 * (step panel, ladder) follows every keystroke through `changed`.
 */
import { LOCALES, type Locale } from '../../../../core/src/explain/i18n/locale.ts';
import { pickText } from '../../../../core/src/explain/lesson/localizedText.ts';
import type { StepView } from '../../../shared/ipcContract.ts';
import { el } from '../../dom.ts';
import { LANGUAGE_NAMES, uiText, type UiKey } from '../i18n/uiText.ts';
import { questionEditor, textField } from './authorFields.ts';
import { addQuestion, filledText, type LessonDraft, notedIndices, removeQuestion, setNote } from './lessonDraft.ts';

export interface AuthorContext {
  locale: Locale;
  /** 0: before the first message (the lesson's own texts); n: the n-th message of the step-through. */
  position: number;
  steps: readonly StepView[];
}

export interface AuthorEvents {
  /** The draft changed: refresh the preview. */
  changed(): void;
  /** Show a message (record index), or the lesson's intro (null). */
  goTo(index: number | null): void;
  save(): void;
}

export type StatusKind = 'info' | 'ok' | 'error';

export class AuthorPanel {
  readonly root: HTMLElement;
  private readonly head = el('div', { class: 'author-head' });
  private readonly body = el('div', { class: 'author-body' });
  private readonly notesList = el('section', { class: 'author-notes-list' });
  private readonly status = el('p', { id: 'author-status', class: 'author-status', role: 'status', 'aria-live': 'polite' });
  private ctx: AuthorContext = { locale: 'en', position: 0, steps: [] };
  private shown = '';

  constructor(private readonly draft: LessonDraft, private readonly events: AuthorEvents) {
    this.root = el('aside', { class: 'author-panel', 'aria-label': 'author' }, this.head, this.status, this.body, this.notesList);
  }

  /** Rebuilds the form when the message or a language changed (never on a keystroke); the notes list always. */
  render(ctx: AuthorContext): void {
    this.ctx = ctx;
    const step = ctx.steps[ctx.position - 1];
    const key = `${ctx.locale}|${this.draft.language}|${ctx.position}|${step?.index ?? -1}|${ctx.steps.length}`;
    if (key !== this.shown) {
      this.shown = key;
      this.root.setAttribute('aria-label', this.t('author.heading'));
      this.renderHead();
      this.renderBody(step);
    }
    this.renderNotesList();
  }

  setStatus(text: string, kind: StatusKind): void {
    this.status.textContent = text;
    this.status.className = `author-status ${kind}`;
  }

  private t(key: UiKey, params: Record<string, string | number> = {}): string {
    return uiText(this.ctx.locale, key, params);
  }

  private rebuild(): void {
    this.shown = '';
    this.render(this.ctx);
    this.events.changed();
  }

  private renderHead(): void {
    const language = el('select', { id: 'author-language' }, ...LOCALES.map((l) => el('option', { value: l }, LANGUAGE_NAMES[l])));
    language.value = this.draft.language;
    language.addEventListener('change', () => {
      const next = LOCALES.find((l) => l === language.value);
      if (next === undefined) return;
      this.draft.language = next;
      this.rebuild();
    });
    const anonymize = el('input', { type: 'checkbox', id: 'author-anonymize' });
    anonymize.checked = this.draft.anonymize;
    anonymize.addEventListener('change', () => void (this.draft.anonymize = anonymize.checked));
    const save = el('button', { type: 'button', id: 'author-save', class: 'primary' }, this.t('author.save'));
    save.addEventListener('click', () => this.events.save());
    this.head.replaceChildren(
      el('h2', {}, this.t('author.heading')),
      el('div', { class: 'author-controls' },
        el('label', { class: 'author-language' }, this.t('author.language'), ' ', language),
        el('label', { class: 'author-anonymize', title: this.t('author.anonymizeHint') }, anonymize, ' ', this.t('author.anonymize')),
        save),
    );
  }

  private renderBody(step: StepView | undefined): void {
    const changed = (): void => this.events.changed();
    const language = this.draft.language;
    const parts: HTMLElement[] = [];
    if (step === undefined) {
      const goals = el('ol', { class: 'author-goals' }, ...this.draft.goals.map((_, i) => {
        const remove = el('button', { type: 'button', class: 'author-remove-goal', 'aria-label': `${this.t('author.remove')} — ${this.t('author.goal', { n: i + 1 })}` }, '×');
        remove.addEventListener('click', () => {
          this.draft.goals.splice(i, 1);
          this.rebuild();
        });
        return el('li', {}, textField({ cls: 'author-goal', label: this.t('author.goal', { n: i + 1 }), language,
          get: () => this.draft.goals[i] ?? {}, set: (text) => void (this.draft.goals[i] = text), changed }), remove);
      }));
      const addGoal = el('button', { type: 'button', id: 'author-add-goal' }, this.t('author.addGoal'));
      addGoal.addEventListener('click', () => {
        this.draft.goals.push({});
        this.rebuild();
      });
      const source = el('input', { type: 'text', id: 'author-source', class: 'author-input' });
      source.value = this.draft.source;
      source.addEventListener('input', () => {
        this.draft.source = source.value;
        changed();
      });
      parts.push(el('section', { class: 'author-lesson' },
        el('h3', {}, this.t('author.lessonSection')),
        textField({ id: 'author-title', label: this.t('author.lessonTitle'), language, get: () => this.draft.title, set: (text) => void (this.draft.title = text), changed }),
        textField({ id: 'author-narrative', label: this.t('author.narrative'), placeholder: this.t('author.narrativeHint'), multiline: 4, language,
          get: () => this.draft.narrative, set: (text) => void (this.draft.narrative = text), changed }),
        el('div', { class: 'author-field' }, el('span', { class: 'author-label' }, this.t('author.goals')), goals, addGoal),
        el('label', { class: 'author-field' }, el('span', { class: 'author-label' }, this.t('author.source')), source),
      ), this.questions(null, undefined), el('p', { class: 'muted author-hint' }, this.t('author.pickArrow')));
    } else {
      const toLesson = el('button', { type: 'button', id: 'author-edit-lesson', class: 'link' }, `← ${this.t('author.editLesson')}`);
      toLesson.addEventListener('click', () => this.events.goTo(null));
      const removeNote = el('button', { type: 'button', id: 'author-remove-note' }, this.t('author.removeNote'));
      removeNote.disabled = !this.draft.notes.has(step.index);
      removeNote.addEventListener('click', () => {
        this.draft.notes.delete(step.index);
        this.rebuild();
      });
      const note = textField({ id: 'author-note', label: this.t('author.note'), placeholder: this.t('author.notePlaceholder'), multiline: 3, language,
        get: () => this.draft.notes.get(step.index) ?? {},
        set: (text) => {
          setNote(this.draft, step.index, text[language] ?? '');
          removeNote.disabled = !this.draft.notes.has(step.index);
        },
        changed });
      parts.push(toLesson, el('section', { class: 'author-message' },
        el('h3', {}, this.t('author.messageSection', { n: this.ctx.position, label: step.label })),
        el('p', { class: 'muted author-route' }, `${step.from} → ${step.to}`),
        note, removeNote,
      ), this.questions(step.index, { index: step.index, position: this.ctx.position }));
    }
    this.body.replaceChildren(...parts);
  }

  /** The questions about one message (or the whole flow), with the button adding one there. */
  private questions(index: number | null, current: { index: number; position: number } | undefined): HTMLElement {
    const list = el('ol', { class: 'author-questions-list' });
    this.draft.questions.forEach((q, i) => {
      if (q.index !== index) return;
      list.appendChild(questionEditor(q, {
        locale: this.ctx.locale, language: this.draft.language, number: i + 1, current, changed: () => this.events.changed(),
        moved: (to) => {
          q.index = to;
          this.rebuild();
        },
        remove: () => {
          removeQuestion(this.draft, q.id);
          this.rebuild();
        },
      }));
    });
    const add = el('button', { type: 'button', id: 'author-add-question' }, this.t('author.addQuestion'));
    add.addEventListener('click', () => {
      addQuestion(this.draft, index);
      this.rebuild();
      this.body.querySelector<HTMLTextAreaElement>('.author-question:last-child textarea.author-question-text')?.focus();
    });
    return el('section', { class: 'author-questions' }, el('h3', {}, this.t(index === null ? 'author.flowQuestions' : 'author.questions')), list, add);
  }

  private renderNotesList(): void {
    const noted = notedIndices(this.draft);
    const positionOf = new Map(this.ctx.steps.map((s, i) => [s.index, i + 1]));
    const items = noted.map((index) => {
      const step = this.ctx.steps[(positionOf.get(index) ?? 0) - 1];
      const text = pickText(filledText(this.draft.notes.get(index)!), this.ctx.locale);
      const button = el('button', { type: 'button', class: 'author-note-link', 'data-index': index },
        el('b', {}, `${positionOf.get(index) ?? index + 1}. ${step?.label ?? ''}`), ' ', text.length > 90 ? `${text.slice(0, 89)}…` : text);
      button.addEventListener('click', () => this.events.goTo(index));
      return el('li', {}, button);
    });
    this.notesList.replaceChildren(
      el('h3', {}, this.t('author.notesList', { count: noted.length })),
      noted.length === 0 ? el('p', { class: 'muted' }, this.t('author.noNotes')) : el('ul', { id: 'author-notes' }, ...items),
    );
  }
}
