import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksLikeLessonBundle, parseLessonBundle, writeLessonBundle, type LessonBundleInput } from './lessonBundle.ts';
import type { LessonContent } from './lessonBundleJson.ts';
import { parseLesson } from './parseLesson.ts';

const TRAPEZOID = new Uint8Array(readFileSync(join(__dirname, '../../../../fixtures/samples/trapezoid/trapezoid.pcap')));

const LESSON: LessonContent = {
  format: 1, capture: 'ignored.pcap',
  title: { en: 'Two proxies', fr: 'Deux proxys' }, narrative: 'Alice calls Bob through atlanta and biloxi.',
  goals: [{ en: 'Follow the Via stack.' }], source: 'RFC 3261 §4',
  notes: { 9: { en: 'The 180 comes back.' }, 3: '<script>alert(1)</script> stays text' },
  questions: [{ step: 3, question: 'Which Via is on top?', answer: "atlanta's." }, { question: 'Why two proxies?', answer: 'Two domains.' }],
  nodes: { alice: '192.0.2.1:5060' },
};

const input = (over: Partial<LessonBundleInput> = {}): LessonBundleInput => ({
  lesson: LESSON, captureName: 'trapezoid.pcap', capture: TRAPEZOID,
  anchors: { 3: { frame: 3, messageInFrame: 1 }, 9: { frame: 9, messageInFrame: 1 } }, anonymized: false,
  generator: 'sipladder test', created: '2025-01-02T03:04:05Z', ...over,
});

const errors = (text: string): { where: string; message: string }[] =>
  parseLessonBundle(text, 'x').issues.filter((i) => i.severity === 'error').map(({ where, message }) => ({ where, message }));

/** A written bundle as an object, to break one field at a time. */
const asJson = (): Record<string, unknown> => JSON.parse(writeLessonBundle(input())) as Record<string, unknown>;

