/**
 * The lesson library as the Lessons screen lists it (docs/lessons.md): each lesson file parsed, its texts
 * picked in one language, sorted by `order` then name; a file with errors stays listed, with its first
 * error, so a teacher sees why it does not open. Pure: the files come in as text.
 */
import type { Locale } from '../../core/src/explain/i18n/locale.ts';
import type { Lesson } from '../../core/src/explain/lesson/lessonTypes.ts';
import { pickText } from '../../core/src/explain/lesson/localizedText.ts';
import { parseLesson } from '../../core/src/explain/lesson/parseLesson.ts';
import type { LessonSummary } from '../shared/classroomTypes.ts';
import { clip } from './rowText.ts';

export interface LessonFile {
  id: string;
  text: string;
}

export function lessonSummary(lesson: Lesson, locale: Locale): LessonSummary {
  return {
    id: lesson.id, title: clip(pickText(lesson.title, locale), 300), narrative: clip(pickText(lesson.narrative, locale), 4000),
    goals: lesson.goals.slice(0, 50).map((g) => clip(pickText(g, locale), 1000)), source: lesson.source === undefined ? null : clip(lesson.source, 500),
    order: lesson.order ?? null, notes: Object.keys(lesson.notes).length, questions: lesson.questions.length, error: null,
  };
}

export function summarizeLessons(files: readonly LessonFile[], locale: Locale): LessonSummary[] {
  const out = files.map((file): LessonSummary => {
    const { lesson, issues } = parseLesson(file.text, file.id);
    if (lesson !== undefined) return lessonSummary(lesson, locale);
    const first = issues.find((i) => i.severity === 'error');
    return {
      id: file.id, title: file.id, narrative: '', goals: [], source: null, order: null, notes: 0, questions: 0,
      error: clip(first === undefined ? 'the lesson file has errors' : `${first.where}: ${first.message}`, 500),
    };
  });
  const rank = (s: LessonSummary): number => s.order ?? Number.MAX_SAFE_INTEGER;
  return out.sort((a, b) => rank(a) - rank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
