import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../shared/apiTypes.ts';
import { AnalysisBackend } from './analysisBackend.ts';
import { dispatch, type DispatchContext } from './dispatch.ts';
import { fileChunks } from './fileChunks.ts';
import { findLessonRoot, LessonLibrary } from './lessonLibrary.ts';
import { UserError } from './userError.ts';
import { inlineAnalysis } from './workerPorts.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const LESSONS = join(REPO, 'lessons');
const CANCEL_FLOW = join(REPO, 'fixtures/scenarios/cancel/cancel.flow');

/** A scratch repository: lessons/ and fixtures/ side by side, plus a folder outside both. */
const scratch = mkdtempSync(join(tmpdir(), 'sipladder-lessons-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function lessonJson(capture: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ format: 1, capture, title: { en: 'A CANCEL', fr: 'Un CANCEL' }, narrative: 'Story.', ...extra });
}

function writeLesson(root: string, id: string, text: string): void {
  mkdirSync(join(root, id), { recursive: true });
  writeFileSync(join(root, id, 'lesson.json'), text);
}

const root = join(scratch, 'repo', 'lessons');
mkdirSync(join(scratch, 'repo', 'fixtures'), { recursive: true });
mkdirSync(join(scratch, 'outside'), { recursive: true });
writeFileSync(join(scratch, 'repo', 'fixtures', 'cancel.flow'), readFileSync(CANCEL_FLOW));
writeFileSync(join(scratch, 'outside', 'secret.pcap'), 'not for the page');
writeLesson(root, 'from-flow', lessonJson('../../fixtures/cancel.flow', { order: 2, goals: [{ en: 'Goal', fr: 'But' }], notes: { 1: 'first' } }));
writeLesson(root, 'escapes', lessonJson('../../../outside/secret.pcap', { order: 1 }));
writeLesson(root, 'broken', '{ "format": 1, "titel": "x" }');
mkdirSync(join(root, 'not-a-lesson'), { recursive: true });
symlinkSync(join(scratch, 'outside', 'secret.pcap'), join(root, 'from-flow', 'link.pcap'));
writeLesson(root, 'via-link', lessonJson('../from-flow/link.pcap'));
writeLesson(join(scratch, 'outside'), 'elsewhere', lessonJson('x.pcap'));
symlinkSync(join(scratch, 'outside', 'elsewhere'), join(root, 'linked-folder'));

function ctxFor(library: LessonLibrary): { ctx: DispatchContext; backend: AnalysisBackend } {
  const backend = new AnalysisBackend(inlineAnalysis(fileChunks).port);
  return { backend, ctx: { backend, capabilities: { mode: 'web', nativeDialogs: false, version: 't' }, native: {}, lessons: library } };
}

function until(backend: AnalysisBackend, phase: string): Promise<ProgressEvent> {
  return new Promise((resolve) => {
    const off = backend.onProgress((e) => {
      if (e.phase === phase) {
        off();
        resolve(e);
      }
    });
  });
}

describe('the lesson library of the app', () => {
  it('finds lessons/ from $SIPLADDER_LESSONS, else above the program or the working directory', () => {
    expect(findLessonRoot({ SIPLADDER_LESSONS: root }, [])).toBe(root);
    expect(findLessonRoot({ SIPLADDER_LESSONS: join(scratch, 'nope') }, [REPO])).toBeUndefined();
    expect(findLessonRoot({}, [join(REPO, 'app', 'backend')])).toBe(LESSONS);
    expect(findLessonRoot({}, [undefined, join(scratch, 'outside')])).toBeUndefined();
  });

  it('lists the shipped lessons in course order with titles in the language asked for', async () => {
    const list = await new LessonLibrary(LESSONS).list('fr');
    expect(list.length).toBeGreaterThanOrEqual(20);
    expect(list.every((l) => l.error === null && l.goals.length > 0)).toBe(true);
    const orders = list.map((l) => l.order ?? Infinity);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    expect(list.find((l) => l.id === 'cancel')?.title).toBe("CANCEL : l'appelant abandonne pendant la sonnerie");
  });

  it('keeps a broken lesson in the list with its first error, and skips folders without lesson.json', async () => {
    const list = await new LessonLibrary(root).list('en');
    // linked-folder points outside the library: not listed (and not opened, below).
    expect(list.map((l) => l.id)).toEqual(['escapes', 'from-flow', 'broken', 'via-link']);
    expect(list.find((l) => l.id === 'broken')?.error).toMatch(/titel.*did you mean 'title'/);
    expect(list.find((l) => l.id === 'from-flow')).toMatchObject({ title: 'A CANCEL', goals: ['Goal'], notes: 1, error: null });
  });

  it('lists nothing when there is no library', async () => {
    expect(await new LessonLibrary(undefined).list('en')).toEqual([]);
    await expect(new LessonLibrary(undefined).load('cancel')).rejects.toThrow(/SIPLADDER_LESSONS/);
  });

  it('refuses captures outside the library and fixtures/, through "..", or through a symbolic link', async () => {
    const library = new LessonLibrary(root);
    await expect(library.load('escapes')).rejects.toThrow(/must be in the lesson library or the fixtures/);
    await expect(library.load('via-link')).rejects.toThrow(/must be in the lesson library or the fixtures/);
    await expect(library.load('../outside')).rejects.toBeInstanceOf(UserError);
    await expect(library.load('missing')).rejects.toThrow(/no lesson named missing/);
    await expect(library.load('linked-folder')).rejects.toThrow(/no lesson named linked-folder/);
    await expect(library.load('broken')).rejects.toThrow(/has errors: titel/);
  });

  it('builds a .flow capture before opening it', async () => {
    const loaded = await new LessonLibrary(root).load('from-flow');
    expect(loaded.capture.kind).toBe('bytes');
    expect(loaded.capture.name).toBe('cancel.pcap');
  });

  it('opens a shipped lesson as a new session and steps through it over dispatch', async () => {
    const { ctx, backend } = ctxFor(new LessonLibrary(LESSONS));
    const done = until(backend, 'done');
    const opened = await dispatch(ctx, 'openLesson', ['cancel']);
    expect(opened).toMatchObject({ name: 'cancel.pcap', session: 1, lesson: { id: 'cancel' } });
    expect((await done).messages).toBeGreaterThan(5);
    const page = await dispatch(ctx, 'getSteps', [{ session: 1, locale: 'pl', rows: [], offset: 0, limit: 100, nodes: opened.lesson.nodes as Record<string, string> }]);
    expect(page.ready).toBe(true);
    expect(page.steps[0]!.from).toBe('phone308');
    expect(page.steps.some((s) => s.method === 'CANCEL')).toBe(true);
  });

  it('opens a lesson whose capture is a flow, and refuses names that are paths', async () => {
    const { ctx, backend } = ctxFor(new LessonLibrary(root));
    const done = until(backend, 'done');
    await dispatch(ctx, 'openLesson', ['from-flow']);
    expect((await done).messages).toBeGreaterThan(5);
    await expect(dispatch(ctx, 'openLesson', ['../outside'])).rejects.toThrow(/lesson name/);
    await expect(dispatch(ctx, 'openLesson', ['/etc/passwd'])).rejects.toThrow(/lesson name/);
  });

  it('answers glossary lookups by name or compact form, in a language, and null for unknown names', async () => {
    const { ctx } = ctxFor(new LessonLibrary(root));
    expect(await dispatch(ctx, 'getGlossary', ['v', 'fr'])).toMatchObject({ term: 'Via', kind: 'header', compact: 'v', ref: expect.stringMatching(/RFC 3261/) });
    expect(await dispatch(ctx, 'getGlossary', ['branch', 'en'])).toMatchObject({ term: 'branch', kind: 'parameter' });
    expect(await dispatch(ctx, 'getGlossary', ['X-Nothing', 'en'])).toBeNull();
    await expect(dispatch(ctx, 'getGlossary', ['Via', 'de' as 'en'])).rejects.toThrow(/one of en, fr, es, pl/);
  });
});
