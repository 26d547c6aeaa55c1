/**
 * A lesson authored in the app, made into a bundle (docs/lessons.md, "Saving a lesson from the app"): the
 * frames of the step-through's calls (copied byte for byte by the export stage), anonymised when asked,
 * analysed again; each note and question found its message in that copy (same kind, method, status and
 * timing, core lessonBundleAlign), renumbered, anchored by frame, checked as `sipladder lesson check`
 * would, and written with the capture base64-encoded. Pure: bytes and data in, the bundle's text out.
 */
import { anonymizeCapture } from '../../core/src/anonymize/anonymizeCapture.ts';
import { pickText } from '../../core/src/explain/lesson/localizedText.ts';
import { LESSON_BUNDLE_SUFFIX, writeLessonBundle } from '../../core/src/explain/lesson/lessonBundle.ts';
import { alignMessages, recordSignatures, type MessageSignature } from '../../core/src/explain/lesson/lessonBundleAlign.ts';
import { lessonAnchors } from '../../core/src/explain/lesson/lessonBundleAnchors.ts';
import { lessonJson, type LessonContent } from '../../core/src/explain/lesson/lessonBundleJson.ts';
import type { LessonQuestion, LocalizedText } from '../../core/src/explain/lesson/lessonTypes.ts';
import { checkLessonSteps, parseLesson } from '../../core/src/explain/lesson/parseLesson.ts';
import { analyzeCaptureBytes } from '../../core/src/pipeline/captureAnalysis.ts';
import { formatEndpoint } from '../../core/src/shared/endpoint.ts';
import type { StepView } from '../shared/classroomTypes.ts';
import { cleanText, TextPseudonyms } from './lessonAuthoringText.ts';
import type { LessonBundleRequest, LessonBundleResult } from './lessonAuthoringTypes.ts';

/** What the assembly needs of each message of the step-through the teacher wrote on. */
export type AuthoredStep = Pick<StepView, 'index' | 'request' | 'method' | 'statusCode' | 'offsetMs' | 'src' | 'dst'>;

export interface AssembleInput {
  /** The frames of the step-through's rows, as the export stage copied them. */
  capture: Uint8Array;
  format: 'pcap' | 'pcapng';
  steps: readonly AuthoredStep[];
  request: LessonBundleRequest;
  generator: string;
  /** ISO 8601, written into the bundle. */
  created: string;
  /** The anonymiser's secret (tests); default a new random one. */
  secret?: string | Uint8Array;
}

export function refusedBundle(message: string): LessonBundleResult {
  return { ok: false, message, fileName: null, text: null, messages: 0, notes: 0, questions: 0, lost: [] };
}

/** "Ein Anruf über zwei Proxys!" → "ein-anruf-uber-zwei-proxys": a file name any system takes. */
export function lessonFileStem(title: string): string {
  const stem = title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '');
  return stem === '' ? 'lesson' : stem;
}

const ipOf = (endpoint: string): string => endpoint.replace(/^\[([^\]]+)\](?::\d+)?$/, '$1').replace(/^([^:]+):\d+$/, '$1');

/** "192.0.2.1:5060", "192.0.2.1" or "[2001:db8::1]:5060" through the address pairs the alignment found. */
function mapEndpoint(endpoint: string, endpoints: ReadonlyMap<string, string>, ips: ReadonlyMap<string, string>): string {
  const whole = endpoints.get(endpoint);
  if (whole !== undefined) return whole;
  const ip = ipOf(endpoint);
  const mapped = ips.get(ip);
  return mapped === undefined ? endpoint : endpoint.replace(ip, mapped);
}

