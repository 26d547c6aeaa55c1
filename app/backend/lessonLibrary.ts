/**
 * The lesson library on disk for the app (docs/lessons.md): lessons/<id>/lesson.json, found through
 * $SIPLADDER_LESSONS or the first lessons/ folder above the running program or the working directory.
 * Opening a lesson starts a new analysis session on its capture (the worker reads the file itself; a
 * .flow is built here first). The page names a lesson, never a path, and a lesson's capture must lie in
 * the library or in the repository's fixtures/ folder next to it.
 */
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { Locale } from '../../core/src/explain/i18n/locale.ts';
import type { Lesson } from '../../core/src/explain/lesson/lessonTypes.ts';
import { parseLesson } from '../../core/src/explain/lesson/parseLesson.ts';
import { buildFlowFile } from '../../core/testkit/flow/buildFlowFile.ts';
import { summarizeLessons, type LessonFile } from '../engine/lessonsCatalog.ts';
import type { LessonOpened, LessonSummary } from '../shared/classroomTypes.ts';
import type { AnalysisBackend } from './analysisBackend.ts';
import { describeFsError } from './fileChunks.ts';
import { UserError } from './userError.ts';

const MAX_LESSON_BYTES = 1 << 20;
const MAX_LESSONS = 500;
const LESSON_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The library folder: $SIPLADDER_LESSONS, else a lessons/ folder in or above one of `starts` (up to 5 levels). */
export function findLessonRoot(env: { SIPLADDER_LESSONS?: string | undefined }, starts: readonly (string | undefined)[]): string | undefined {
  if (env.SIPLADDER_LESSONS) return isDirectory(env.SIPLADDER_LESSONS) ? resolve(env.SIPLADDER_LESSONS) : undefined;
  for (const start of starts) {
    if (start === undefined) continue;
    let dir = resolve(start);
    for (let i = 0; i < 6; i++) {
      if (isDirectory(join(dir, 'lessons'))) return join(dir, 'lessons');
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return undefined;
}

function inside(path: string, root: string): boolean {
  return path.startsWith(root.endsWith(sep) ? root : root + sep);
}

export type LessonCapture = { kind: 'file'; path: string; name: string } | { kind: 'bytes'; bytes: Uint8Array; name: string };

export class LessonLibrary {
  constructor(readonly root: string | undefined) {}

  /** The library of the running program (see findLessonRoot). */
  static default(): LessonLibrary {
    const script = process.argv[1];
    return new LessonLibrary(findLessonRoot(process.env, [script === undefined ? undefined : dirname(script), process.cwd()]));
  }

  private requireRoot(): string {
    if (this.root === undefined) throw new UserError('no lesson library found: set SIPLADDER_LESSONS to a lessons/ folder');
    return realpathSync(this.root);
  }

  async list(locale: Locale): Promise<LessonSummary[]> {
    if (this.root === undefined) return [];
    const root = this.requireRoot();
    const files: LessonFile[] = [];
    for (const id of readdirSync(root).sort().slice(0, MAX_LESSONS)) {
      if (!LESSON_ID.test(id)) continue;
      const file = join(root, id, 'lesson.json');
      // As in load(): a folder that links outside the library is not one of its lessons.
      if (!existsSync(file) || !inside(realpathSync(join(root, id)), root)) continue;
      try {
        files.push({ id, text: await this.readText(file) });
      } catch {
        files.push({ id, text: '' });
      }
    }
    return summarizeLessons(files, locale);
  }

  /** The lesson and where its capture is; errors are UserErrors naming the field, as `lesson check` does. */
  async load(id: string): Promise<{ lesson: Lesson; capture: LessonCapture }> {
    const root = this.requireRoot();
    if (!LESSON_ID.test(id) || id.includes('..')) throw new UserError(`'${id.slice(0, 40)}' is not a lesson name`);
    const dir = join(root, id);
    const file = join(dir, 'lesson.json');
    if (!existsSync(file) || !inside(realpathSync(dir), root)) throw new UserError(`no lesson named ${id}`);
    const { lesson, issues } = parseLesson(await this.readText(file), id);
    if (lesson === undefined) {
      const first = issues.find((i) => i.severity === 'error');
      throw new UserError(`lesson ${id} has errors${first ? `: ${first.where}: ${first.message}` : ''} (sipladder lesson check ${file})`);
    }
    const wanted = resolve(dir, lesson.capture);
    if (!existsSync(wanted)) throw new UserError(`lesson ${id}: its capture ${lesson.capture} does not exist`);
    const capturePath = realpathSync(wanted);
    const fixtures = join(dirname(root), 'fixtures');
    const allowed = [root, ...(isDirectory(fixtures) ? [realpathSync(fixtures)] : [])];
    if (!allowed.some((r) => inside(capturePath, r))) {
      throw new UserError(`lesson ${id}: its capture must be in the lesson library or the fixtures/ folder next to it`);
    }
    const name = basename(capturePath);
    if (!/\.flow$/i.test(capturePath)) return { lesson, capture: { kind: 'file', path: capturePath, name } };
    try {
      return { lesson, capture: { kind: 'bytes', bytes: buildFlowFile(await this.readText(capturePath)).bytes, name: name.replace(/\.flow$/i, '.pcap') } };
    } catch (error) {
      if (error instanceof UserError) throw error;
      throw new UserError(`lesson ${id}: the flow cannot be built: ${(error as Error).message}`);
    }
  }

  private async readText(path: string): Promise<string> {
    let s;
    try {
      s = statSync(path);
    } catch (error) {
      throw new UserError(describeFsError(path, error));
    }
    if (!s.isFile() || s.size > MAX_LESSON_BYTES) throw new UserError(`${basename(path)}: not a lesson file (a regular file of at most 1 MiB)`);
    return readFile(path, 'utf8');
  }
}

/** Opens a lesson: its capture becomes the current analysis session; the page gets the lesson in every language. */
export async function openLesson(backend: AnalysisBackend, library: LessonLibrary, id: string): Promise<LessonOpened> {
  const { lesson, capture } = await library.load(id);
  if (capture.kind === 'file') return { ...(await backend.openPath(capture.path, capture.name)), lesson };
  const opened = backend.openStream(capture.name, capture.bytes.length, [capture.bytes]);
  await opened.done;
  return { ...opened.result, lesson };
}
