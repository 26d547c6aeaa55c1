import { describe, expect, it } from 'vitest';
import { catalogueEn, type CatalogueKey } from './catalogueEn.ts';
import { formatMessage, placeholdersOf } from './formatMessage.ts';
import { localeFromEnvironment, localeFromName, LOCALES } from './locale.ts';
import { CATALOGUES, translate } from './translate.ts';

const KEYS = Object.keys(catalogueEn) as CatalogueKey[];

describe('message catalogues', () => {
  for (const locale of LOCALES) {
    it(`${locale} has exactly the keys of the English catalogue`, () => {
      expect(Object.keys(CATALOGUES[locale]).sort()).toEqual([...KEYS].sort());
    });
    it(`${locale} uses the same parameters as English in every string`, () => {
      const differ = KEYS.filter((k) => placeholdersOf(CATALOGUES[locale][k]).join() !== placeholdersOf(catalogueEn[k]).join());
      expect(differ).toEqual([]);
    });
    it(`${locale} has no empty or untrimmed string`, () => {
      expect(KEYS.filter((k) => CATALOGUES[locale][k].trim() === '' || CATALOGUES[locale][k] !== CATALOGUES[locale][k].trim())).toEqual([]);
    });
  }

  it('translates the non-English catalogues (no string left in English except names and codes)', () => {
    for (const locale of LOCALES.filter((l) => l !== 'en')) {
      const same = KEYS.filter((k) => CATALOGUES[locale][k] === catalogueEn[k] && !/^\{?[\w.]+\}?$/.test(catalogueEn[k]));
      // Words that are the same in every language (Capture in French, Questions, Note, Source) are allowed.
      expect(same.filter((k) => !['ui.capture', 'ui.questions', 'ui.note', 'ui.source'].includes(k))).toEqual([]);
    }
  });

  it('fills parameters and keeps unknown ones visible', () => {
    expect(translate('fr', 'hop.maxForwards', { before: 70, after: 69 })).toBe('Max-Forwards 70 → 69 : chaque proxy le décrémente');
    expect(formatMessage('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(formatMessage('{{literal}}', {})).toBe('{literal}');
  });
});

describe('locale from the environment', () => {
  it('reads POSIX locale names', () => {
    expect(localeFromName('fr_FR.UTF-8')).toBe('fr');
    expect(localeFromName('pl_PL')).toBe('pl');
    expect(localeFromName('es-AR')).toBe('es');
    expect(localeFromName('EN')).toBe('en');
    expect(localeFromName('de_DE.UTF-8')).toBeUndefined();
    expect(localeFromName('C')).toBeUndefined();
    expect(localeFromName('')).toBeUndefined();
  });

  it('lets LC_ALL win over LC_MESSAGES and LANG, and speaks English for C', () => {
    expect(localeFromEnvironment({ LC_ALL: 'es_ES.UTF-8', LANG: 'fr_FR.UTF-8' })).toBe('es');
    expect(localeFromEnvironment({ LC_MESSAGES: 'pl_PL.UTF-8', LANG: 'fr_FR.UTF-8' })).toBe('pl');
    expect(localeFromEnvironment({ LANG: 'fr_FR.UTF-8' })).toBe('fr');
    expect(localeFromEnvironment({ LC_ALL: 'C', LANG: 'fr_FR.UTF-8' })).toBe('en');
    expect(localeFromEnvironment({ LC_ALL: '', LANG: 'fr_FR.UTF-8' })).toBe('fr');
    expect(localeFromEnvironment({})).toBe('en');
  });
});