describe('a lesson bundle', () => {
  it('reads back the lesson, the capture byte for byte and the anchors it was written with', () => {
    const text = writeLessonBundle(input());
    const { bundle, issues } = parseLessonBundle(text, 'two-proxies');
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(bundle!.capture).toEqual(TRAPEZOID);
    expect(bundle!.captureName).toBe('trapezoid.pcap');
    expect(bundle!.lesson).toEqual({ ...LESSON, id: 'two-proxies', capture: 'trapezoid.pcap' });
    expect(bundle!.anchors).toEqual({ 3: { frame: 3, messageInFrame: 1 }, 9: { frame: 9, messageInFrame: 1 } });
    expect(bundle).toMatchObject({ anonymized: false, generator: 'sipladder test', created: '2025-01-02T03:04:05Z' });
  });

  it('holds the lesson as a lesson.json would be written: documented fields, documented order, capture named', () => {
    const json = asJson();
    expect(Object.keys(json)).toEqual(['sipladderLessonBundle', 'generator', 'created', 'anonymized', 'lesson', 'anchors', 'capture']);
    const lesson = json.lesson as Record<string, unknown>;
    expect(Object.keys(lesson)).toEqual(['format', 'capture', 'source', 'nodes', 'title', 'narrative', 'goals', 'notes', 'questions']);
    expect(Object.keys(lesson.notes as object)).toEqual(['3', '9']);
    expect(lesson.capture).toBe('trapezoid.pcap');
    expect(parseLesson(JSON.stringify(lesson), 'x').issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect((json.capture as { bytes: number }).bytes).toBe(TRAPEZOID.length);
  });

  it('is recognised by its first field, and a lesson.json is not', () => {
    expect(looksLikeLessonBundle(writeLessonBundle(input()))).toBe(true);
    expect(looksLikeLessonBundle('\uFEFF{ "sipladderLessonBundle": 1 }')).toBe(true);
    expect(looksLikeLessonBundle(JSON.stringify({ format: 1, capture: 'x.pcap', title: 'x', narrative: 'x' }))).toBe(false);
  });

  it('says where a cut file breaks, without throwing', () => {
    const text = writeLessonBundle(input());
    for (const at of [0, 1, 40, Math.floor(text.length / 2), text.length - 3]) {
      const result = parseLessonBundle(text.slice(0, at), 'x');
      expect(result.bundle).toBeUndefined();
      expect(result.issues.some((i) => i.severity === 'error')).toBe(true);
    }
    expect(errors(text.slice(0, text.length / 2))[0]?.where).toMatch(/^line \d+, column \d+$/);
  });

  it('refuses garbage without throwing', () => {
    for (const text of ['', 'null', '[]', '42', '{}', '{"format": 1}', '\u0000\u0001', '{"sipladderLessonBundle": 2}']) {
      const result = parseLessonBundle(text, 'x');
      expect(result.bundle, text).toBeUndefined();
      expect(result.issues.length, text).toBeGreaterThan(0);
    }
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      const result = parseLessonBundle(JSON.stringify({ sipladderLessonBundle: 1, lesson: value, capture: value }), 'x');
      return result.bundle === undefined && result.issues.some((i) => i.severity === 'error');
    }), { numRuns: 300 });
  });

  it('names the broken field: base64, byte count, capture name, lesson mismatch, misspelt field, anchors', () => {
    const broken = (change: (json: Record<string, unknown>) => void): { where: string; message: string }[] => {
      const json = asJson();
      change(json);
      return errors(JSON.stringify(json));
    };
    const capture = (json: Record<string, unknown>) => json.capture as Record<string, unknown>;
    expect(broken((j) => void (capture(j).base64 = 'not base64!'))[0]).toMatchObject({ where: 'capture.base64', message: expect.stringMatching(/not valid base64/) });
    expect(broken((j) => void (capture(j).bytes = 12))[0]).toMatchObject({ where: 'capture.bytes' });
    expect(broken((j) => void (capture(j).name = '../../etc/passwd'))[0]).toMatchObject({ where: 'capture.name' });
    expect(broken((j) => void ((j.lesson as Record<string, unknown>).capture = 'other.pcap'))[0]).toMatchObject({ where: 'lesson.capture' });
    expect(broken((j) => void ((j.lesson as Record<string, unknown>).titel = 'x'))[0]).toEqual({ where: 'lesson.titel', message: "unknown field 'titel' — did you mean 'title'?" });
    expect(broken((j) => void (j.anchor = {}))[0]).toEqual({ where: 'anchor', message: "unknown field 'anchor' — did you mean 'anchors'?" });
    expect(broken((j) => void (j.anchors = { 3: { frame: 0, messageInFrame: 1 } }))[0]).toMatchObject({ where: 'anchors.3' });
    expect(broken((j) => void (j.anchors = { x: { frame: 1, messageInFrame: 1 } }))[0]).toMatchObject({ where: 'anchors.x' });
    expect(broken((j) => void (j.anonymized = 'yes'))[0]).toMatchObject({ where: 'anonymized' });
    expect(broken((j) => void (j.sipladderLessonBundle = 2))[0]).toMatchObject({ where: 'sipladderLessonBundle' });
  });

  it('passes on the lesson warnings (a language missing) without refusing the bundle', () => {
    const { bundle, issues } = parseLessonBundle(writeLessonBundle(input()), 'x');
    expect(bundle).toBeDefined();
    expect(issues).toContainEqual({ severity: 'warning', where: 'lesson.title', message: 'no es, pl text (English is shown instead)' });
  });

  it('round-trips any texts and any capture bytes', () => {
    const text = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== '');
    const localized = fc.oneof(text, fc.record({ en: text, fr: text }, { requiredKeys: ['en'] }));
    fc.assert(fc.property(localized, localized, fc.dictionary(fc.integer({ min: 1, max: 50 }).map(String), localized, { maxKeys: 5 }),
      fc.uint8Array({ minLength: 1, maxLength: 200 }), (title, narrative, notes, bytes) => {
        const lesson: LessonContent = { ...LESSON, title, narrative, notes: Object.fromEntries(Object.entries(notes).map(([k, v]) => [Number(k), v])) };
        const { bundle } = parseLessonBundle(writeLessonBundle(input({ lesson, capture: bytes, anchors: {} })), 'x');
        expect(bundle?.lesson.title).toEqual(title);
        expect(bundle?.lesson.narrative).toEqual(narrative);
        expect(bundle?.lesson.notes).toEqual(lesson.notes);
        expect(bundle?.capture).toEqual(bytes);
      }), { numRuns: 150 });
  });
});
