/**
 * What a lesson screen (or `sipladder lesson show`) displays, in one language: the lesson's texts, and one
 * step per SIP message in capture order with its arrow (from, to, label), time since the first message,
 * the teacher's note, the hop annotation and the explanations. `buildSteps` works on any capture.
 */
import type { HopAnnotation } from '../../correlate/model.ts';
import { diffMs } from '../../shared/time.ts';
import type { Locale } from '../i18n/locale.ts';
import { makeExplainContext, type ExplainInput } from '../rules/explainContext.ts';
import { explainMessage } from '../rules/explainCapture.ts';
import type { ExplanationLine } from '../rules/explanation.ts';
import { renderExplanationLine } from '../rules/renderExplanation.ts';
import type { Lesson, LocalizedText } from './lessonTypes.ts';
import { pickText } from './localizedText.ts';
import { nodeLabeler } from './nodeLabels.ts';

export interface LessonStep {
  /** Message number, 1-based (what notes and questions refer to). */
  readonly number: number;
  readonly index: number;
  readonly frame: number;
  readonly offsetMs: number;
  readonly from: string;
  readonly to: string;
  /** "INVITE sip:bob@biloxi.com" or "180 Ringing". */
  readonly label: string;
  readonly transport: string;
  readonly retransmission: boolean;
  readonly note?: string;
  readonly explanations: readonly string[];
  readonly lines: readonly ExplanationLine[];
  readonly hop?: HopAnnotation;
}

export interface LessonQuestionView {
  readonly number: number;
  readonly step?: number;
  readonly question: string;
  readonly answer: string;
}

export interface LessonView {
  readonly id: string;
  readonly locale: Locale;
  readonly title: string;
  readonly narrative: string;
  readonly goals: readonly string[];
  readonly source?: string;
  /** The ladder's columns, in order of first appearance. */
  readonly nodes: readonly string[];
  readonly steps: readonly LessonStep[];
  readonly questions: readonly LessonQuestionView[];
}

export interface StepOptions {
  readonly nodes?: Readonly<Record<string, string>>;
  readonly notes?: Readonly<Record<number, LocalizedText>>;
  /** Append the RFC section to each explanation (default true). */
  readonly refs?: boolean;
}

export function buildSteps(source: ExplainInput, locale: Locale, options: StepOptions = {}): LessonStep[] {
  const ctx = makeExplainContext(source);
  const label = nodeLabeler(options.nodes ?? {}, source.model);
  const first = source.lookup(0)?.timestamp;
  const steps: LessonStep[] = [];
  for (let i = 0; i < source.model.records; i++) {
    const r = source.lookup(i);
    if (r === undefined) continue;
    const f = r.facts;
    const explanation = explainMessage(ctx, i);
    const note = options.notes?.[i + 1];
    const hop = ctx.hop(i);
    steps.push({
      number: i + 1, index: i, frame: r.frame, offsetMs: first === undefined ? 0 : diffMs(first, r.timestamp),
      from: label(r.src, source.model.columns.srcNode[i]), to: label(r.dst, source.model.columns.dstNode[i]),
      label: f.kind === 'request' ? `${f.method ?? '?'} ${f.requestUri ?? ''}`.trim() : `${f.statusCode ?? '?'} ${f.reasonPhrase ?? ''}`.trim(),
      transport: r.transport.toUpperCase(),
      retransmission: (source.model.columns.retransmissionOf[i] ?? -1) >= 0,
      ...(note !== undefined ? { note: pickText(note, locale) } : {}),
      explanations: explanation.lines.map((l) => renderExplanationLine(l, locale, options.refs ?? true)),
      lines: explanation.lines,
      ...(hop !== undefined ? { hop } : {}),
    });
  }
  return steps;
}

export function buildLessonView(lesson: Lesson, source: ExplainInput, locale: Locale): LessonView {
  const steps = buildSteps(source, locale, { nodes: lesson.nodes, notes: lesson.notes });
  const nodes: string[] = [];
  for (const s of steps) for (const n of [s.from, s.to]) if (!nodes.includes(n)) nodes.push(n);
  return {
    id: lesson.id, locale, title: pickText(lesson.title, locale), narrative: pickText(lesson.narrative, locale),
    goals: lesson.goals.map((g) => pickText(g, locale)),
    ...(lesson.source !== undefined ? { source: lesson.source } : {}),
    nodes, steps,
    questions: lesson.questions.map((q, i) => ({
      number: i + 1, question: pickText(q.question, locale), answer: pickText(q.answer, locale),
      ...(q.step !== undefined ? { step: q.step } : {}),
    })),
  };
}
