/**
 * A lesson bundle (docs/lessons.md, "Saving a lesson from the app"): one JSON file that carries a lesson and
 * its capture together, so a teacher can hand out a single file. It holds the lesson exactly as a
 * lesson.json would (`capture` naming the bundled file), the capture base64-encoded, and an anchor —
 * frame number and place in the frame — for every message a note or question names. Never throws: every
 * problem comes back as a LessonIssue with the field path, like parseLesson's.
 */
import { closestName } from './closestName.ts';
import type { MessageAnchor } from './lessonBundleAnchors.ts';
import { decodeBase64, encodeBase64 } from '../../shared/base64.ts';
import { lessonJson, type LessonContent } from './lessonBundleJson.ts';
import type { Lesson, LessonIssue } from './lessonTypes.ts';
import { parseLesson } from './parseLesson.ts';

export const LESSON_BUNDLE_FORMAT = 1;
/** The file name ending the app proposes, and `sipladder lesson import` recognises. */
export const LESSON_BUNDLE_SUFFIX = '.sipladder-lesson.json';
const MARKER = 'sipladderLessonBundle';
const FIELDS = [MARKER, 'generator', 'created', 'anonymized', 'lesson', 'anchors', 'capture'] as const;
const CAPTURE_FIELDS = ['name', 'bytes', 'base64'] as const;
const ANCHOR_FIELDS = ['frame', 'messageInFrame'] as const;
const MESSAGE_NUMBER = /^[1-9]\d{0,6}$/;
/** A file name alone: no folder, nothing hidden, nothing a file system would refuse. */
const FILE_NAME = /^[\w][\w.+-]{0,120}$/;

export interface LessonBundle {
  /** The lesson; its `capture` is the bundled file's name. */
  readonly lesson: Lesson;
  readonly captureName: string;
  readonly capture: Uint8Array;
  /** By message number, as the lesson's notes and question steps name them. */
  readonly anchors: Readonly<Record<number, MessageAnchor>>;
  /** The capture was anonymised before it was bundled (as the teacher asked). */
  readonly anonymized: boolean;
  readonly generator?: string;
  readonly created?: string;
}

export interface LessonBundleInput {
  /** The lesson; its `capture` field is replaced by `captureName`. */
  readonly lesson: LessonContent;
  readonly captureName: string;
  readonly capture: Uint8Array;
  readonly anchors: Readonly<Record<number, MessageAnchor>>;
  readonly anonymized: boolean;
  /** The program that wrote it ("sipladder app 0.1.0"). */
  readonly generator?: string;
  /** When it was written (ISO 8601); the caller's clock, so the core stays deterministic. */
  readonly created?: string;
}

