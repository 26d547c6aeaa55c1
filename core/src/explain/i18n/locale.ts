/**
 * The four languages sipladder ships (the course seeds' languages plus English) and how a POSIX locale
 * name (LC_ALL, LC_MESSAGES, LANG, e.g. "fr_FR.UTF-8") picks one (POSIX.1-2017 §8.2 precedence).
 */
export type Locale = 'en' | 'fr' | 'es' | 'pl';

export const LOCALES: readonly Locale[] = ['en', 'fr', 'es', 'pl'];

export const DEFAULT_LOCALE: Locale = 'en';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** "fr_FR.UTF-8", "pl-PL", "es", "FR" → the locale; "C", "POSIX", unknown languages → undefined. */
export function localeFromName(name: string | undefined): Locale | undefined {
  if (name === undefined) return undefined;
  const language = /^([A-Za-z]{2,3})(?:[_\-.@]|$)/.exec(name.trim())?.[1]?.toLowerCase();
  return isLocale(language) ? language : undefined;
}

export interface LocaleEnvironment {
  readonly LC_ALL?: string | undefined;
  readonly LC_MESSAGES?: string | undefined;
  readonly LANG?: string | undefined;
}

/**
 * The locale a command line should speak: LC_ALL, then LC_MESSAGES, then LANG — the first one set
 * (non-empty) decides, as POSIX says; a set but unsupported value ("C", "de_DE") means English.
 */
export function localeFromEnvironment(env: LocaleEnvironment): Locale {
  for (const name of [env.LC_ALL, env.LC_MESSAGES, env.LANG]) {
    if (name !== undefined && name !== '') return localeFromName(name) ?? DEFAULT_LOCALE;
  }
  return DEFAULT_LOCALE;
}
