/**
 * A lesson as terminal text, in the view's language: title, narrative, goals, then the messages one by one
 * (arrow, time, the teacher's note, the explanations), then the questions — answers only when asked for.
 * With `step`, the messages before it as one line each (the ladder so far) and that message in full.
 */
import { translate } from '../i18n/translate.ts';
import type { LessonStep, LessonView } from './lessonView.ts';

export interface LessonTextOptions {
  /** Show only up to this message (1-based), in full for the last one. */
  readonly step?: number;
  readonly answers?: boolean;
  /** Columns for wrapping prose (default 100). */
  readonly width?: number;
  /** How to name the capture in the header (a path relative to the working directory). */
  readonly captureLabel?: string;
}

/** Greedy word wrap; words longer than the width stay whole. */
export function wrapWords(text: string, width: number, indent = ''): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
      if (line !== '' && indent.length + line.length + 1 + word.length > width) {
        lines.push(indent + line);
        line = word;
      } else line = line === '' ? word : `${line} ${word}`;
    }
    lines.push(indent + line);
  }
  return lines;
}

function arrowLine(step: LessonStep, nameWidth: number): string {
  const time = `+${(step.offsetMs / 1000).toFixed(3)}s`;
  return `${String(step.number).padStart(4)}  ${time.padStart(10)}  ${step.from.padEnd(nameWidth)} → ${step.to.padEnd(nameWidth)}  ${step.label}  (${step.transport})`;
}

function stepDetail(view: LessonView, step: LessonStep, nameWidth: number, width: number): string[] {
  const out = [arrowLine(step, nameWidth)];
  if (step.note !== undefined) out.push(...wrapWords(`${translate(view.locale, 'ui.note')}: ${step.note}`, width, '        ✎ ').map((l, i) => (i === 0 ? l : l.replace('✎', ' '))));
  for (const e of step.explanations) out.push(...wrapWords(e, width, '        · ').map((l, i) => (i === 0 ? l : l.replace('·', ' '))));
  return out;
}

export function renderLessonText(view: LessonView, options: LessonTextOptions = {}): string {
  const width = Math.max(40, options.width ?? 100);
  const t = view.locale;
  const total = view.steps.length;
  const last = options.step === undefined ? total : Math.min(total, Math.max(1, options.step));
  const nameWidth = Math.max(1, ...view.nodes.map((n) => n.length));
  const out: string[] = [view.title, '═'.repeat(Math.min(width, Math.max(8, view.title.length)))];
  const captureInfo = [options.captureLabel, translate(t, 'ui.messages', { count: total })].filter((x) => x !== undefined).join(' · ');
  out.push(`${translate(t, 'ui.capture')}: ${captureInfo}`);
  if (view.source !== undefined) out.push(...wrapWords(`${translate(t, 'ui.source')}: ${view.source}`, width));
  if (options.step === undefined) {
    out.push('', ...wrapWords(view.narrative, width), '', translate(t, 'ui.goals'));
    for (const g of view.goals) out.push(...wrapWords(g, width, '    ').map((l, i) => (i === 0 ? `  • ${l.slice(4)}` : l)));
  }
  out.push('');
  if (options.step !== undefined) {
    for (const s of view.steps.slice(0, last - 1)) out.push(arrowLine(s, nameWidth));
    const current = view.steps[last - 1];
    if (current !== undefined) out.push('', `── ${translate(t, 'ui.step', { n: last, total })} ──`, ...stepDetail(view, current, nameWidth, width));
  } else {
    for (const s of view.steps) out.push(...stepDetail(view, s, nameWidth, width), '');
  }
  const questions = view.questions.filter((q) => options.step === undefined || q.step === last);
  if (questions.length > 0) {
    out.push('', translate(t, 'ui.questions'));
    for (const q of questions) {
      const where = q.step === undefined ? '' : `[${translate(t, 'ui.step', { n: q.step, total })}] `;
      out.push(...wrapWords(`${where}${q.question}`, width, '      ').map((l, i) => (i === 0 ? `  ${String(q.number).padStart(2)}. ${l.trimStart()}` : l)));
      const answer = options.answers ? `${translate(t, 'ui.answer')}: ${q.answer}` : `→ ${translate(t, 'ui.answerHidden')}`;
      out.push(...wrapWords(answer, width, '      '));
    }
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
