/** The classroom's words in a language, parameters filled in ("Message {n} of {total}"), from the four catalogues. */
import { formatMessage, type MessageParams } from '../../../../core/src/explain/i18n/formatMessage.ts';
import type { Locale } from '../../../../core/src/explain/i18n/locale.ts';
import { uiEn, type UiCatalogue, type UiKey } from './uiEn.ts';
import { uiEs } from './uiEs.ts';
import { uiFr } from './uiFr.ts';
import { uiPl } from './uiPl.ts';

export type { UiKey } from './uiEn.ts';

export const UI_CATALOGUES: Readonly<Record<Locale, UiCatalogue>> = { en: uiEn, fr: uiFr, es: uiEs, pl: uiPl };

/** Language names as their speakers write them (the chooser shows each in its own language). */
export const LANGUAGE_NAMES: Readonly<Record<Locale, string>> = { en: 'English', fr: 'Français', es: 'Español', pl: 'Polski' };

export function uiText(locale: Locale, key: UiKey, params: MessageParams = {}): string {
  return formatMessage(UI_CATALOGUES[locale][key], params);
}
