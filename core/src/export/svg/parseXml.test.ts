import { describe, expect, it } from 'vitest';
import { findElements, parseXml, textContent } from './parseXml.ts';

describe('the XML well-formedness checker', () => {
  it('reads a document: declaration, elements, attributes, references, CDATA, comments', () => {
    const r = parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<!-- c --><svg a="1" b=\'x &amp; &#60;y&#x3e;\'><g><text>a &lt; b</text><![CDATA[<raw>]]></g><br/></svg>\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.root.attributes).toEqual({ a: '1', b: 'x & <y>' });
    expect(findElements(r.root, (e) => e.name === 'text').map(textContent)).toEqual(['a < b']);
    expect(textContent(r.root)).toBe('a < b<raw>');
  });

  it('accepts a bare DOCTYPE only when asked (HTML written as XML)', () => {
    expect(parseXml('<!DOCTYPE html><html></html>').ok).toBe(false);
    expect(parseXml('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"/></head></html>', { allowDoctype: true }).ok).toBe(true);
  });

  it.each([
    ['an unclosed element', '<a><b></a>'],
    ['a truncated document', '<svg><g>'],
    ['a raw < in text', '<a>1 < 2</a>'],
    ['a raw & in text', '<a>AT&T</a>'],
    ['an unknown entity', '<a>&nbsp;</a>'],
    ['a reference to NUL', '<a>&#0;</a>'],
    ['a NUL character', '<a>\u0000</a>'],
    ['an ESC character', '<a>\u001b[31m</a>'],
    ['a lone surrogate', '<a>\ud800</a>'],
    ['a repeated attribute', '<a x="1" x="2"/>'],
    ['an unquoted attribute', '<a x=1/>'],
    ['a < in an attribute', '<a x="<"/>'],
    ['-- inside a comment', '<a><!-- a -- b --></a>'],
    [']]> in text', '<a>]]></a>'],
    ['two roots', '<a/><b/>'],
    ['garbage', '\u00ff\u00fe garbage'],
    ['nothing', ''],
  ])('rejects %s', (_, text) => {
    const r = parseXml(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.length).toBeGreaterThan(3);
  });
});
