/**
 * Lexer of the display-filter language: words (field names, keywords, bare values), quoted strings with
 * backslash escapes, parentheses, braces and the comparison / boolean operators (symbols and words).
 */
import { filterError, type CompareOp, type Parsed, type Token } from './filterSyntax.ts';

/** Characters that end a bare word: white space, quotes, brackets and operator symbols. */
const WORD_STOP = new Set([...' \t\r\n\f\v"\'(){},!=<>~&|']);

const WORD_OPERATORS: Readonly<Record<string, CompareOp>> = {
  eq: '==', ne: '!=', lt: '<', le: '<=', gt: '>', ge: '>=', contains: 'contains', matches: '~',
};

const KEYWORDS: Readonly<Record<string, 'and' | 'or' | 'not' | 'in'>> = { and: 'and', or: 'or', not: 'not', in: 'in' };

export function lexFilter(text: string): Parsed<Token[]> {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: Token['kind'], tokenText: string, at: number, length: number, op?: CompareOp): void => {
    tokens.push(op === undefined ? { kind, text: tokenText, at, length } : { kind, text: tokenText, op, at, length });
  };
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (c === '"' || c === "'") {
      const s = readString(text, i);
      if (!s.ok) return s;
      push('string', s.value.text, i, s.value.end - i);
      i = s.value.end;
      continue;
    }
    if (c === '(' || c === ')' || c === '{' || c === '}' || c === ',') {
      const kind = c === '(' ? 'lparen' : c === ')' ? 'rparen' : c === '{' ? 'lbrace' : c === '}' ? 'rbrace' : 'comma';
      push(kind, c, i, 1);
      i++;
      continue;
    }
    if (two === '&&' || two === '||') {
      push(two === '&&' ? 'and' : 'or', two, i, 2);
      i += 2;
      continue;
    }
    if (two === '==' || two === '!=' || two === '<=' || two === '>=') {
      push('compare', two, i, 2, two);
      i += 2;
      continue;
    }
    if (c === '=' || c === '<' || c === '>' || c === '~') {
      // A lone '=' is read as '==': people type `status=404`.
      const op: CompareOp = c === '=' ? '==' : c;
      push('compare', c, i, 1, op);
      i++;
      continue;
    }
    if (c === '!') {
      push('not', c, i, 1);
      i++;
      continue;
    }
    if (c === '&' || c === '|') return filterError(`'${c}' alone is not an operator: write '${c}${c}' or '${c === '&' ? 'and' : 'or'}'`, i);
    let end = i;
    while (end < text.length && !WORD_STOP.has(text[end]!)) end++;
    const word = text.slice(i, end);
    const lower = word.toLowerCase();
    const keyword = KEYWORDS[lower];
    const op = WORD_OPERATORS[lower];
    if (keyword !== undefined) push(keyword, word, i, end - i);
    else if (op !== undefined) push('compare', word, i, end - i, op);
    else push('word', word, i, end - i);
    i = end;
  }
  push('end', '', text.length, 0);
  return { ok: true, value: tokens };
}

/** A quoted string from `start` (the quote); `\"`, `\'`, `\\`, `\n`, `\t` escapes; anything else after `\` is kept. */
function readString(text: string, start: number): Parsed<{ text: string; end: number }> {
  const quote = text[start]!;
  let out = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === quote) return { ok: true, value: { text: out, end: i + 1 } };
    if (c === '\\' && i + 1 < text.length) {
      const next = text[i + 1]!;
      out += next === 'n' ? '\n' : next === 't' ? '\t' : next;
      i += 2;
      continue;
    }
    out += c;
    i++;
  }
  return filterError(`unclosed ${quote === '"' ? 'double' : 'single'} quote: the string starting here has no closing ${quote}`, start);
}
