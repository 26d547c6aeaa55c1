import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLessonSteps, parseLesson } from './parseLesson.ts';
import { closestName, editDistance } from './closestName.ts';
import { languagesOf, pickText } from './localizedText.ts';

const MINIMAL = {
  format: 1,
  capture: 'call.pcap',
  title: { en: 'A call', fr: 'Un appel', es: 'Una llamada', pl: 'Połączenie' },
  narrative: 'Alice calls Bob.',
};

const parse = (value: unknown) => parseLesson(JSON.stringify(value, null, 2), 'my-lesson');
const errors = (value: unknown) => parse(value).issues.filter((i) => i.severity === 'error');

describe('parseLesson', () => {
  it('reads a complete lesson', () => {
    const result = parse({
      ...MINIMAL,
      source: 'RFC 3261 §4',
      order: 5,
      nodes: { alice: '192.0.2.1:5060', bob: '[2001:db8::2]:5060', carol: '192.0.2.3' },
      goals: ['Read a Via'],
      notes: { 1: 'The INVITE', 3: { en: 'The 200', fr: 'Le 200', es: 'El 200', pl: '200' } },
      questions: [{ step: 3, question: 'Why?', answer: 'Because.' }, { question: 'And?', answer: 'So.' }],
    });
    expect(result.issues).toEqual([]);
    expect(result.lesson).toMatchObject({
      id: 'my-lesson', capture: 'call.pcap', order: 5, source: 'RFC 3261 §4',
      notes: { 1: 'The INVITE', 3: { fr: 'Le 200' } }, questions: [{ step: 3 }, { question: 'And?' }],
      nodes: { bob: '[2001:db8::2]:5060' },
    });
  });

  it('points at the line and column of a JSON syntax error', () => {
    const text = '{\n  "format": 1,\n  "capture": "a.pcap"\n  "title": "x"\n}';
    const [issue] = parseLesson(text, 'x').issues;
    expect(issue?.severity).toBe('error');
    expect(issue?.where).toMatch(/^line 4, column \d+$/);
    expect(issue?.message).toMatch(/^not valid JSON/);
  });

  it('suggests the field a teacher meant', () => {
    const [issue] = errors({ ...MINIMAL, titel: 'x' });
    expect(issue).toEqual({ severity: 'error', where: 'titel', message: "unknown field 'titel' — did you mean 'title'?" });
    expect(errors({ ...MINIMAL, questions: [{ question: 'q', answr: 'a' }] }).map((i) => i.message))
      .toContain("unknown field 'answr' — did you mean 'answer'?");
  });

  it('names a misspelt language and the field it is in', () => {
    const [issue] = errors({ ...MINIMAL, notes: { 2: { en: 'x', FR: 'y' } } });
    expect(issue?.where).toBe('notes.2.FR');
    expect(issue?.message).toMatch(/unknown language 'FR' — did you mean 'fr'\?/);
  });

  it('reports missing and wrongly typed fields with their path', () => {
    expect(errors({ format: 1 }).map((i) => i.where)).toEqual(['capture', 'title', 'narrative']);
    expect(errors({ ...MINIMAL, format: 2 })[0]?.where).toBe('format');
    expect(errors({ ...MINIMAL, goals: 'read' })[0]).toMatchObject({ where: 'goals', message: expect.stringMatching(/expected a list/) });
    expect(errors({ ...MINIMAL, notes: { three: 'x' } })[0]).toMatchObject({ where: 'notes.three' });
    expect(errors({ ...MINIMAL, questions: [{ step: 0, question: 'q', answer: 'a' }] })[0]).toMatchObject({ where: 'questions.1.step' });
    expect(errors({ ...MINIMAL, questions: [{ question: 'q' }] })[0]).toMatchObject({ where: 'questions.1.answer' });
    expect(errors({ ...MINIMAL, nodes: { alice: 'pc33.atlanta.com' } })[0]).toMatchObject({ where: 'nodes.alice' });
    expect(errors({ ...MINIMAL, title: '' })[0]).toMatchObject({ where: 'title', message: 'empty text' });
    expect(errors({ ...MINIMAL, title: {} })[0]).toMatchObject({ where: 'title', message: 'no text in any language' });
  });

  it('warns, without refusing the lesson, when a language is missing', () => {
    const result = parse({ ...MINIMAL, narrative: { en: 'Alice calls Bob.', fr: 'Alice appelle Bob.' } });
    expect(result.lesson).toBeDefined();
    expect(result.issues).toEqual([{ severity: 'warning', where: 'narrative', message: 'no es, pl text (English is shown instead)' }]);
  });

  it('refuses garbage without throwing', () => {
    for (const text of ['', 'null', '42', '[]', '"lesson"', '{', '\u0000\u0001']) {
      const result = parseLesson(text, 'x');
      expect(result.lesson).toBeUndefined();
      expect(result.issues.length).toBeGreaterThan(0);
    }
  });

  it('never throws, whatever JSON it is given', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      const result = parseLesson(JSON.stringify(value), 'x');
      return result.lesson !== undefined || result.issues.some((i) => i.severity === 'error');
    }), { numRuns: 500 });
  });

  it('accepts a byte order mark before the JSON', () => {
    expect(parseLesson('\uFEFF' + JSON.stringify(MINIMAL), 'x').lesson).toBeDefined();
  });
});

describe('checkLessonSteps', () => {
  it('flags notes and questions past the last message of the capture', () => {
    const { lesson } = parse({ ...MINIMAL, notes: { 2: 'ok', 9: 'too far' }, questions: [{ step: 12, question: 'q', answer: 'a' }] });
    expect(checkLessonSteps(lesson!, 5)).toEqual([
      { severity: 'error', where: 'notes.9', message: 'the capture has 5 SIP messages, there is no message 9' },
      { severity: 'error', where: 'questions.1.step', message: 'the capture has 5 SIP messages, there is no message 12' },
    ]);
    expect(checkLessonSteps(lesson!, 12)).toEqual([]);
  });
});

describe('localized texts', () => {
  it('picks the language, else English, else any language given', () => {
    expect(pickText({ en: 'hello', fr: 'bonjour' }, 'fr')).toBe('bonjour');
    expect(pickText({ en: 'hello', fr: 'bonjour' }, 'pl')).toBe('hello');
    expect(pickText({ pl: 'cześć' }, 'es')).toBe('cześć');
    expect(pickText('same', 'es')).toBe('same');
    expect(pickText(undefined, 'en')).toBe('');
    expect(languagesOf({ es: 'hola' })).toEqual(['es']);
  });
});

describe('closestName', () => {
  it('finds a near name and nothing for a far one', () => {
    expect(closestName('narative', ['title', 'narrative'])).toBe('narrative');
    expect(closestName('xyz', ['title', 'narrative'])).toBeUndefined();
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});
