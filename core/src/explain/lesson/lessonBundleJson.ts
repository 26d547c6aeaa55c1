/**
 * A lesson written back as the `lesson.json` of docs/lessons.md: the documented fields in the documented
 * order, notes by ascending message number, optional fields only when set — so a saved or imported lesson
 * reads like one a teacher wrote, and `parseLesson` reads it back unchanged.
 */
import type { Lesson, LessonQuestion, LocalizedText } from './lessonTypes.ts';

/** What a lesson file holds: a lesson without its id (the id is the folder or file name). */
export type LessonContent = Omit<Lesson, 'id'>;

export interface LessonJson {
  format: 1;
  capture: string;
  order?: number;
  source?: string;
  nodes?: Record<string, string>;
  title: LocalizedText;
  narrative: LocalizedText;
  goals?: LocalizedText[];
  notes?: Record<string, LocalizedText>;
  questions?: { step?: number; question: LocalizedText; answer: LocalizedText }[];
}

export function lessonJson(lesson: LessonContent): LessonJson {
  // In the documented order: format, capture, order, source, nodes, title, narrative, goals, notes, questions.
  const ordered: LessonJson = {
    format: 1, capture: lesson.capture,
    ...(lesson.order !== undefined ? { order: lesson.order } : {}),
    ...(lesson.source !== undefined ? { source: lesson.source } : {}),
    ...(Object.keys(lesson.nodes).length > 0 ? { nodes: { ...lesson.nodes } } : {}),
    title: lesson.title, narrative: lesson.narrative,
  };
  if (lesson.goals.length > 0) ordered.goals = [...lesson.goals];
  const numbers = Object.keys(lesson.notes).map(Number).sort((a, b) => a - b);
  if (numbers.length > 0) ordered.notes = Object.fromEntries(numbers.map((n) => [String(n), lesson.notes[n]!]));
  if (lesson.questions.length > 0) ordered.questions = lesson.questions.map(questionJson);
  return ordered;
}

function questionJson(q: LessonQuestion): { step?: number; question: LocalizedText; answer: LocalizedText } {
  return { ...(q.step !== undefined ? { step: q.step } : {}), question: q.question, answer: q.answer };
}
