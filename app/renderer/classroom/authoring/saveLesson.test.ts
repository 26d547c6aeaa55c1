import { describe, expect, it } from 'vitest';
import type { LessonBundleRequest, LessonBundleResult, SaveRequest } from '../../../shared/ipcContract.ts';
import { addQuestion, newDraft, setNote } from './lessonDraft.ts';
import { saveLessonDraft } from './saveLesson.ts';

/** The desktop shell (native save dialog), and a backend answering `result`. */
function fakeApi(result: Partial<LessonBundleResult> = {}) {
  const requests: LessonBundleRequest[] = [];
  const saves: SaveRequest[] = [];
  return {
    requests, saves,
    capabilities: async () => ({ mode: 'electron' as const, nativeDialogs: true, version: '0' }),
    saveFile: async (r: SaveRequest) => {
      saves.push(r);
      return { saved: true, message: r.fileName };
    },
    buildLessonBundle: async (r: LessonBundleRequest): Promise<LessonBundleResult> => {
      requests.push(r);
      return { ok: true, message: 'ok', fileName: 'a-call.sipladder-lesson.json', text: '{"sipladderLessonBundle": 1}', messages: 14, notes: 1, questions: 0, lost: [], ...result };
    },
  };
}

function readyDraft() {
  const draft = newDraft('fr');
  draft.title = { fr: 'Un appel' };
  draft.narrative = { fr: 'Alice appelle Bob.' };
  setNote(draft, 2, 'Le proxy relaie.');
  return draft;
}

describe('saving a lesson draft', () => {
  it('says in the classroom language what is missing, without asking the backend', async () => {
    const api = fakeApi();
    const draft = newDraft('fr');
    addQuestion(draft, 1).question = { fr: 'Pourquoi ?' };
    const outcome = await saveLessonDraft(api, draft, { session: 1, rows: [] }, 'fr');
    expect(outcome).toEqual({ ok: false, message: 'Donnez un titre à la leçon. Racontez l’histoire de l’échange. La question 1 doit avoir à la fois la question et sa réponse.' });
    expect(api.requests).toEqual([]);
  });

  it('sends the draft for the session and rows stepped through, and saves the bundle it gets back', async () => {
    const api = fakeApi();
    const draft = readyDraft();
    draft.anonymize = true;
    const outcome = await saveLessonDraft(api, draft, { session: 4, rows: [2] }, 'en');
    expect(outcome).toEqual({ ok: true, message: 'Saved a-call.sipladder-lesson.json: 14 messages, 1 notes, 0 questions.' });
    expect(api.requests).toEqual([expect.objectContaining({ session: 4, rows: [2], anonymize: true })]);
    expect(api.requests[0]!.lesson.notes).toEqual([{ index: 2, text: { fr: 'Le proxy relaie.' } }]);
    expect(api.saves).toHaveLength(1);
    expect(api.saves[0]).toMatchObject({ fileName: 'a-call.sipladder-lesson.json', mediaType: 'application/json' });
    expect(new TextDecoder().decode(api.saves[0]!.data)).toBe('{"sipladderLessonBundle": 1}');
  });

  it('tells the teacher about notes the saved capture could not keep', async () => {
    const outcome = await saveLessonDraft(fakeApi({ lost: [5, 9] }), readyDraft(), { session: 4, rows: [2] }, 'es');
    expect(outcome.message).toMatch(/^a-call\.sipladder-lesson\.json guardado: .* 2 notas o preguntas están en mensajes que la captura guardada no tiene/);
  });

  it('passes on why the backend did not make a bundle', async () => {
    const api = fakeApi({ ok: false, message: 'not saved: the capture is still being analysed, save again in a moment', text: null, fileName: null });
    const outcome = await saveLessonDraft(api, readyDraft(), { session: 4, rows: [] }, 'pl');
    expect(outcome).toEqual({ ok: false, message: 'Lekcja nie została zapisana: the capture is still being analysed, save again in a moment' });
    expect(api.saves).toEqual([]);
  });
});
