/** An explanation line in a language: the catalogue sentence, its parameters filled, the RFC section after it. */
import type { Locale } from '../i18n/locale.ts';
import { translate } from '../i18n/translate.ts';
import type { ExplanationLine } from './explanation.ts';

export function renderExplanationLine(explanation: ExplanationLine, locale: Locale, withRef = true): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(explanation.params)) {
    params[name] = typeof value === 'object' ? translate(locale, value.key) : value;
  }
  const text = translate(locale, explanation.key, params);
  return withRef && explanation.ref !== '' ? `${text} (${explanation.ref})` : text;
}
