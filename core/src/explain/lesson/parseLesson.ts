/**
 * Reads a lesson file (JSON, format 1, docs/lessons.md) and says, for a teacher, what is wrong and where:
 * the line and column of a syntax error, the field path of a bad value ("notes.7.fr"), and "did you mean"
 * for a misspelt field or language. Never throws; a lesson comes back only when there is no error.
 */
import { LOCALES, isLocale } from '../i18n/locale.ts';
import { closestName } from './closestName.ts';
import type { Lesson, LessonIssue, LessonParseResult, LessonQuestion, LocalizedText } from './lessonTypes.ts';
import { languagesOf } from './localizedText.ts';

const FIELDS = ['format', 'capture', 'title', 'narrative', 'goals', 'notes', 'questions', 'nodes', 'source', 'order'] as const;
const QUESTION_FIELDS = ['step', 'question', 'answer'] as const;
const ENDPOINT = /^(?:\[[0-9A-Fa-f:.]+\]|[0-9A-Fa-f:.]+)(?::\d{1,5})?$/;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

class Checker {
  readonly issues: LessonIssue[] = [];

  error(where: string, message: string): void {
    this.issues.push({ severity: 'error', where, message });
  }

  warning(where: string, message: string): void {
    this.issues.push({ severity: 'warning', where, message });
  }

  unknownFields(value: Record<string, Json>, known: readonly string[], where: string): void {
    for (const key of Object.keys(value)) {
      if (known.includes(key)) continue;
      const guess = closestName(key, known);
      this.error(where === '' ? key : `${where}.${key}`, `unknown field '${key}'${guess ? ` — did you mean '${guess}'?` : ` (fields: ${known.join(', ')})`}`);
    }
  }

