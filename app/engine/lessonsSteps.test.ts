import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../core/src/explain/i18n/locale.ts';
import { buildLessonView } from '../../core/src/explain/lesson/lessonView.ts';
import { parseLesson } from '../../core/src/explain/lesson/parseLesson.ts';
import { analyzeCaptureBytes } from '../../core/src/pipeline/captureAnalysis.ts';
import type { StepsQuery } from '../shared/classroomTypes.ts';
import { CaptureSession } from './captureSession.ts';
import { buildStepsPage, stepIndices } from './lessonsSteps.ts';
import { readCapture, TRAPEZOID_PATH } from './testCaptures.ts';

const LESSONS = fileURLToPath(new URL('../../lessons/', import.meta.url));

function session(bytes: Uint8Array, finish = true): CaptureSession {
  const s = new CaptureSession({ session: 3, name: 'lesson.pcap', totalBytes: bytes.length, now: () => 0 });
  s.push(bytes);
  if (finish) s.finish();
  return s;
}

const query = (over: Partial<StepsQuery> = {}): StepsQuery => ({ session: 3, locale: 'en', rows: [], offset: 0, limit: 500, nodes: {}, ...over });

function loadLesson(id: string): { lesson: NonNullable<ReturnType<typeof parseLesson>['lesson']>; bytes: Uint8Array } {
  const file = join(LESSONS, id, 'lesson.json');
  const { lesson } = parseLesson(readFileSync(file, 'utf8'), id);
  if (lesson === undefined) throw new Error(`lesson ${id} does not parse`);
  return { lesson, bytes: new Uint8Array(readFileSync(resolve(dirname(file), lesson.capture))) };
}

describe('the step-through in the worker', () => {
  const ids = readdirSync(LESSONS).filter((id) => !id.includes('.')).sort();

  it('finds the whole lesson library', () => {
    expect(ids.length).toBeGreaterThanOrEqual(20);
  });

  it.each(ids)('steps through lesson %s with the same arrows and explanations as the CLI, in every language', (id) => {
    const { lesson, bytes } = loadLesson(id);
    const s = session(bytes);
    const reference = analyzeCaptureBytes(bytes);
    for (const locale of LOCALES) {
      const page = buildStepsPage(s.engine, query({ locale, nodes: { ...lesson.nodes } }));
      const view = buildLessonView(lesson, reference, locale);
      expect(page.ready).toBe(true);
      expect(page.total).toBe(view.steps.length);
      expect(page.steps.map((st) => [st.index + 1, st.from, st.to, st.label, st.retransmission])).toEqual(
        view.steps.map((st) => [st.number, st.from, st.to, st.label, st.retransmission]));
      expect(page.steps.map((st) => st.explanations.map((e) => (e.ref ? `${e.text} (${e.ref})` : e.text)))).toEqual(view.steps.map((st) => st.explanations));
    }
    // The notes refer to messages that exist in the session, as `lesson check` requires.
    for (const n of Object.keys(lesson.notes)) expect(Number(n)).toBeLessThanOrEqual(s.engine.records.length);
  });

  it('says it is not ready until the capture is correlated', () => {
    const s = session(readCapture(TRAPEZOID_PATH), false);
    expect(buildStepsPage(s.engine, query())).toMatchObject({ ready: false, total: 0, steps: [] });
    s.finish();
    expect(buildStepsPage(s.engine, query())).toMatchObject({ ready: true, total: 14 });
  });

  it('pages through the messages of call-list rows in capture order, with times from the first message', () => {
    const s = session(readCapture(TRAPEZOID_PATH));
    expect(stepIndices(s.engine, [0])).toEqual(Array.from({ length: 14 }, (_, i) => i));
    const first = buildStepsPage(s.engine, query({ rows: [0], limit: 5 }));
    const second = buildStepsPage(s.engine, query({ rows: [0], offset: 5, limit: 5 }));
    expect(first.steps.map((st) => st.index)).toEqual([0, 1, 2, 3, 4]);
    expect(second.steps.map((st) => st.index)).toEqual([5, 6, 7, 8, 9]);
    expect(first.total).toBe(14);
    expect(first.steps[0]).toMatchObject({ offsetMs: 0, request: true, method: 'INVITE', noise: false, transport: 'UDP' });
    expect(second.steps[4]!.offsetMs).toBeCloseTo(2503, 6);
    expect(first.steps[1]!.explanations.map((e) => e.ref)).toContain('RFC 3261 §16.2');
  });

  it('names nodes as the lesson does, by address and port', () => {
    const s = session(readCapture(TRAPEZOID_PATH));
    const page = buildStepsPage(s.engine, query({ nodes: { alice: '192.0.2.1:5060', atlanta: '192.0.2.2' } }));
    expect(page.steps[0]).toMatchObject({ from: 'alice', to: 'atlanta', src: '192.0.2.1:5060', dst: '192.0.2.2:5060' });
  });

  it('marks OPTIONS and REGISTER traffic as noise, requests and their responses', () => {
    const { bytes } = loadLesson('register-digest-tcp');
    const page = buildStepsPage(session(bytes).engine, query());
    expect(page.steps.length).toBeGreaterThan(0);
    expect(page.steps.every((st) => st.noise)).toBe(true);
  });
});
