/**
 * The built-in lesson library (lessons/<id>/lesson.json): one lesson per golden scenario, each in all four
 * languages, each opening on its capture and stepping through to the end with explanations that are the
 * golden fixture's own (the rules themselves are checked against the analysis in explainCapture.test.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeCaptureBytes } from '../../pipeline/captureAnalysis.ts';
import { LOCALES } from '../i18n/locale.ts';
import { explainCapture } from '../rules/explainCapture.ts';
import { renderExplanationLine } from '../rules/renderExplanation.ts';
import { buildLessonView } from './lessonView.ts';
import { checkLessonSteps, parseLesson } from './parseLesson.ts';
import { renderLessonText } from './renderLessonText.ts';
import { atEnd, startCursor, stepBack, stepForward } from './stepCursor.ts';

const REPO = join(__dirname, '../../../..');
const LESSONS = join(REPO, 'lessons');
const SCENARIOS = join(REPO, 'fixtures/scenarios');
const lessonIds = readdirSync(LESSONS).filter((d) => existsSync(join(LESSONS, d, 'lesson.json')));
const scenarioIds = readdirSync(SCENARIOS).filter((d) => existsSync(join(SCENARIOS, d, 'expected.json')));

/** The scenarios issue #7 names, by the folder that teaches each. */
const REQUIRED = [
  'trapezoid-two-proxies', 'one-proxy-no-record-route', 'one-proxy-record-route', 'stateless-proxy', 'cancel',
  'register-digest-tcp', 'decline-603', 'busy-here-486', 'caller-hang-up', 'callee-hang-up', 'redirect-302-voicemail',
  'timeout-408', 'not-acceptable-488', 'too-many-hops-483', 'nat-received-rport', 'proxy-auth-407',
  'register-423-min-expires', 'ok-retransmission-udp', 'bye-reason-q850', 'sdp-codec-negotiation', 'b2bua-call',
];

describe('the lesson library', () => {
  it('has a lesson for every golden scenario, and at least those issue #7 lists', () => {
    expect(lessonIds.sort()).toEqual(expect.arrayContaining(REQUIRED));
    expect(lessonIds.sort()).toEqual(expect.arrayContaining(scenarioIds));
  });

  it('gives every lesson its own place in the list', () => {
    const orders = lessonIds.map((id) => (JSON.parse(readFileSync(join(LESSONS, id, 'lesson.json'), 'utf8')) as { order?: number }).order);
    expect(new Set(orders).size).toBe(lessonIds.length);
  });
});

describe.each(lessonIds)('lesson %s', (id) => {
  const file = join(LESSONS, id, 'lesson.json');
  const parsed = parseLesson(readFileSync(file, 'utf8'), id);
  const lesson = parsed.lesson!;
  const capturePath = resolve(dirname(file), lesson?.capture ?? '');
  const bytes = existsSync(capturePath) ? readFileSync(capturePath) : new Uint8Array();
  const result = analyzeCaptureBytes(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));

  it('is a valid lesson written in English, French, Spanish and Polish (no warning either)', () => {
    expect(parsed.issues).toEqual([]);
    expect(lesson.goals.length).toBeGreaterThan(0);
    expect(lesson.questions.length).toBeGreaterThan(0);
    expect(Object.keys(lesson.notes).length).toBeGreaterThan(0);
  });

  it('names its golden capture, which exists, and only messages the capture has', () => {
    expect(lesson.capture).toBe(`../../fixtures/scenarios/${id}/${id}.pcap`);
    expect(existsSync(capturePath)).toBe(true);
    expect(result.records.length).toBeGreaterThan(0);
    expect(checkLessonSteps(lesson, result.records.length)).toEqual([]);
  });

  it('names every node of its ladder', () => {
    const view = buildLessonView(lesson, result, 'en');
    expect(view.nodes.filter((n) => !(n in lesson.nodes))).toEqual([]);
  });

  for (const locale of LOCALES) {
    it(`opens and steps through to the end in ${locale}, explaining every message as the analysis does`, () => {
      const view = buildLessonView(lesson, result, locale);
      const expected = explainCapture(result);
      let cursor = startCursor(view.steps.length);
      let seen = 0;
      while (!atEnd(cursor)) {
        cursor = stepForward(cursor);
        const step = view.steps[cursor.position - 1]!;
        expect(step.number).toBe(cursor.position);
        expect(step.lines).toEqual(expected[step.index]!.lines);
        expect(step.explanations).toEqual(expected[step.index]!.lines.map((l) => renderExplanationLine(l, locale)));
        expect(step.explanations.length).toBeGreaterThan(0);
        if (lesson.notes[step.number] !== undefined) expect(step.note).toBeTruthy();
        seen++;
      }
      expect(seen).toBe(result.records.length);
      expect(stepBack(cursor).position).toBe(seen - 1);
      expect(view.title).toBe((lesson.title as Record<string, string>)[locale]);
      expect(view.questions.every((q) => q.question !== '' && q.answer !== '')).toBe(true);
    });
  }

  it('prints as text with the answers hidden unless asked for', () => {
    const view = buildLessonView(lesson, result, 'fr');
    const hidden = renderLessonText(view);
    const shown = renderLessonText(view, { answers: true });
    for (const q of view.questions) {
      expect(hidden).not.toContain(q.answer.slice(0, 30));
      expect(shown.replace(/\s+/g, ' ')).toContain(q.answer.replace(/\s+/g, ' ').slice(0, 30));
    }
    expect(hidden).toContain('Réponse cachée');
  });
});

describe('step cursor', () => {
  it('stays between nothing revealed and the last message', () => {
    let c = startCursor(2);
    expect(stepBack(c).position).toBe(0);
    c = stepForward(stepForward(stepForward(c)));
    expect(c.position).toBe(2);
    expect(atEnd(c)).toBe(true);
    expect(atEnd(startCursor(0))).toBe(true);
  });
});

describe('text rendering of one step', () => {
  it('shows the ladder so far, then the message in full with its note and the questions about it', () => {
    const file = join(LESSONS, 'cancel', 'lesson.json');
    const { lesson } = parseLesson(readFileSync(file, 'utf8'), 'cancel');
    const bytes = readFileSync(resolve(dirname(file), lesson!.capture));
    const view = buildLessonView(lesson!, analyzeCaptureBytes(new Uint8Array(bytes)), 'en');
    const text = renderLessonText(view, { step: 9, width: 80 });
    expect(text).toContain('── Message 9 of 14 ──');
    expect(text).toMatch(/ {3}1 .*phone308 → proxy .*INVITE sip:309@192\.168\.1\.15/);
    expect(text).toContain('The proxy sends its own CANCEL downstream');
    expect(text).toContain('Why does the proxy send a CANCEL of its own');
    expect(text).not.toContain('Learning goals');
    expect(text).not.toMatch(/ {3}10 /);
    expect(text.split('\n').every((l) => l.length <= 120)).toBe(true);
  });
});
