/**
 * What the page sends to save a lesson it authored (docs/lessons.md, "Saving a lesson from the app") and
 * what comes back: the lesson's texts, notes and questions tied to messages of the open session by record
 * index, which call-list rows it covers, and whether to anonymise; then the bundle's text to save. The
 * argument check lives here too, so ipcContract only names the channel.
 */
import { LOCALES, type Locale } from '../../core/src/explain/i18n/locale.ts';
import type { LocalizedText } from '../../core/src/explain/lesson/lessonTypes.ts';
import { arrayOf, bool, type Check, ContractError, int, nullable, object, str } from '../shared/validate.ts';

export interface DraftNote {
  /** Record index in the open session (the step-through's StepView.index). */
  index: number;
  text: LocalizedText;
}

export interface DraftQuestion {
  /** Record index of the message it is about, or null for a question about the whole flow. */
  index: number | null;
  question: LocalizedText;
  answer: LocalizedText;
}

export interface LessonDraftData {
  title: LocalizedText;
  narrative: LocalizedText;
  goals: LocalizedText[];
  /** Where the material comes from; '' for nothing. */
  source: string;
  notes: DraftNote[];
  questions: DraftQuestion[];
  /** Lane names a lesson opened for editing already had (name → "ip:port"). */
  nodes: Record<string, string>;
}

export interface LessonBundleRequest {
  /** The session the draft was written on: a bundle is refused once another capture is open. */
  session: number;
  /** Call-list rows the step-through walks; [] for the whole capture. */
  rows: number[];
  lesson: LessonDraftData;
  anonymize: boolean;
}

export interface LessonBundleResult {
  ok: boolean;
  /** What was saved (or why nothing was), in English like the other backend messages. */
  message: string;
  /** "call-through-two-proxies.sipladder-lesson.json". */
  fileName: string | null;
  text: string | null;
  /** SIP messages in the bundled capture, and the notes and questions the bundle holds. */
  messages: number;
  notes: number;
  questions: number;
  /** Record indices the draft named that the bundled capture does not have (their notes were left out). */
  lost: number[];
}

export const MAX_DRAFT_TEXT_CHARS = 8000;
export const MAX_DRAFT_NOTES = 1000;
export const MAX_DRAFT_QUESTIONS = 200;
export const MAX_DRAFT_GOALS = 40;
const MAX_INDEX = 2 ** 31 - 1;

/** A text of the draft: one string, or some of en/fr/es/pl (empty strings allowed: unfinished translations). */
export const localizedText: Check<LocalizedText> = (value, path) => {
  if (typeof value === 'string') return str(MAX_DRAFT_TEXT_CHARS, { allowEmpty: true })(value, path);
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) {
    throw new ContractError(`${path}: expected a text or an object of texts by language`);
  }
  const out: Partial<Record<Locale, string>> = {};
  for (const [key, text] of Object.entries(value as Record<string, unknown>)) {
    const locale = LOCALES.find((l) => l === key);
    if (locale === undefined) throw new ContractError(`${path}: unknown language '${key.slice(0, 20)}'`);
    out[locale] = str(MAX_DRAFT_TEXT_CHARS, { allowEmpty: true })(text, `${path}.${key}`);
  }
  return out;
};

const index = int(0, MAX_INDEX);

const nodeNames: Check<Record<string, string>> = (value, path) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) {
    throw new ContractError(`${path}: expected an object of node names`);
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > 100) throw new ContractError(`${path}: at most 100 node names`);
  return Object.fromEntries(entries.map(([name, endpoint]) => [str(80)(name, `${path} key`), str(200)(endpoint, `${path}.${name.slice(0, 40)}`)]));
};

export const lessonDraftData: Check<LessonDraftData> = object<LessonDraftData>({
  title: localizedText,
  narrative: localizedText,
  goals: arrayOf(localizedText, MAX_DRAFT_GOALS),
  source: str(500, { allowEmpty: true }),
  notes: arrayOf(object<DraftNote>({ index, text: localizedText }), MAX_DRAFT_NOTES),
  questions: arrayOf(object<DraftQuestion>({ index: nullable(index), question: localizedText, answer: localizedText }), MAX_DRAFT_QUESTIONS),
  nodes: nodeNames,
});

export const lessonBundleRequest: Check<LessonBundleRequest> = object<LessonBundleRequest>({
  session: int(0, MAX_INDEX),
  rows: arrayOf(index, 50),
  lesson: lessonDraftData,
  anonymize: bool,
});
