import { describe, expect, it } from 'vitest';
import { initialLocale, LANGUAGE_KEY, loadLocale, saveLocale } from './language.ts';

function memoryStorage(initial: Record<string, string> = {}): Pick<Storage, 'getItem' | 'setItem'> & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v) };
}

describe('the classroom language', () => {
  it('starts from the browser language when nothing is stored', () => {
    expect(initialLocale(null, ['fr-CA', 'en-US'])).toBe('fr');
    expect(initialLocale(null, ['de-DE', 'pl-PL'])).toBe('pl');
    expect(initialLocale(null, ['es'])).toBe('es');
    expect(initialLocale(null, ['de', 'ja'])).toBe('en');
    expect(initialLocale(null, [])).toBe('en');
  });

  it('prefers the stored choice, and ignores a stored value that is not a language we ship', () => {
    expect(initialLocale('pl', ['fr-FR'])).toBe('pl');
    expect(initialLocale('<script>', ['fr-FR'])).toBe('fr');
    expect(initialLocale('FR', ['es'])).toBe('es');
  });

  it('persists the choice in storage and reads it back', () => {
    const storage = memoryStorage();
    saveLocale(storage, 'es');
    expect(storage.data[LANGUAGE_KEY]).toBe('es');
    expect(loadLocale(storage, { languages: ['fr'] })).toBe('es');
    expect(loadLocale(memoryStorage(), { language: 'pl-PL' })).toBe('pl');
  });

  it('survives storage that throws', () => {
    const broken = { getItem: (): string | null => { throw new Error('denied'); }, setItem: (): void => { throw new Error('full'); } };
    expect(loadLocale(broken, { languages: ['fr'] })).toBe('fr');
    expect(() => saveLocale(broken, 'fr')).not.toThrow();
  });
});
