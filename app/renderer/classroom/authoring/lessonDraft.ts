/**
 * A lesson being written in the app, as data (docs/lessons.md): title, story, goals and source, notes by
 * message (record index of the open session), questions tied to a message or to the whole flow — every
 * text per language, the teacher writing in one language at a time. Pure: the author panel edits it,
 * the step-through previews it as a Lesson, and saving sends it to the backend as LessonDraftData.
 */
import { LOCALES, type Locale } from '../../../../core/src/explain/i18n/locale.ts';
import type { Lesson, LessonQuestion, LocalizedText } from '../../../../core/src/explain/lesson/lessonTypes.ts';
import type { LessonDraftData } from '../../../shared/ipcContract.ts';
import type { UiKey } from '../i18n/uiText.ts';

export type DraftText = Partial<Record<Locale, string>>;

export interface DraftQuestion {
  /** Stable within the draft (editors are keyed by it). */
  readonly id: number;
  /** Record index of the message it is about, or null for the whole flow. */
  index: number | null;
  question: DraftText;
  answer: DraftText;
}

export interface LessonDraft {
  title: DraftText;
  narrative: DraftText;
  goals: DraftText[];
  source: string;
  /** Notes by record index (message number − 1). */
  notes: Map<number, DraftText>;
  questions: DraftQuestion[];
  /** Lane names a lesson opened for editing already had; kept as they are. */
  nodes: Record<string, string>;
  /** The language the teacher writes in now. */
  language: Locale;
  anonymize: boolean;
  nextQuestionId: number;
}

/** A lesson text as a draft: a plain string (the same in every language) is taken as written in `language`. */
export function draftText(text: LocalizedText | undefined, language: Locale): DraftText {
  if (text === undefined) return {};
  if (typeof text === 'string') return { [language]: text };
  return { ...text };
}

/** A new draft, or one to go on editing an opened lesson (its numbers are message numbers: index + 1). */
export function newDraft(language: Locale, lesson?: Lesson): LessonDraft {
  const questions = (lesson?.questions ?? []).map((q, i): DraftQuestion => ({
    id: i + 1, index: q.step === undefined ? null : q.step - 1, question: draftText(q.question, 'en'), answer: draftText(q.answer, 'en'),
  }));
  return {
    title: draftText(lesson?.title, 'en'), narrative: draftText(lesson?.narrative, 'en'), goals: (lesson?.goals ?? []).map((g) => draftText(g, 'en')),
    source: lesson?.source ?? '', nodes: { ...(lesson?.nodes ?? {}) },
    notes: new Map(Object.entries(lesson?.notes ?? {}).map(([n, text]) => [Number(n) - 1, draftText(text, 'en')])),
    questions, language, anonymize: false, nextQuestionId: questions.length + 1,
  };
}

/** Sets the text of one language (an empty text removes that language). */
export function withText(text: DraftText, language: Locale, value: string): DraftText {
  const out = { ...text };
  if (value === '') delete out[language];
  else out[language] = value;
  return out;
}

/** Trimmed languages that say something; undefined when none does. */
export function filledText(text: DraftText): LocalizedText | undefined {
  const out: DraftText = {};
  for (const l of LOCALES) {
    const t = text[l]?.trim();
    if (t) out[l] = t;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

export function setNote(draft: LessonDraft, index: number, value: string): void {
  const text = withText(draft.notes.get(index) ?? {}, draft.language, value);
  if (Object.keys(text).length === 0) draft.notes.delete(index);
  else draft.notes.set(index, text);
}

export function addQuestion(draft: LessonDraft, index: number | null): DraftQuestion {
  const q: DraftQuestion = { id: draft.nextQuestionId++, index, question: {}, answer: {} };
  draft.questions.push(q);
  return q;
}

export function removeQuestion(draft: LessonDraft, id: number): void {
  draft.questions = draft.questions.filter((q) => q.id !== id);
}

/** Record indices that have a note with something in it, ascending. */
export function notedIndices(draft: LessonDraft): number[] {
  return [...draft.notes.entries()].filter(([, t]) => filledText(t) !== undefined).map(([i]) => i).sort((a, b) => a - b);
}

/**
 * The draft as the lesson students will get, on the open session (notes by message number = index + 1):
 * what the step-through shows while the teacher writes. `fallbackTitle` stands in for a title not yet given.
 */
export function previewLesson(draft: LessonDraft, id: string, fallbackTitle: string): Lesson {
  const notes: Record<number, LocalizedText> = {};
  for (const index of notedIndices(draft)) notes[index + 1] = filledText(draft.notes.get(index)!)!;
  const questions: LessonQuestion[] = [];
  for (const q of draft.questions) {
    const question = filledText(q.question);
    if (question === undefined) continue;
    questions.push({ question, answer: filledText(q.answer) ?? '…', ...(q.index !== null ? { step: q.index + 1 } : {}) });
  }
  return {
    id, format: 1, capture: '', title: filledText(draft.title) ?? fallbackTitle, narrative: filledText(draft.narrative) ?? '',
    goals: draft.goals.map(filledText).filter((g): g is LocalizedText => g !== undefined), notes, questions, nodes: draft.nodes,
    ...(draft.source.trim() !== '' ? { source: draft.source.trim() } : {}),
  };
}

/** What stops the draft from being saved, as UI strings with their parameters (checked again by the backend). */
export function draftProblems(draft: LessonDraft): { key: UiKey; params: Record<string, number> }[] {
  const out: { key: UiKey; params: Record<string, number> }[] = [];
  if (filledText(draft.title) === undefined) out.push({ key: 'author.needTitle', params: {} });
  if (filledText(draft.narrative) === undefined) out.push({ key: 'author.needNarrative', params: {} });
  draft.questions.forEach((q, i) => {
    const asked = filledText(q.question) !== undefined;
    const answered = filledText(q.answer) !== undefined;
    if (asked !== answered) out.push({ key: 'author.needAnswer', params: { n: i + 1 } });
  });
  return out;
}

/** The draft as the backend takes it (buildLessonBundle): empty texts go as they are, the backend drops them. */
export function draftData(draft: LessonDraft): LessonDraftData {
  return {
    title: { ...draft.title }, narrative: { ...draft.narrative }, goals: draft.goals.map((g) => ({ ...g })), source: draft.source,
    notes: notedIndices(draft).map((index) => ({ index, text: { ...draft.notes.get(index)! } })),
    questions: draft.questions.map((q) => ({ index: q.index, question: { ...q.question }, answer: { ...q.answer } })),
    nodes: { ...draft.nodes },
  };
}