  /** A text: a non-empty string, or an object of non-empty strings keyed by en, fr, es, pl. */
  text(value: Json | undefined, where: string, required: boolean): LocalizedText | undefined {
    if (value === undefined) {
      if (required) this.error(where, 'missing: write a text, or an object like {"en": "…", "fr": "…"}');
      return undefined;
    }
    if (typeof value === 'string') {
      if (value.trim() === '') this.error(where, 'empty text');
      return value;
    }
    if (!isObject(value)) {
      this.error(where, `expected a text or an object of texts by language, got ${describe(value)}`);
      return undefined;
    }
    const out: Partial<Record<(typeof LOCALES)[number], string>> = {};
    for (const [key, text] of Object.entries(value)) {
      if (!isLocale(key)) {
        const guess = closestName(key.toLowerCase(), LOCALES);
        this.error(`${where}.${key}`, `unknown language '${key}'${guess ? ` — did you mean '${guess}'?` : ''} (languages: ${LOCALES.join(', ')})`);
      } else if (typeof text !== 'string' || text.trim() === '') {
        this.error(`${where}.${key}`, `expected a non-empty text, got ${describe(text)}`);
      } else out[key] = text;
    }
    if (Object.keys(value).length === 0) this.error(where, 'no text in any language');
    const missing = LOCALES.filter((l) => !languagesOf(out).includes(l));
    if (missing.length > 0 && Object.keys(out).length > 0) {
      this.warning(where, `no ${missing.join(', ')} text (${out.en !== undefined ? 'English' : 'another language'} is shown instead)`);
    }
    return out;
  }
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: Json | undefined): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value).slice(0, 40)}`;
}

/** "Unexpected token } in JSON at position 57" → "line 4, column 3" (engines word it differently). */
function syntaxIssue(text: string, error: unknown): LessonIssue {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  if (position === null) return { severity: 'error', where: 'JSON', message: `not valid JSON: ${message}` };
  const at = Math.min(Number(position[1]), text.length);
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = at - before.lastIndexOf('\n');
  const reason = message.replace(/\s*in JSON at position \d+.*$/s, '').replace(/\s*\(line \d+ column \d+\)$/, '');
  return { severity: 'error', where: `line ${line}, column ${column}`, message: `not valid JSON: ${reason}` };
}

export function parseLesson(text: string, id: string): LessonParseResult {
  let json: Json;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, '')) as Json;
  } catch (error) {
    return { issues: [syntaxIssue(text, error)] };
  }
  const c = new Checker();
  if (!isObject(json)) {
    c.error('lesson', `expected an object {"format": 1, "capture": …}, got ${describe(json)}`);
    return { issues: c.issues };
  }
  c.unknownFields(json, FIELDS, '');
  if (json.format !== 1) c.error('format', json.format === undefined ? 'missing: write "format": 1' : `this version reads format 1, got ${describe(json.format)}`);
  if (typeof json.capture !== 'string' || json.capture.trim() === '') {
    c.error('capture', `expected the path of the capture file (relative to the lesson file), got ${describe(json.capture)}`);
  }
  const title = c.text(json.title, 'title', true);
  const narrative = c.text(json.narrative, 'narrative', true);
  const goals = listOf(json.goals, 'goals', c).map((g, i) => c.text(g, `goals.${i + 1}`, true));
  const notes: Record<number, LocalizedText> = {};
  if (json.notes !== undefined) {
    if (!isObject(json.notes)) c.error('notes', `expected an object of notes by message number, like {"3": "…"}, got ${describe(json.notes)}`);
    else {
      for (const [key, value] of Object.entries(json.notes)) {
        if (!/^[1-9]\d{0,6}$/.test(key)) c.error(`notes.${key}`, `'${key}' is not a message number (1, 2, 3, …)`);
        const note = c.text(value, `notes.${key}`, true);
        if (note !== undefined && /^[1-9]\d{0,6}$/.test(key)) notes[Number(key)] = note;
      }
    }
  }
  const questions = listOf(json.questions, 'questions', c).map((q, i) => question(q, `questions.${i + 1}`, c));
  const nodes: Record<string, string> = {};
  if (json.nodes !== undefined) {
    if (!isObject(json.nodes)) c.error('nodes', `expected an object of node names, like {"alice": "192.0.2.1:5060"}, got ${describe(json.nodes)}`);
    else {
      for (const [name, endpoint] of Object.entries(json.nodes)) {
        if (typeof endpoint !== 'string' || !ENDPOINT.test(endpoint)) c.error(`nodes.${name}`, `expected an address like "192.0.2.1:5060", "192.0.2.1" or "[2001:db8::1]:5060", got ${describe(endpoint)}`);
        else nodes[name] = endpoint;
      }
    }
  }
  if (json.source !== undefined && typeof json.source !== 'string') c.error('source', `expected a text, got ${describe(json.source)}`);
  if (json.order !== undefined && (typeof json.order !== 'number' || !Number.isFinite(json.order))) c.error('order', `expected a number, got ${describe(json.order)}`);
  if (c.issues.some((x) => x.severity === 'error')) return { issues: c.issues };
  const lesson: Lesson = {
    id, format: 1, capture: (json.capture as string).trim(), title: title!, narrative: narrative!,
    goals: goals as LocalizedText[], notes, questions: questions as LessonQuestion[], nodes,
    ...(typeof json.source === 'string' ? { source: json.source } : {}),
    ...(typeof json.order === 'number' ? { order: json.order } : {}),
  };
  return { lesson, issues: c.issues };
}

function listOf(value: Json | undefined, where: string, c: Checker): Json[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value;
  c.error(where, `expected a list [ … ], got ${describe(value)}`);
  return [];
}

function question(value: Json, where: string, c: Checker): LessonQuestion | undefined {
  if (!isObject(value)) {
    c.error(where, `expected {"question": …, "answer": …}, got ${describe(value)}`);
    return undefined;
  }
  c.unknownFields(value, QUESTION_FIELDS, where);
  const q = c.text(value.question, `${where}.question`, true);
  const a = c.text(value.answer, `${where}.answer`, true);
  const step = value.step;
  if (step !== undefined && (typeof step !== 'number' || !Number.isInteger(step) || step < 1)) {
    c.error(`${where}.step`, `expected a message number (1, 2, 3, …), got ${describe(step)}`);
  }
  if (q === undefined || a === undefined) return undefined;
  return { question: q, answer: a, ...(typeof step === 'number' && Number.isInteger(step) && step >= 1 ? { step } : {}) };
}

/** Errors that need the capture: notes and questions pointing past its last message. */
export function checkLessonSteps(lesson: Lesson, messages: number): LessonIssue[] {
  const issues: LessonIssue[] = [];
  const beyond = (n: number) => `the capture has ${messages} SIP message${messages === 1 ? '' : 's'}, there is no message ${n}`;
  for (const key of Object.keys(lesson.notes)) if (Number(key) > messages) issues.push({ severity: 'error', where: `notes.${key}`, message: beyond(Number(key)) });
  lesson.questions.forEach((q, i) => {
    if (q.step !== undefined && q.step > messages) issues.push({ severity: 'error', where: `questions.${i + 1}.step`, message: beyond(q.step) });
  });
  return issues;
}
