import { describe, expect, it } from 'vitest';
import { LOCALES } from '../i18n/locale.ts';
import { GLOSSARIES, glossaryEntry, glossaryTerms } from './glossary.ts';

describe('glossary', () => {
  for (const locale of LOCALES) {
    it(`has a text for every term in ${locale}, and nothing else`, () => {
      expect(Object.keys(GLOSSARIES[locale]).sort()).toEqual([...glossaryTerms()].sort());
      expect(glossaryTerms().filter((t) => GLOSSARIES[locale][t].trim().length < 15)).toEqual([]);
    });
  }

  it('finds a header by its name in any case and by its compact form', () => {
    expect(glossaryEntry('VIA', 'en')?.term).toBe('Via');
    expect(glossaryEntry('v', 'fr')?.term).toBe('Via');
    expect(glossaryEntry('i', 'es')?.term).toBe('Call-ID');
    expect(glossaryEntry('call-id', 'pl')?.term).toBe('Call-ID');
    expect(glossaryEntry('Record-Route:', 'en')?.kind).toBe('header');
  });

  it('finds the parameters a ladder shows', () => {
    expect(glossaryEntry('branch', 'en')?.text).toMatch(/z9hG4bK/);
    expect(glossaryEntry('rport', 'pl')?.ref).toBe('RFC 3581 §4');
    expect(glossaryEntry('lr', 'fr')?.kind).toBe('parameter');
  });

  it('says nothing about names it does not know', () => {
    expect(glossaryEntry('X-Unknown', 'en')).toBeUndefined();
    expect(glossaryEntry('', 'en')).toBeUndefined();
  });

  it('translates every entry (no language reuses the English text)', () => {
    for (const locale of LOCALES.filter((l) => l !== 'en')) {
      expect(glossaryTerms().filter((t) => GLOSSARIES[locale][t] === GLOSSARIES.en[t])).toEqual([]);
    }
  });
});
