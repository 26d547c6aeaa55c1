import { describe, expect, it } from 'vitest';
import type { Lesson } from '../../../../core/src/explain/lesson/lessonTypes.ts';
import { addQuestion, draftData, draftProblems, filledText, newDraft, notedIndices, previewLesson, removeQuestion, setNote, withText } from './lessonDraft.ts';

const LESSON: Lesson = {
  id: 'cancel', format: 1, capture: 'x.pcap', title: { en: 'CANCEL', fr: 'CANCEL (fr)' }, narrative: 'The caller gives up.', goals: ['Read CANCEL.'],
  notes: { 3: { en: 'The proxy forwards.' }, 9: 'Its own CANCEL.' }, questions: [{ step: 9, question: 'Why?', answer: 'Hop by hop.' }, { question: 'And?', answer: 'So.' }],
  nodes: { proxy: '192.0.2.1:5060' }, source: 'RFC 3261 §9',
};

describe('a lesson draft', () => {
  it('starts empty on a capture, in the language the teacher writes', () => {
    const draft = newDraft('fr');
    expect(draft).toMatchObject({ title: {}, narrative: {}, goals: [], source: '', questions: [], nodes: {}, language: 'fr', anonymize: false });
    expect(draft.notes.size).toBe(0);
  });

  it('starts from an opened lesson, its message numbers becoming record indices', () => {
    const draft = newDraft('en', LESSON);
    expect([...draft.notes.keys()]).toEqual([2, 8]);
    expect(draft.notes.get(8)).toEqual({ en: 'Its own CANCEL.' });
    expect(draft.questions.map((q) => q.index)).toEqual([8, null]);
    expect(draft.nodes).toEqual({ proxy: '192.0.2.1:5060' });
    // Shown again as the same lesson (on the same session).
    const preview = previewLesson(draft, 'cancel', 'fallback');
    expect(preview.notes).toEqual({ 3: { en: 'The proxy forwards.' }, 9: { en: 'Its own CANCEL.' } });
    expect(preview.questions).toEqual([{ step: 9, question: { en: 'Why?' }, answer: { en: 'Hop by hop.' } }, { question: { en: 'And?' }, answer: { en: 'So.' } }]);
    expect(preview.source).toBe('RFC 3261 §9');
  });

  it('writes notes per language and removes a note left empty in every language', () => {
    const draft = newDraft('en');
    setNote(draft, 4, 'The 180.');
    draft.language = 'pl';
    setNote(draft, 4, 'Dzwoni.');
    expect(draft.notes.get(4)).toEqual({ en: 'The 180.', pl: 'Dzwoni.' });
    setNote(draft, 4, '');
    draft.language = 'en';
    setNote(draft, 4, '');
    expect(draft.notes.has(4)).toBe(false);
    setNote(draft, 6, '   ');
    expect(notedIndices(draft)).toEqual([]);
  });

  it('keeps texts with something in them, trimmed', () => {
    expect(withText({ en: 'a' }, 'fr', 'b')).toEqual({ en: 'a', fr: 'b' });
    expect(withText({ en: 'a', fr: 'b' }, 'fr', '')).toEqual({ en: 'a' });
    expect(filledText({ en: '  a  ', fr: '  ' })).toEqual({ en: 'a' });
    expect(filledText({})).toBeUndefined();
  });

  it('previews unfinished work without breaking: no title yet, a question without an answer yet', () => {
    const draft = newDraft('en');
    const q = addQuestion(draft, 2);
    q.question = { en: 'Who answers?' };
    addQuestion(draft, null);
    const preview = previewLesson(draft, 'own', 'trapezoid.pcap');
    expect(preview.title).toBe('trapezoid.pcap');
    expect(preview.narrative).toBe('');
    expect(preview.questions).toEqual([{ step: 3, question: { en: 'Who answers?' }, answer: '…' }]);
  });

  it('says what stops it from being saved', () => {
    const draft = newDraft('en');
    const q = addQuestion(draft, 1);
    q.answer = { en: 'An answer without a question' };
    expect(draftProblems(draft).map((p) => [p.key, p.params])).toEqual([['author.needTitle', {}], ['author.needNarrative', {}], ['author.needAnswer', { n: 1 }]]);
    draft.title = { es: 'Una llamada' };
    draft.narrative = { es: 'Ana llama a Juan.' };
    removeQuestion(draft, q.id);
    expect(draftProblems(draft)).toEqual([]);
  });

  it('sends the backend notes by record index and questions with theirs', () => {
    const draft = newDraft('en', LESSON);
    setNote(draft, 0, '<script>alert(1)</script>');
    const data = draftData(draft);
    expect(data.notes.map((n) => n.index)).toEqual([0, 2, 8]);
    expect(data.notes[0]!.text).toEqual({ en: '<script>alert(1)</script>' });
    expect(data.questions.map((q) => q.index)).toEqual([8, null]);
    expect(data).toMatchObject({ title: { en: 'CANCEL', fr: 'CANCEL (fr)' }, goals: [{ en: 'Read CANCEL.' }], source: 'RFC 3261 §9', nodes: LESSON.nodes });
  });
});
