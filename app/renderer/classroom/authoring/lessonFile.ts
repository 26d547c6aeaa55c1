/**
 * "Open lesson file…": a lesson bundle read in the page (docs/lessons.md), its capture opened as a new
 * session (openBytes, as a dropped capture is), and, once the capture is analysed, every note and question
 * moved to the message its anchor (frame, place in the frame) names — the arrow it was written for.
 */
import type { Lesson } from '../../../../core/src/explain/lesson/lessonTypes.ts';
import { LESSON_BUNDLE_SUFFIX, parseLessonBundle } from '../../../../core/src/explain/lesson/lessonBundle.ts';
import { placeByAnchors } from '../../../../core/src/explain/lesson/lessonBundleAnchors.ts';
import { MAX_STEPS_PAGE } from '../../../shared/ipcContract.ts';
import type { RendererApi } from '../../api/rendererApi.ts';

/** Larger files are refused before reading: a lesson is a few calls. */
export const MAX_LESSON_FILE_BYTES = 256 * 2 ** 20;
const READY_POLL_MS = 150;
const READY_TIMEOUT_MS = 120_000;

export interface OpenedLessonFile {
  session: number;
  lesson: Lesson;
  /** Anchors that name no message now, as "where: message" (the notes stayed on their numbers). */
  warnings: string[];
}

export class LessonFileError extends Error {
  override readonly name = 'LessonFileError';
}

/** The frame of every message of a session, in message order, once it is analysed. */
export async function messageFrames(api: Pick<RendererApi, 'getSteps'>, session: number, sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))): Promise<number[]> {
  const frames: number[] = [];
  const started = Date.now();
  for (let offset = 0; ;) {
    const page = await api.getSteps({ session, locale: 'en', rows: [], offset, limit: MAX_STEPS_PAGE, nodes: {} });
    if (page.session !== session) throw new LessonFileError('another capture was opened meanwhile');
    if (!page.ready) {
      if (Date.now() - started > READY_TIMEOUT_MS) throw new LessonFileError('the capture takes too long to analyse');
      await sleep(READY_POLL_MS);
      continue;
    }
    for (const s of page.steps) frames.push(s.frame);
    offset += page.steps.length;
    if (offset >= page.total || page.steps.length === 0) return frames;
  }
}

export async function openLessonFile(api: Pick<RendererApi, 'openBytes' | 'getSteps'>, file: Pick<File, 'name' | 'size' | 'text'>): Promise<OpenedLessonFile> {
  if (file.size > MAX_LESSON_FILE_BYTES) throw new LessonFileError(`${file.name} is too large for a lesson file`);
  const id = file.name.replace(new RegExp(`(${LESSON_BUNDLE_SUFFIX.replace(/\./g, '\\.')}|\\.json)$`), '') || 'lesson';
  const { bundle, issues } = parseLessonBundle(await file.text(), id);
  const describe = (i: { where: string; message: string }): string => `${i.where}: ${i.message}`;
  if (bundle === undefined) throw new LessonFileError(issues.filter((i) => i.severity === 'error').slice(0, 3).map(describe).join('; '));
  const opened = await api.openBytes(bundle.captureName, bundle.capture);
  const placed = placeByAnchors(bundle.lesson, bundle.anchors, await messageFrames(api, opened.session));
  // A language left untranslated is normal for a teacher's own lesson: only what moved or went missing is worth a word.
  return { session: opened.session, lesson: placed.lesson, warnings: placed.issues.map(describe) };
}
