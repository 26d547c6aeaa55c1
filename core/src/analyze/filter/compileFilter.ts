/**
 * Turns a filter expression into a predicate over rows (calls and usages) or over messages. Fields are
 * resolved in the command's scope: for rows, a row field if there is one (`status` = final status), else
 * "any message of the row" (`method == BYE`); for messages, a message field if there is one, else the field
 * of the message's row (`outcome == cancelled`). `msg.` and `call.` prefixes choose explicitly.
 * As in Wireshark, a test on a field with several values holds if any value passes, and `a != b` is
 * `not a == b`.
 */
import type { FilterData } from './filterData.ts';
import { FIELD_ALIASES, MESSAGE_FIELD_MAP, MESSAGE_FIELDS, ROW_FIELD_MAP, ROW_FIELDS, type FieldDef, type FieldValue, type Scalar } from './filterFields.ts';
import { parseFilter } from './filterParser.ts';
import { filterError, type CompareOp, type FieldRef, type FilterExpr, type Literal, type Parsed } from './filterSyntax.ts';

export type FilterScope = 'row' | 'message';

/** `subject` is a row position (scope 'row') or a record index (scope 'message'). */
export type FilterPredicate = (subject: number, data: FilterData) => boolean;

export interface CompiledFilter {
  readonly text: string;
  readonly scope: FilterScope;
  readonly test: FilterPredicate;
}

export function compileFilter(text: string, scope: FilterScope): Parsed<CompiledFilter> {
  const parsed = parseFilter(text);
  if (!parsed.ok) return parsed;
  try {
    return { ok: true, value: { text, scope, test: build(parsed.value, scope) } };
  } catch (error) {
    if (error instanceof CompileFailure) return error.result;
    throw error;
  }
}

class CompileFailure {
  constructor(readonly result: { ok: false; error: { message: string; at: number; length: number } }) {}
}

function fail(message: string, at: { at: number; length: number }): never {
  throw new CompileFailure(filterError(message, at.at, at.length));
}

function build(expr: FilterExpr, scope: FilterScope): FilterPredicate {
  switch (expr.kind) {
    case 'and': {
      const left = build(expr.left, scope);
      const right = build(expr.right, scope);
      return (s, d) => left(s, d) && right(s, d);
    }
    case 'or': {
      const left = build(expr.left, scope);
      const right = build(expr.right, scope);
      return (s, d) => left(s, d) || right(s, d);
    }
    case 'not': {
      const operand = build(expr.operand, scope);
      return (s, d) => !operand(s, d);
    }
    case 'exists':
      return onField(expr.field, scope, truthy);
    case 'compare': {
      const def = resolve(expr.field, scope).def;
      if (expr.op === '!=') {
        const equal = onField(expr.field, scope, valueTest(def, '==', expr.value));
        return (s, d) => !equal(s, d);
      }
      return onField(expr.field, scope, valueTest(def, expr.op, expr.value));
    }
    case 'in': {
      const def = resolve(expr.field, scope).def;
      const tests = expr.values.map((v) => valueTest(def, '==', v));
      return onField(expr.field, scope, (v) => tests.some((t) => t(v)));
    }
  }
}

interface Resolved {
  readonly def: FieldDef;
  /** The field belongs to the other scope: rows test their messages, messages test their row. */
  readonly lifted: boolean;
}

function resolve(ref: FieldRef, scope: FilterScope): Resolved {
  const name = FIELD_ALIASES[ref.name] ?? ref.name;
  const messageDef = MESSAGE_FIELD_MAP.get(name);
  const rowDef = ROW_FIELD_MAP.get(name);
  const wantMessage = ref.scope === 'msg' || (ref.scope === undefined && (scope === 'message' ? messageDef !== undefined : rowDef === undefined));
  const def = wantMessage ? messageDef : rowDef;
  if (def === undefined) {
    if (ref.scope !== undefined && (messageDef ?? rowDef) !== undefined) {
      fail(`'${name}' is not a ${ref.scope === 'msg' ? 'message' : 'call'} field: drop the '${ref.scope}.' prefix`, ref);
    }
    const known = [...new Set([...MESSAGE_FIELDS, ...ROW_FIELDS].map((f) => f.name))];
    const guess = closest(name, [...known, ...Object.keys(FIELD_ALIASES)]);
    fail(`unknown field '${ref.name}'${guess ? ` (did you mean '${FIELD_ALIASES[guess] ?? guess}'?)` : ''}; fields: ${known.join(', ')}`, ref);
  }
  return { def, lifted: wantMessage !== (scope === 'message') };
}

