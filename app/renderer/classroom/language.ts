/**
 * The language of the classroom screens, explanations, glossary and lesson texts: chosen in the top bar,
 * kept in localStorage, and at first the browser's (navigator.languages, BCP 47 tags such as "fr-CA").
 */
import { DEFAULT_LOCALE, isLocale, localeFromName, type Locale } from '../../../core/src/explain/i18n/locale.ts';

export const LANGUAGE_KEY = 'sipladder-language';

/** The stored choice if valid, else the first browser language we ship, else English. */
export function initialLocale(stored: string | null, browserLanguages: readonly string[]): Locale {
  if (isLocale(stored)) return stored;
  for (const tag of browserLanguages) {
    const locale = localeFromName(tag);
    if (locale !== undefined) return locale;
  }
  return DEFAULT_LOCALE;
}

export function loadLocale(storage: Pick<Storage, 'getItem'>, nav: { languages?: readonly string[]; language?: string }): Locale {
  let stored: string | null = null;
  try {
    stored = storage.getItem(LANGUAGE_KEY);
  } catch {
    // Storage disabled: fall back to the browser's language.
  }
  const languages = nav.languages !== undefined && nav.languages.length > 0 ? nav.languages : nav.language ? [nav.language] : [];
  return initialLocale(stored, languages);
}

export function saveLocale(storage: Pick<Storage, 'setItem'>, locale: Locale): void {
  try {
    storage.setItem(LANGUAGE_KEY, locale);
  } catch {
    // Storage full or disabled: the choice lasts for this page only.
  }
}
