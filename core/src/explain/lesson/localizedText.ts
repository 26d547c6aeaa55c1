/**
 * Picks a lesson text in a language: the language itself, else English, else the first language given —
 * a teacher's lesson written only in Polish still shows in a French classroom.
 */
import { LOCALES, type Locale } from '../i18n/locale.ts';
import type { LocalizedText } from './lessonTypes.ts';

export function pickText(text: LocalizedText | undefined, locale: Locale): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return text[locale] ?? text.en ?? LOCALES.map((l) => text[l]).find((t) => t !== undefined) ?? '';
}

/** The languages a text is really written in (a plain string counts as all of them). */
export function languagesOf(text: LocalizedText): readonly Locale[] {
  return typeof text === 'string' ? LOCALES : LOCALES.filter((l) => text[l] !== undefined);
}
