/**
 * Recursive-descent parser of the display-filter language. Precedence, loosest first:
 *   or (||)  <  and (&&)  <  not (!)  <  a test: `field`, `field OP value`, `field in {v1, v2}`, `( … )`
 * Fields may be scoped: `msg.status` (any message of a call) or `call.status` (the call itself).
 */
import { lexFilter } from './filterLexer.ts';
import { filterError, type FieldRef, type FilterExpr, type Literal, type Parsed, type Token } from './filterSyntax.ts';

/** Deeper nesting than this is refused, so hostile input cannot overflow the stack. */
const MAX_DEPTH = 200;

export function parseFilter(text: string): Parsed<FilterExpr> {
  const lexed = lexFilter(text);
  if (!lexed.ok) return lexed;
  return new Parser(lexed.value).parseAll();
}

class ParseFailure {
  constructor(readonly result: { ok: false; error: { message: string; at: number; length: number } }) {}
}

class Parser {
  private position = 0;
  private depth = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parseAll(): Parsed<FilterExpr> {
    try {
      if (this.peek().kind === 'end') fail('the filter is empty: write a test such as method == INVITE', 0);
      const expr = this.parseOr();
      const next = this.peek();
      if (next.kind === 'rparen') fail("')' without a matching '('", next.at);
      if (next.kind !== 'end') fail(`expected 'and', 'or' or the end of the filter, found ${describe(next)}`, next.at, next.length);
      return { ok: true, value: expr };
    } catch (error) {
      if (error instanceof ParseFailure) return error.result;
      throw error;
    }
  }

  private peek(): Token {
    return this.tokens[this.position]!;
  }

  private take(): Token {
    const token = this.tokens[this.position]!;
    if (token.kind !== 'end') this.position++;
    return token;
  }

  private parseOr(): FilterExpr {
    let left = this.parseAnd();
    while (this.peek().kind === 'or') {
      this.take();
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): FilterExpr {
    let left = this.parseUnary();
    while (this.peek().kind === 'and') {
      this.take();
      left = { kind: 'and', left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): FilterExpr {
    const token = this.peek();
    if (++this.depth > MAX_DEPTH) fail(`the filter nests deeper than ${MAX_DEPTH} levels`, token.at, token.length);
    try {
      if (token.kind === 'not') {
        this.take();
        return { kind: 'not', operand: this.parseUnary() };
      }
      if (token.kind === 'lparen') {
        this.take();
        const inner = this.parseOr();
        const close = this.peek();
        if (close.kind !== 'rparen') {
          fail(close.kind === 'end'
            ? `missing ')' to close the '(' at column ${token.at + 1}`
            : `expected ')' to close the '(' at column ${token.at + 1}, found ${describe(close)}`, close.at, close.length);
        }
        this.take();
        return inner;
      }
      return this.parseTest();
    } finally {
      this.depth--;
    }
  }

  private parseTest(): FilterExpr {
    const token = this.take();
    if (token.kind !== 'word') {
      fail(token.kind === 'end' ? 'expected a field name (such as method, status, from) at the end of the filter'
        : `expected a field name (such as method, status, from), found ${describe(token)}`, token.at, token.length);
    }
    const field = fieldRef(token);
    const next = this.peek();
    if (next.kind === 'compare') {
      this.take();
      return { kind: 'compare', field, op: next.op!, value: this.parseValue(next) };
    }
    if (next.kind === 'in') {
      this.take();
      return { kind: 'in', field, values: this.parseSet(next) };
    }
    if (next.kind === 'word' || next.kind === 'string') {
      fail(`expected an operator (==, !=, <, <=, >, >=, ~, contains, in) between '${token.text}' and ${describe(next)}`, next.at, next.length);
    }
    return { kind: 'exists', field };
  }

  private parseValue(after: Token): Literal {
    const token = this.take();
    if (token.kind === 'word' || token.kind === 'string') {
      return { text: token.text, quoted: token.kind === 'string', at: token.at, length: token.length };
    }
    if (token.kind === 'end') fail(`expected a value after '${after.text}'`, token.at);
    return fail(`expected a value after '${after.text}', found ${describe(token)} (quote values that hold symbols)`, token.at, token.length);
  }

  private parseSet(after: Token): Literal[] {
    const open = this.take();
    if (open.kind !== 'lbrace') fail(`expected '{' after '${after.text}', as in method in {INVITE, BYE}`, open.at, open.length);
    const values: Literal[] = [];
    for (;;) {
      const token = this.peek();
      if (token.kind === 'rbrace') {
        this.take();
        break;
      }
      if (token.kind === 'comma' && values.length > 0) {
        this.take();
        continue;
      }
      if (token.kind === 'end') fail(`missing '}' to close the '{' at column ${open.at + 1}`, token.at);
      values.push(this.parseValue(after));
    }
    if (values.length === 0) fail("the set is empty: list values between '{' and '}'", open.at, 2);
    return values;
  }
}

function fail(message: string, at: number, length = 1): never {
  throw new ParseFailure(filterError(message, at, length));
}

function fieldRef(token: Token): FieldRef {
  const m = /^(msg|call)\.(.+)$/i.exec(token.text);
  const base = { at: token.at, length: token.length };
  if (m) return { ...base, name: m[2]!.toLowerCase(), scope: m[1]!.toLowerCase() as 'msg' | 'call' };
  return { ...base, name: token.text.toLowerCase() };
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'end': return 'the end of the filter';
    case 'string': return `the string "${token.text}"`;
    default: return `'${token.text}'`;
  }
}
