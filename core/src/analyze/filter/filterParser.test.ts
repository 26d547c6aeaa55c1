import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lexFilter } from './filterLexer.ts';
import { parseFilter } from './filterParser.ts';
import { pointAt, type FilterExpr } from './filterSyntax.ts';

/** A compact rendering of a tree, to compare shapes without positions. */
function show(e: FilterExpr): string {
  switch (e.kind) {
    case 'and': case 'or': return `(${show(e.left)} ${e.kind} ${show(e.right)})`;
    case 'not': return `not ${show(e.operand)}`;
    case 'exists': return `${e.field.scope ? e.field.scope + '.' : ''}${e.field.name}?`;
    case 'compare': return `${e.field.scope ? e.field.scope + '.' : ''}${e.field.name} ${e.op} ${e.value.quoted ? JSON.stringify(e.value.text) : e.value.text}`;
    case 'in': return `${e.field.name} in {${e.values.map((v) => v.text).join(',')}}`;
  }
}

function tree(text: string): string {
  const p = parseFilter(text);
  if (!p.ok) throw new Error(`${text}: ${p.error.message}`);
  return show(p.value);
}

function error(text: string): { message: string; at: number; length: number } {
  const p = parseFilter(text);
  if (p.ok) throw new Error(`${text} parsed`);
  return p.error;
}

describe('the filter lexer', () => {
  it('reads words, strings, operators and brackets with their columns', () => {
    const lexed = lexFilter('status>=400 && from ~ "a\\"b"');
    expect(lexed.ok && lexed.value.map((t) => [t.kind, t.text, t.at])).toEqual([
      ['word', 'status', 0], ['compare', '>=', 6], ['word', '400', 8], ['and', '&&', 12], ['word', 'from', 15],
      ['compare', '~', 20], ['string', 'a"b', 22], ['end', '', 28],
    ]);
  });

  it('reads word operators and keywords in any case', () => {
    const lexed = lexFilter('a EQ 1 Or NOT b CONTAINS x');
    expect(lexed.ok && lexed.value.map((t) => t.op ?? t.kind)).toEqual(['word', '==', 'word', 'or', 'not', 'word', 'contains', 'word', 'end']);
  });

  it('keeps addresses, URIs and Call-IDs as one bare word', () => {
    const lexed = lexFilter('src == [2001:db8::1]:5060 or ruri == sip:bob@host.example;lr');
    expect(lexed.ok && lexed.value.filter((t) => t.kind === 'word').map((t) => t.text)).toEqual(['src', '[2001:db8::1]:5060', 'ruri', 'sip:bob@host.example;lr']);
  });

  it('reports an unclosed quote at the quote', () => {
    const lexed = lexFilter('from ~ "alice');
    expect(lexed.ok).toBe(false);
    if (!lexed.ok) expect(lexed.error).toMatchObject({ at: 7, message: expect.stringContaining('unclosed') });
  });

  it('refuses a lone & or |', () => {
    const lexed = lexFilter('a & b');
    expect(!lexed.ok && lexed.error.at).toBe(2);
  });
});

describe('the filter parser', () => {
  it('parses a comparison with a bare or quoted value', () => {
    expect(tree('method == INVITE')).toBe('method == INVITE');
    expect(tree("from ~ 'alice'")).toBe('from ~ "alice"');
    expect(tree('status=404')).toBe('status == 404');
  });

  it('binds and tighter than or, and not tighter than and', () => {
    expect(tree('a or b and c')).toBe('(a? or (b? and c?))');
    expect(tree('not a and b')).toBe('(not a? and b?)');
    expect(tree('a || b && !c')).toBe('(a? or (b? and not c?))');
  });

  it('lets parentheses override precedence and nest', () => {
    expect(tree('(a or b) and c')).toBe('((a? or b?) and c?)');
    expect(tree('not (not ((x == 1)))')).toBe('not not x == 1');
  });

  it('reads scoped fields and value sets', () => {
    expect(tree('msg.status == 180 and call.status == 200')).toBe('(msg.status == 180 and call.status == 200)');
    expect(tree('method in {INVITE, BYE CANCEL}')).toBe('method in {INVITE,BYE,CANCEL}');
  });

  it('points at the missing value after an operator, at the end', () => {
    expect(error('method ==')).toMatchObject({ at: 9, message: "expected a value after '=='" });
  });

  it('points at a second operator where a value should be', () => {
    expect(error('status >= < 3').at).toBe(10);
  });

  it('points at the end when a parenthesis is not closed', () => {
    expect(error('(method == INVITE')).toMatchObject({ at: 17, message: "missing ')' to close the '(' at column 1" });
  });

  it('points at a stray closing parenthesis', () => {
    expect(error('a == 1)')).toMatchObject({ at: 6, message: "')' without a matching '('" });
  });

  it('points at a value that has no operator before it', () => {
    expect(error('method INVITE')).toMatchObject({ at: 7, length: 6 });
  });

  it('refuses an empty filter and a dangling and', () => {
    expect(error('   ').at).toBe(0);
    expect(error('a == 1 and').at).toBe(10);
  });

  it('refuses absurdly deep nesting instead of overflowing the stack', () => {
    expect(error('('.repeat(5000) + 'a' + ')'.repeat(5000)).message).toContain('nests deeper');
    expect(error('!'.repeat(5000) + 'a').message).toContain('nests deeper');
  });

  it('draws a caret under the offending columns', () => {
    expect(pointAt('metod == INVITE', { message: '', at: 0, length: 5 })).toBe('metod == INVITE\n^^^^^');
    expect(pointAt('a ==', { message: '', at: 4, length: 1 })).toBe('a ==\n    ^');
  });

  it('never throws on random text: it parses or reports a position inside the text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (text) => {
      const p = parseFilter(text);
      if (!p.ok) {
        expect(p.error.at).toBeGreaterThanOrEqual(0);
        expect(p.error.at).toBeLessThanOrEqual(text.length);
        expect(p.error.message.length).toBeGreaterThan(0);
      }
    }), { numRuns: 2000 });
  });

  it('never throws on random sequences of the language\'s own pieces', () => {
    const piece = fc.constantFrom('method', 'status', '==', '!=', '>=', '<', '~', 'contains', 'in', '{', '}', ',', '(', ')', 'and', 'or', 'not', '!', '&&', '||', '"x"', '400', 'INVITE', ' ');
    fc.assert(fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
      const text = pieces.join(' ');
      const p = parseFilter(text);
      if (!p.ok) expect(p.error.at).toBeLessThanOrEqual(text.length);
    }), { numRuns: 3000 });
  });
});