export interface LessonBundleResult {
  /** Present when there is no error (warnings allowed). */
  readonly bundle?: LessonBundle;
  readonly issues: readonly LessonIssue[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The bundle as text: the lesson first (readable), the capture's base64 last. */
export function writeLessonBundle(input: LessonBundleInput): string {
  const anchors = Object.keys(input.anchors).map(Number).sort((a, b) => a - b)
    .map((n) => [String(n), { frame: input.anchors[n]!.frame, messageInFrame: input.anchors[n]!.messageInFrame }] as const);
  const bundle = {
    [MARKER]: LESSON_BUNDLE_FORMAT,
    ...(input.generator !== undefined ? { generator: input.generator } : {}),
    ...(input.created !== undefined ? { created: input.created } : {}),
    anonymized: input.anonymized,
    lesson: lessonJson({ ...input.lesson, capture: input.captureName }),
    anchors: Object.fromEntries(anchors),
    capture: { name: input.captureName, bytes: input.capture.length, base64: encodeBase64(input.capture) },
  };
  return JSON.stringify(bundle, null, 2) + '\n';
}

/** True when a JSON text is a bundle rather than a lesson.json (its marker field comes first). */
export function looksLikeLessonBundle(text: string): boolean {
  return new RegExp(`^\\uFEFF?\\s*\\{\\s*"${MARKER}"\\s*:`).test(text.slice(0, 200));
}

const isObject = (v: Json | undefined): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);
const positiveInt = (v: Json | undefined): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 2 ** 31;
const describe = (v: Json | undefined): string =>
  v === undefined ? 'nothing' : v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v).slice(0, 40)}`;

function unknownFields(value: { [key: string]: Json }, known: readonly string[], where: string, issues: LessonIssue[]): void {
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const guess = closestName(key, known);
    issues.push({ severity: 'error', where: where === '' ? key : `${where}.${key}`, message: `unknown field '${key}'${guess ? ` — did you mean '${guess}'?` : ` (fields: ${known.join(', ')})`}` });
  }
}

export function parseLessonBundle(text: string, id: string): LessonBundleResult {
  let json: Json;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, '')) as Json;
  } catch {
    // The lesson parser words a syntax error with its line and column.
    return { issues: parseLesson(text, id).issues };
  }
  const issues: LessonIssue[] = [];
  const error = (where: string, message: string): void => void issues.push({ severity: 'error', where, message });
  if (!isObject(json) || json[MARKER] === undefined) {
    error(MARKER, `missing: a lesson bundle starts with {"${MARKER}": ${LESSON_BUNDLE_FORMAT}, …}`);
    return { issues };
  }
  unknownFields(json, FIELDS, '', issues);
  if (json[MARKER] !== LESSON_BUNDLE_FORMAT) error(MARKER, `this version reads bundle format ${LESSON_BUNDLE_FORMAT}, got ${describe(json[MARKER])}`);
  for (const field of ['generator', 'created'] as const) if (json[field] !== undefined && typeof json[field] !== 'string') error(field, `expected a text, got ${describe(json[field])}`);
  if (json.anonymized !== undefined && typeof json.anonymized !== 'boolean') error('anonymized', `expected true or false, got ${describe(json.anonymized)}`);
  const capture = parseCapture(json.capture, issues);
  let lesson: Lesson | undefined;
  if (!isObject(json.lesson)) error('lesson', `expected the lesson, an object like {"format": 1, "capture": …}, got ${describe(json.lesson)}`);
  else {
    const parsed = parseLesson(JSON.stringify(json.lesson), id);
    issues.push(...parsed.issues.map((i) => ({ ...i, where: `lesson.${i.where}` })));
    lesson = parsed.lesson;
    if (lesson !== undefined && capture !== undefined && lesson.capture !== capture.name) {
      error('lesson.capture', `expected the bundled capture's name '${capture.name}', got '${lesson.capture.slice(0, 80)}'`);
    }
  }
  const anchors = parseAnchors(json.anchors, issues);
  if (issues.some((i) => i.severity === 'error') || lesson === undefined || capture === undefined) return { issues };
  return {
    bundle: {
      lesson, captureName: capture.name, capture: capture.bytes, anchors, anonymized: json.anonymized === true,
      ...(typeof json.generator === 'string' ? { generator: json.generator } : {}),
      ...(typeof json.created === 'string' ? { created: json.created } : {}),
    },
    issues,
  };
}

function parseCapture(value: Json | undefined, issues: LessonIssue[]): { name: string; bytes: Uint8Array } | undefined {
  const error = (where: string, message: string): undefined => void issues.push({ severity: 'error', where, message });
  if (!isObject(value)) return error('capture', `expected {"name": "capture.pcap", "base64": "…"}, got ${describe(value)}`);
  unknownFields(value, CAPTURE_FIELDS, 'capture', issues);
  const name = value.name;
  if (typeof name !== 'string' || !FILE_NAME.test(name) || name.includes('..')) {
    return error('capture.name', `expected a file name without folders (like "capture.pcap"), got ${describe(name)}`);
  }
  if (typeof value.base64 !== 'string') return error('capture.base64', `expected the capture in base64, got ${describe(value.base64)}`);
  const bytes = decodeBase64(value.base64);
  if (bytes === undefined) return error('capture.base64', `not valid base64 (${value.base64.length} characters): the file was cut or edited`);
  if (bytes.length === 0) return error('capture.base64', 'the bundled capture is empty');
  if (value.bytes !== undefined && value.bytes !== bytes.length) {
    return error('capture.bytes', `the capture should have ${JSON.stringify(value.bytes).slice(0, 20)} bytes, the base64 holds ${bytes.length}: the file was cut or edited`);
  }
  return { name, bytes };
}

function parseAnchors(value: Json | undefined, issues: LessonIssue[]): Record<number, MessageAnchor> {
  const out: Record<number, MessageAnchor> = {};
  if (value === undefined) return out;
  if (!isObject(value)) {
    issues.push({ severity: 'error', where: 'anchors', message: `expected anchors by message number, like {"3": {"frame": 3, "messageInFrame": 1}}, got ${describe(value)}` });
    return out;
  }
  for (const [key, anchor] of Object.entries(value)) {
    const where = `anchors.${key}`;
    if (!MESSAGE_NUMBER.test(key)) issues.push({ severity: 'error', where, message: `'${key.slice(0, 20)}' is not a message number (1, 2, 3, …)` });
    else if (!isObject(anchor) || !positiveInt(anchor.frame) || !positiveInt(anchor.messageInFrame)) {
      issues.push({ severity: 'error', where, message: `expected {"frame": N, "messageInFrame": N} with whole numbers ≥ 1, got ${describe(anchor)}` });
    } else {
      unknownFields(anchor, ANCHOR_FIELDS, where, issues);
      out[Number(key)] = { frame: anchor.frame, messageInFrame: anchor.messageInFrame };
    }
  }
  return out;
}
