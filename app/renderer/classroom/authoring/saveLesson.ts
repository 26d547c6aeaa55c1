/**
 * "Save lesson…": the draft checked here first (so the teacher reads what is missing in their language),
 * then made into a bundle by the backend (buildLessonBundle: the calls' frames, anonymised if asked, notes
 * found again in them) and saved — a save dialog in Electron, a download in the browser.
 */
import type { Locale } from '../../../../core/src/explain/i18n/locale.ts';
import type { RendererApi } from '../../api/rendererApi.ts';
import { saveBytes } from '../../export/saveExport.ts';
import { uiText } from '../i18n/uiText.ts';
import { draftData, draftProblems, type LessonDraft } from './lessonDraft.ts';

export interface SaveOutcome {
  ok: boolean;
  message: string;
}

export async function saveLessonDraft(
  api: Pick<RendererApi, 'buildLessonBundle' | 'saveFile' | 'capabilities'>, draft: LessonDraft, source: { session: number; rows: number[] }, locale: Locale,
): Promise<SaveOutcome> {
  const problems = draftProblems(draft);
  if (problems.length > 0) return { ok: false, message: problems.map((p) => uiText(locale, p.key, p.params)).join(' ') };
  let result;
  try {
    result = await api.buildLessonBundle({ session: source.session, rows: source.rows, lesson: draftData(draft), anonymize: draft.anonymize });
  } catch (error) {
    return { ok: false, message: uiText(locale, 'author.failed', { error: (error as Error).message }) };
  }
  if (!result.ok || result.text === null || result.fileName === null) {
    return { ok: false, message: uiText(locale, 'author.failed', { error: result.message.replace(/^not saved: /, '') }) };
  }
  try {
    const capabilities = await api.capabilities();
    const saved = await saveBytes({ nativeDialogs: capabilities.nativeDialogs, api }, result.fileName, 'application/json', new TextEncoder().encode(result.text));
    if (!saved.saved) return { ok: false, message: saved.message };
  } catch (error) {
    return { ok: false, message: uiText(locale, 'author.failed', { error: (error as Error).message }) };
  }
  const message = uiText(locale, 'author.saved', { file: result.fileName, messages: result.messages, notes: result.notes, questions: result.questions });
  return { ok: true, message: result.lost.length > 0 ? `${message} ${uiText(locale, 'author.savedLost', { count: result.lost.length })}` : message };
}
