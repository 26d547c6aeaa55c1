import { describe, expect, it } from 'vitest';
import { placeholdersOf } from '../../../../core/src/explain/i18n/formatMessage.ts';
import { LOCALES } from '../../../../core/src/explain/i18n/locale.ts';
import { uiEn, type UiKey } from './uiEn.ts';
import { UI_CATALOGUES, uiText } from './uiText.ts';

/** Strings that are the same word in a language as in English (not forgotten translations). */
const SAME_AS_ENGLISH: ReadonlySet<string> = new Set([
  'fr:step.notes', 'fr:step.questions', 'fr:step.counterStart', 'fr:lessons.counts', 'fr:step.retransmission', 'fr:step.pause',
  'fr:hop.maxForwards', 'fr:hop.requestUri', 'es:hop.maxForwards', 'es:hop.requestUri',
  'pl:hop.maxForwards', 'pl:hop.requestUri', 'fr:author.question',
]);

describe('the classroom UI strings', () => {
  const keys = Object.keys(uiEn).sort() as UiKey[];

  it.each(LOCALES)('has every string in %s, with the same parameters as English', (locale) => {
    const catalogue = UI_CATALOGUES[locale];
    expect(Object.keys(catalogue).sort()).toEqual(keys);
    for (const key of keys) {
      expect(catalogue[key].trim(), `${locale}:${key}`).not.toBe('');
      expect(placeholdersOf(catalogue[key]), `${locale}:${key}`).toEqual(placeholdersOf(uiEn[key]));
    }
  });

  it.each(LOCALES.filter((l) => l !== 'en'))('leaves nothing untranslated in %s', (locale) => {
    const untranslated = keys.filter((key) => UI_CATALOGUES[locale][key] === uiEn[key] && !SAME_AS_ENGLISH.has(`${locale}:${key}`));
    expect(untranslated).toEqual([]);
  });

  it('lists as "same as English" only strings that really are', () => {
    for (const entry of SAME_AS_ENGLISH) {
      const [locale, key] = entry.split(':') as [keyof typeof UI_CATALOGUES, UiKey];
      expect(UI_CATALOGUES[locale][key], entry).toBe(uiEn[key]);
    }
  });

  it('fills parameters in', () => {
    expect(uiText('en', 'step.counter', { n: 3, total: 14 })).toBe('Message 3 of 14');
    expect(uiText('fr', 'step.counter', { n: 3, total: 14 })).toBe('Message 3 sur 14');
    expect(uiText('pl', 'step.counter', { n: 3, total: 14 })).toBe('Wiadomość 3 z 14');
  });
});
