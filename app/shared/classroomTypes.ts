/**
 * What the classroom screens exchange with the backend (issue #7): the lesson library, an opened lesson,
 * the step-through of a capture with its explanations (RFC sections), and glossary entries. Plain JSON.
 */
import type { Locale } from '../../core/src/explain/i18n/locale.ts';
import type { Lesson } from '../../core/src/explain/lesson/lessonTypes.ts';
import type { OpenResult } from './apiTypes.ts';

export type { Locale } from '../../core/src/explain/i18n/locale.ts';
export type { Lesson, LocalizedText } from '../../core/src/explain/lesson/lessonTypes.ts';

/** One lesson of the library, its texts in the language asked for. */
export interface LessonSummary {
  id: string;
  title: string;
  narrative: string;
  goals: string[];
  source: string | null;
  order: number | null;
  /** Notes and questions it has, to show on the card. */
  notes: number;
  questions: number;
  /** The lesson file has errors (it cannot be opened): the first one, as `sipladder lesson check` says it. */
  error: string | null;
}

/** A lesson opened: its capture is being analysed as a new session, and the lesson in every language. */
export interface LessonOpened extends OpenResult {
  lesson: Lesson;
}

export interface StepsQuery {
  session: number;
  locale: Locale;
  /** Call-list rows whose messages to step through; empty: every message of the capture (a lesson). */
  rows: number[];
  offset: number;
  limit: number;
  /** Names for nodes ("alice" → "192.0.2.10:5060"), as a lesson gives them; {} for none. */
  nodes: Record<string, string>;
}

export interface StepExplanation {
  text: string;
  /** "RFC 3261 §16.6" ('' when the rule has none). */
  ref: string;
}

/** One message of a step-through, in capture (time) order. */
export interface StepView {
  /** Record index; the message number a lesson's notes use is index + 1. */
  index: number;
  frame: number;
  offsetMs: number;
  from: string;
  to: string;
  src: string;
  dst: string;
  request: boolean;
  method: string;
  statusCode: number;
  /** "INVITE sip:bob@biloxi.com" or "180 Ringing". */
  label: string;
  transport: string;
  retransmission: boolean;
  dialog: number;
  sdp: boolean;
  /** OPTIONS or REGISTER traffic (hidden in presenter mode when there is anything else). */
  noise: boolean;
  explanations: StepExplanation[];
}

export interface StepsPage {
  session: number;
  generation: number;
  /** False while the capture is still being read or correlated: ask again when it is done. */
  ready: boolean;
  /** Messages in the step-through (at most MAX_STEP_MESSAGES). */
  total: number;
  /** More messages than that: only the first ones can be stepped through. */
  truncated: boolean;
  offset: number;
  steps: StepView[];
}

export interface GlossaryView {
  term: string;
  kind: 'header' | 'parameter';
  compact: string | null;
  text: string;
  ref: string;
}

/** A step-through holds at most this many messages; a classroom does not step through more. */
export const MAX_STEP_MESSAGES = 5000;
export const MAX_STEPS_PAGE = 500;