/** Applies `test` to the field's value(s) for the subject, lifting across scopes where needed. */
function onField(ref: FieldRef, scope: FilterScope, test: (v: Scalar) => boolean): FilterPredicate {
  const { def, lifted } = resolve(ref, scope);
  const get = def.get;
  const direct: FilterPredicate = (s, d) => anyValue(get(s, d), test);
  if (!lifted) return direct;
  if (scope === 'row') {
    return (r, d) => {
      for (const i of d.rows[r]!.messages) if (direct(i, d)) return true;
      return false;
    };
  }
  return (i, d) => {
    const r = d.rowOfRecord[i] ?? -1;
    return r >= 0 && direct(r, d);
  };
}

function anyValue(value: FieldValue, test: (v: Scalar) => boolean): boolean {
  if (value === undefined) return false;
  if (typeof value === 'object') {
    for (const v of value) if (test(v)) return true;
    return false;
  }
  return test(value);
}

function truthy(v: Scalar): boolean {
  return v !== false && v !== 0 && v !== '';
}

type ValueTest = (v: Scalar) => boolean;

function valueTest(def: FieldDef, op: Exclude<CompareOp, '!='>, literal: Literal): ValueTest {
  if (op === '~') {
    let re: RegExp;
    try {
      re = new RegExp(literal.text, 'i');
    } catch (error) {
      return fail(`not a valid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`, literal);
    }
    return (v) => re.test(String(v));
  }
  if (op === 'contains') {
    const needle = literal.text.toLowerCase();
    return (v) => String(v).toLowerCase().includes(needle);
  }
  switch (def.type) {
    case 'string': {
      if (op !== '==') fail(`'${op}' compares numbers, but '${def.name}' is text: use ==, !=, ~ or contains`, literal);
      const wanted = literal.text.toLowerCase();
      return (v) => String(v).toLowerCase() === wanted;
    }
    case 'boolean': {
      if (op !== '==') fail(`'${def.name}' is true or false: use == or !=, or the field alone`, literal);
      const b = booleanLiteral(literal.text);
      if (b === undefined) fail(`'${def.name}' is true or false, not '${literal.text}'`, literal);
      return (v) => v === b;
    }
    case 'status': {
      const cls = /^([1-6])xx$/i.exec(literal.text);
      if (cls) {
        if (op !== '==') fail(`a status class like ${literal.text} works with == and != only`, literal);
        const base = Number(cls[1]) * 100;
        return (v) => typeof v === 'number' && v >= base && v < base + 100;
      }
      return numberTest(op, numberLiteral(def, literal));
    }
    case 'number':
      return numberTest(op, numberLiteral(def, literal));
    case 'duration':
      return numberTest(op, durationLiteral(def, literal));
  }
}

function numberTest(op: '==' | '<' | '<=' | '>' | '>=', x: number): ValueTest {
  switch (op) {
    case '==': return (v) => v === x;
    case '<': return (v) => typeof v === 'number' && v < x;
    case '<=': return (v) => typeof v === 'number' && v <= x;
    case '>': return (v) => typeof v === 'number' && v > x;
    case '>=': return (v) => typeof v === 'number' && v >= x;
  }
}

function numberLiteral(def: FieldDef, literal: Literal): number {
  const n = /^-?\d+(\.\d+)?$/.test(literal.text) ? Number(literal.text) : NaN;
  if (!Number.isFinite(n)) fail(`'${def.name}' is a number${def.type === 'status' ? ' (or a class like 4xx)' : ''}, not '${literal.text}'`, literal);
  return n;
}

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000 };

/** Durations: a number of seconds, or with a unit: 250ms, 2s, 1.5m, 1h. */
function durationLiteral(def: FieldDef, literal: Literal): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|sec|m|min|h)?$/i.exec(literal.text);
  if (!m) fail(`'${def.name}' is a duration: seconds (2.5) or with a unit (250ms, 2s, 1m, 1h), not '${literal.text}'`, literal);
  return Number(m[1]) * UNIT_MS[(m[2] ?? 's').toLowerCase()]!;
}

function booleanLiteral(text: string): boolean | undefined {
  const t = text.toLowerCase();
  if (t === 'true' || t === 'yes' || t === '1') return true;
  if (t === 'false' || t === 'no' || t === '0') return false;
  return undefined;
}

/** The known name nearest to a misspelling (edit distance ≤ 2), for "did you mean". */
function closest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    const d = editDistance(name, k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
