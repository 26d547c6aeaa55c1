import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointWidth, displayWidth } from './displayWidth.ts';
import { visibleText } from './visibleText.ts';

describe('making capture text visible', () => {
  it('leaves ordinary text, including non-ASCII and emoji, as it is', () => {
    expect(visibleText('180 Ringing')).toBe('180 Ringing');
    expect(visibleText('Gerät 😀 呼叫')).toBe('Gerät 😀 呼叫');
  });

  it('writes control characters as \\x escapes, so a terminal cannot be driven', () => {
    expect(visibleText('a\u0000b\u001b[31mc\u007f\u0085')).toBe('a\\x00b\\x1b[31mc\\x7f\\x85');
    expect(visibleText('a\r\nb')).toBe('a\\x0d\\x0ab');
  });

  it('writes invisible format characters (bidi overrides, zero-width, BOM) as \\u escapes', () => {
    expect(visibleText('abc\u202egnp.exe')).toBe('abc\\u{202e}gnp.exe');
    expect(visibleText('\ufeffa\u200bb')).toBe('\\u{feff}a\\u{200b}b');
  });

  it('turns a tab into a space and a lone surrogate into an escape', () => {
    expect(visibleText('a\tb')).toBe('a b');
    expect(visibleText('x\ud800y\udc00')).toBe('x\\u{d800}y\\u{dc00}');
  });

  it('is idempotent and leaves nothing a terminal would act on (property)', () => {
    // Any UTF-16 units, lone surrogates included.
    const units = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 60 }).map((codes) => String.fromCharCode(...codes));
    fc.assert(fc.property(units, (text) => {
      const once = visibleText(text);
      expect(visibleText(once)).toBe(once);
      // eslint-disable-next-line no-control-regex
      expect(once).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
    }));
  });
});

describe('terminal cell widths', () => {
  it('counts ASCII as one cell, East Asian wide characters as two, combining marks as none', () => {
    expect(displayWidth('INVITE')).toBe(6);
    expect(displayWidth('呼叫')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('😀')).toBe(2);
    expect(codePointWidth(0x300)).toBe(0);
  });
});
