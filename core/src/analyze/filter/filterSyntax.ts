/**
 * The display-filter language's tokens, syntax tree and errors (in the spirit of Wireshark's display
 * filters, wireshark-filter(4)): `method == INVITE and not status >= 400`. Positions are 0-based columns.
 */

export type TokenKind =
  | 'word' | 'string' | 'lparen' | 'rparen' | 'lbrace' | 'rbrace' | 'comma'
  | 'and' | 'or' | 'not' | 'in' | 'compare' | 'end';

export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | '~' | 'contains';

export interface Token {
  readonly kind: TokenKind;
  /** Words: the text as written; strings: the unescaped content; operators: the canonical form. */
  readonly text: string;
  readonly op?: CompareOp;
  readonly at: number;
  readonly length: number;
}

/** A field as written: `status`, or scoped `msg.status` / `call.status`. */
export interface FieldRef {
  readonly name: string;
  readonly scope?: 'msg' | 'call';
  readonly at: number;
  readonly length: number;
}

export interface Literal {
  readonly text: string;
  readonly quoted: boolean;
  readonly at: number;
  readonly length: number;
}

export type FilterExpr =
  | { readonly kind: 'and' | 'or'; readonly left: FilterExpr; readonly right: FilterExpr }
  | { readonly kind: 'not'; readonly operand: FilterExpr }
  | { readonly kind: 'exists'; readonly field: FieldRef }
  | { readonly kind: 'compare'; readonly field: FieldRef; readonly op: CompareOp; readonly value: Literal }
  | { readonly kind: 'in'; readonly field: FieldRef; readonly values: readonly Literal[] };

/** What went wrong and where: `at`/`length` select the offending characters of the expression. */
export interface FilterError {
  readonly message: string;
  readonly at: number;
  readonly length: number;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: FilterError };

export const filterError = (message: string, at: number, length = 1): { ok: false; error: FilterError } =>
  ({ ok: false, error: { message, at, length: Math.max(1, length) } });

/** The expression with a caret line under the offending columns, for terminals. */
export function pointAt(text: string, error: FilterError): string {
  // Tabs and other control characters would shift the caret: show them as spaces of the same width.
  // eslint-disable-next-line no-control-regex
  const shown = text.replace(/[\u0000-\u001f\u007f]/g, ' ');
  const at = Math.min(error.at, shown.length);
  const width = Math.max(1, Math.min(error.length, Math.max(1, shown.length - at)));
  return `${shown}\n${' '.repeat(at)}${'^'.repeat(width)}`;
}
