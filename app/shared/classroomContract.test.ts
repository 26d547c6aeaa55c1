import { describe, expect, it } from 'vitest';
import { CHANNELS, ContractError, validateArgs } from './ipcContract.ts';

const steps = { session: 1, locale: 'fr', rows: [], offset: 0, limit: 500, nodes: { alice: '192.0.2.1:5060' } };

describe('the classroom channels of the IPC contract', () => {
  it('are channels like the others', () => {
    for (const c of ['listLessons', 'openLesson', 'getSteps', 'getGlossary']) expect(CHANNELS).toContain(c);
  });

  it('pass well-formed arguments through', () => {
    expect(validateArgs('listLessons', ['pl'])).toEqual(['pl']);
    expect(validateArgs('openLesson', ['trapezoid-two-proxies'])).toEqual(['trapezoid-two-proxies']);
    expect(validateArgs('getSteps', [steps])).toEqual([steps]);
    expect(validateArgs('getGlossary', ['Record-Route', 'es'])).toEqual(['Record-Route', 'es']);
  });

  it('take lesson names, never paths', () => {
    for (const bad of ['../etc', '/etc/passwd', 'a/b', 'a\\b', '.hidden', '..', 'x..y', '', 'a'.repeat(101), 'a\0b']) {
      expect(() => validateArgs('openLesson', [bad]), bad).toThrow(ContractError);
    }
  });

  it('refuse languages not shipped, big pages, many rows and odd node maps', () => {
    expect(() => validateArgs('listLessons', ['de'])).toThrow(/one of en, fr, es, pl/);
    expect(() => validateArgs('getSteps', [{ ...steps, limit: 501 }])).toThrow(ContractError);
    expect(() => validateArgs('getSteps', [{ ...steps, rows: Array.from({ length: 51 }, (_, i) => i) }])).toThrow(ContractError);
    expect(() => validateArgs('getSteps', [{ ...steps, nodes: { a: 5 } }])).toThrow(ContractError);
    expect(() => validateArgs('getSteps', [{ ...steps, nodes: [] }])).toThrow(ContractError);
    expect(() => validateArgs('getSteps', [{ ...steps, nodes: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`n${i}`, 'x'])) }])).toThrow(/at most 100/);
    expect(() => validateArgs('getSteps', [{ ...steps, extra: true }])).toThrow(/unexpected key/);
    expect(() => validateArgs('getGlossary', ['x'.repeat(81), 'en'])).toThrow(ContractError);
  });

  it('keeps a "__proto__" node name as a plain key', () => {
    const [query] = validateArgs('getSteps', [{ ...steps, nodes: JSON.parse('{"__proto__": "192.0.2.9"}') as Record<string, string> }]);
    expect(Object.getPrototypeOf(query.nodes)).toBe(Object.prototype);
    expect(Object.keys(query.nodes)).toEqual(['__proto__']);
  });
});