export function assembleLessonBundle(input: AssembleInput): LessonBundleResult {
  const { request } = input;
  const draft = request.lesson;
  let bytes = input.capture;
  let format = input.format;
  let tokens: ReadonlyMap<string, string> = new Map();
  if (request.anonymize) {
    const anonymized = anonymizeCapture(bytes, input.secret !== undefined ? { secret: input.secret } : {});
    if (anonymized.leftovers.size > 0) {
      return refusedBundle(`not saved: ${anonymized.leftovers.size} original values are still in the anonymised capture, which would not be anonymous`);
    }
    if (anonymized.format !== 'pcap' && anonymized.format !== 'pcapng') return refusedBundle('not saved: the capture could not be anonymised');
    bytes = anonymized.bytes;
    format = anonymized.format;
    // Names and numbers, and every IPv4 address the anonymiser met (in SIP and SDP too, not only packet ends).
    tokens = new Map([...anonymized.tables.tokens, ...anonymized.tables.ipv4]);
  }
  const records = analyzeCaptureBytes(bytes).records;
  if (records.length === 0) return refusedBundle('not saved: the copied capture has no SIP message');

  // Each message of the step-through, found again in the copy: its number there, and its addresses there.
  const before: MessageSignature[] = input.steps.map((s) => ({ request: s.request, method: s.method, statusCode: s.statusCode, offsetMs: s.offsetMs }));
  const map = alignMessages(before, recordSignatures(records));
  const numberOf = new Map<number, number>();
  const endpoints = new Map<string, string>();
  const ips = new Map<string, string>();
  input.steps.forEach((s, k) => {
    const j = map[k]!;
    if (j < 0) return;
    numberOf.set(s.index, j + 1);
    const r = records[j]!;
    for (const [was, now] of [[s.src, formatEndpoint(r.src)], [s.dst, formatEndpoint(r.dst)]] as const) {
      endpoints.set(was, now);
      ips.set(ipOf(was), ipOf(now));
    }
  });
  const pseudonyms = new TextPseudonyms(request.anonymize ? new Map([...tokens, ...ips]) : new Map());
  const text = (t: LocalizedText): LocalizedText | undefined => cleanText(pseudonyms.apply(t));

  const title = text(draft.title);
  if (title === undefined) return refusedBundle('not saved: give the lesson a title');
  const narrative = text(draft.narrative);
  if (narrative === undefined) return refusedBundle('not saved: tell the story of the flow (the narrative)');
  const lost: number[] = [];
  const notes: Record<number, LocalizedText> = {};
  for (const note of draft.notes) {
    const body = text(note.text);
    if (body === undefined) continue;
    const n = numberOf.get(note.index);
    if (n === undefined) lost.push(note.index);
    else notes[n] = body;
  }
  const questions: LessonQuestion[] = [];
  for (const [i, q] of draft.questions.entries()) {
    const question = text(q.question);
    const answer = text(q.answer);
    if (question === undefined && answer === undefined) continue;
    if (question === undefined || answer === undefined) return refusedBundle(`not saved: question ${i + 1} needs both the question and its answer`);
    const step = q.index === null ? undefined : numberOf.get(q.index);
    if (q.index !== null && step === undefined) lost.push(q.index);
    questions.push({ question, answer, ...(step !== undefined ? { step } : {}) });
  }
  const source = draft.source.trim() === '' ? undefined : (pseudonyms.apply(draft.source.trim()) as string);
  const content: LessonContent = {
    // The capture is named after the lesson: `lesson import` unpacks it under that name.
    format: 1, capture: `${lessonFileStem(pickText(title, 'en'))}.${format}`, title, narrative,
    goals: draft.goals.map(text).filter((g): g is LocalizedText => g !== undefined), notes, questions,
    nodes: Object.fromEntries(Object.entries(draft.nodes).map(([name, endpoint]) => [name, request.anonymize ? mapEndpoint(endpoint, endpoints, ips) : endpoint])),
    ...(source !== undefined ? { source } : {}),
  };

  // The saved lesson must be one `sipladder lesson check` accepts: the same parser says so here.
  const parsed = parseLesson(JSON.stringify(lessonJson(content)), 'lesson');
  const problems = [...parsed.issues, ...(parsed.lesson ? checkLessonSteps(parsed.lesson, records.length) : [])].filter((i) => i.severity === 'error');
  if (problems.length > 0 || parsed.lesson === undefined) {
    const first = problems[0];
    return refusedBundle(`not saved: ${first === undefined ? 'the lesson is not valid' : `${first.where}: ${first.message}`}`);
  }
  const bundleText = writeLessonBundle({
    lesson: content, captureName: content.capture, capture: bytes, anchors: lessonAnchors(content, records.map((r) => r.frame)),
    anonymized: request.anonymize, generator: input.generator, created: input.created,
  });
  const uniqueLost = [...new Set(lost)].sort((a, b) => a - b);
  const parts = [
    `${records.length} SIP messages, ${Object.keys(notes).length} notes, ${questions.length} questions`,
    ...(request.anonymize ? ['capture anonymised'] : []),
    ...(uniqueLost.length > 0 ? [`${uniqueLost.length} messages with notes or questions are not in the saved capture (left out)`] : []),
  ];
  return {
    ok: true, message: parts.join('; '), fileName: `${lessonFileStem(pickText(title, 'en'))}${LESSON_BUNDLE_SUFFIX}`, text: bundleText,
    messages: records.length, notes: Object.keys(notes).length, questions: questions.length, lost: uniqueLost,
  };
}
