import { describe, expect, it } from 'vitest';
import { glossaryNameFromText, glossaryPieces } from './glossaryText.ts';

describe('glossary words', () => {
  it('find the header name in what a header list, a raw message or the hop panel shows', () => {
    expect(glossaryNameFromText('Via')).toBe('Via');
    expect(glossaryNameFromText('v → Via')).toBe('Via');
    expect(glossaryNameFromText('Record-Route:')).toBe('Record-Route');
    expect(glossaryNameFromText(';branch=z9hG4bK776asdhds')).toBe('branch');
    expect(glossaryNameFromText(' ; received=192.0.2.1')).toBe('received');
    expect(glossaryNameFromText('Via stack')).toBe('Via');
    expect(glossaryNameFromText('<img src=x>')).toBeUndefined();
    expect(glossaryNameFromText('')).toBeUndefined();
  });

  it('mark header and parameter names in a sentence, keeping every character', () => {
    const text = 'The proxy added Record-Route: later requests carry a Route header; the To tag and a new branch.';
    const pieces = glossaryPieces(text);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    expect(pieces.filter((p) => p.term).map((p) => p.term)).toEqual(['Record-Route', 'Route', 'tag', 'branch']);
  });

  it('leave everyday words and lower-case prepositions alone', () => {
    expect(glossaryPieces('To reach Bob, the request goes via the proxy, from Alice.').every((p) => p.term === undefined)).toBe(true);
    expect(glossaryPieces('Max-Forwards 70 → 69 and Call-ID, CSeq').filter((p) => p.term).map((p) => p.term)).toEqual(['Max-Forwards', 'Call-ID', 'CSeq']);
    expect(glossaryPieces('X-Via-Thing and Via-like').filter((p) => p.term)).toEqual([]);
  });
});
