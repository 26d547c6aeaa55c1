import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayWidth } from './displayWidth.ts';
import { wrapLines, wrapText } from './wrapText.ts';

const cells = displayWidth;

describe('wrapping labels and notes', () => {
  it('leaves text that fits alone', () => {
    expect(wrapText('180 Ringing', 20, cells)).toEqual(['180 Ringing']);
  });

  it('breaks after spaces and SIP separators, never inside a word that fits a line', () => {
    expect(wrapText('SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKnashds8;received=192.0.2.1', 40, cells)).toEqual([
      'SIP/2.0/UDP pc33.atlanta.example.com;',
      'branch=z9hG4bKnashds8;received=192.0.2.1',
    ]);
    expect(wrapText('407 Proxy Authentication Required', 12, cells)).toEqual(['407 Proxy', 'Authenticati', 'on Required']);
  });

  it('splits a long host name after its dots before splitting characters', () => {
    expect(wrapText('bigbox3.site3.atlanta.example.com', 24, cells)).toEqual(['bigbox3.site3.atlanta.', 'example.com']);
  });

  it('splits a word wider than the line by characters, keeping astral characters whole', () => {
    expect(wrapText('x'.repeat(25), 10, cells)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
    expect(wrapText('😀😀😀', 4, cells)).toEqual(['😀😀', '😀']);
  });

  it('indents continuation lines of notes', () => {
    expect(wrapLines(['Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1;received=192.0.2.1'], 40, cells, '    ')).toEqual([
      'Via: SIP/2.0/UDP a.example.com;',
      '    branch=z9hG4bK1;received=192.0.2.1',
    ]);
  });

  it('keeps every character that is not a space it broke at, and fits the width (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 300 }), fc.integer({ min: 1, max: 80 }), (text, width) => {
      const lines = wrapText(text, width, cells);
      expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
      for (const line of lines) expect(cells(line)).toBeLessThanOrEqual(Math.max(width, 1));
    }));
  });

  it('survives garbage: empty text, zero and negative widths', () => {
    expect(wrapText('', 10, cells)).toEqual(['']);
    expect(wrapText('abc def', 0, cells)).toEqual(['abc def']);
    expect(wrapText('abc def', -5, cells)).toEqual(['abc def']);
  });
});
