/**
 * The call list's filter language (a subset of what the CLI will accept; see app/README.md):
 *   alice                      any text column contains "alice" (case-insensitive)
 *   from:alice to:"bob smith"  a column contains the text
 *   method:INVITE,BYE          exact (case-insensitive), any of the listed values
 *   status:4xx  status:>=400  pdd:>2000  duration:10000-20000  issues:>0
 *   -method:OPTIONS  !outcome:answered   negation
 * Terms are ANDed. Numbers compare with > >= < <= =, a range a-b, or a class like 4xx.
 */
import type { CallRow } from './apiTypes.ts';

export type RowPredicate = (row: CallRow) => boolean;
export type FilterResult = { ok: true; test: RowPredicate } | { ok: false; error: string };

type TextField = 'from' | 'to' | 'callId';
type ExactField = 'method' | 'outcome' | 'kind';
type NumberField = 'status' | 'pddMs' | 'durationMs' | 'messages' | 'legs' | 'issues';

const TEXT: Record<string, TextField> = { from: 'from', to: 'to', callid: 'callId', 'call-id': 'callId', cid: 'callId' };
const EXACT: Record<string, ExactField> = { method: 'method', outcome: 'outcome', kind: 'kind' };
const NUMBER: Record<string, NumberField> = {
  status: 'status', pdd: 'pddMs', duration: 'durationMs', messages: 'messages', msgs: 'messages', legs: 'legs', issues: 'issues',
};

interface Token {
  negated: boolean;
  field: string | undefined;
  value: string;
}

/** Splits on white space outside double quotes; `field:"a b"` keeps its quoted value. */
function tokenize(text: string): Token[] | string {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    let negated = false;
    if (text[i] === '-' || text[i] === '!') {
      negated = true;
      i++;
    }
    let raw = '';
    let field: string | undefined;
    while (i < text.length && !/\s/.test(text[i]!)) {
      const c = text[i]!;
      if (c === '"') {
        const end = text.indexOf('"', i + 1);
        if (end < 0) return `unclosed quote at position ${i + 1}`;
        raw += text.slice(i + 1, end);
        i = end + 1;
        continue;
      }
      if (c === ':' && field === undefined && /^[a-z-]+$/i.test(raw)) {
        field = raw.toLowerCase();
        raw = '';
        i++;
        continue;
      }
      raw += c;
      i++;
    }
    if (field !== undefined && raw === '') return `'${field}:' needs a value`;
    tokens.push({ negated, field, value: raw });
  }
  return tokens;
}

/** A numeric condition: 4xx, >=400, <10, 100-200, =0, 42. */
function numberTest(value: string): ((n: number) => boolean) | undefined {
  let m = /^([1-6])xx$/i.exec(value);
  if (m) {
    const base = Number(m[1]) * 100;
    return (n) => n >= base && n < base + 100;
  }
  m = /^(>=|<=|>|<|=)?(\d+(?:\.\d+)?)$/.exec(value);
  if (m) {
    const x = Number(m[2]);
    switch (m[1]) {
      case '>': return (n) => n > x;
      case '>=': return (n) => n >= x;
      case '<': return (n) => n < x;
      case '<=': return (n) => n <= x;
      default: return (n) => n === x;
    }
  }
  m = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(value);
  if (m) {
    const lo = Number(m[1]);
    const hi = Number(m[2]);
    return (n) => n >= lo && n <= hi;
  }
  return undefined;
}

function termTest(token: Token): RowPredicate | string {
  const values = token.field === undefined ? [token.value] : token.value.split(',').filter((v) => v !== '');
  const { field } = token;
  if (field === undefined || field === 'any') {
    const needle = token.value.toLowerCase();
    return (r) => r.from.toLowerCase().includes(needle) || r.to.toLowerCase().includes(needle)
      || r.callId.toLowerCase().includes(needle) || r.method.toLowerCase().includes(needle) || r.outcome.toLowerCase().includes(needle);
  }
  const text = TEXT[field];
  if (text !== undefined) {
    const needles = values.map((v) => v.toLowerCase());
    return (r) => needles.some((n) => r[text].toLowerCase().includes(n));
  }
  const exact = EXACT[field];
  if (exact !== undefined) {
    const wanted = new Set(values.map((v) => v.toLowerCase()));
    return (r) => wanted.has(r[exact].toLowerCase());
  }
  const num = NUMBER[field];
  if (num !== undefined) {
    const tests: ((n: number) => boolean)[] = [];
    for (const v of values) {
      const t = numberTest(v);
      if (t === undefined) return `'${field}:${v}' is not a number condition (try 4xx, >=400, 100-200)`;
      tests.push(t);
    }
    return (r) => {
      const n = r[num];
      return n !== null && tests.some((t) => t(n));
    };
  }
  return `unknown field '${field}' (known: ${[...Object.keys(TEXT), ...Object.keys(EXACT), ...Object.keys(NUMBER), 'any'].join(', ')})`;
}

export function compileFilter(text: string): FilterResult {
  const tokens = tokenize(text);
  if (typeof tokens === 'string') return { ok: false, error: tokens };
  const tests: { test: RowPredicate; negated: boolean }[] = [];
  for (const token of tokens) {
    const test = termTest(token);
    if (typeof test === 'string') return { ok: false, error: test };
    tests.push({ test, negated: token.negated });
  }
  if (tests.length === 0) return { ok: true, test: () => true };
  return { ok: true, test: (row) => tests.every((t) => t.test(row) !== t.negated) };
}
