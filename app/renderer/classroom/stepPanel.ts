/**
 * The panel beside the step-through's ladder: before the first message the lesson's story and goals;
 * then the current message — its arrow, its explanation with RFC sections, the teacher's note, the
 * questions about it (answers hidden until revealed), what its hop did, and its text. Rebuilt on every
 * step from data; lesson and capture text only through textContent.
 */
import type { Locale } from '../../../core/src/explain/i18n/locale.ts';
import { pickText } from '../../../core/src/explain/lesson/localizedText.ts';
import type { Lesson, MessageDetail, StepView } from '../../shared/ipcContract.ts';
import { highlightSipText } from '../detail/rawHighlight.ts';
import { el, visibleNodes } from '../dom.ts';
import { appendWithGlossary } from './glossaryTip.ts';
import { renderHop } from './hopView.ts';
import { uiText } from './i18n/uiText.ts';
import { formatOffset } from './stepLadder.ts';
import { currentIndex, questionsAt, type StepState } from './stepModel.ts';

export interface PanelInput {
  locale: Locale;
  state: StepState;
  steps: readonly StepView[];
  lesson: Lesson | undefined;
  /** The capture's name, for a step-through that is not a lesson. */
  title: string;
  hiddenNoise: number;
  truncated: boolean;
  presenter: boolean;
  detail: MessageDetail | undefined;
  /** The message text is unfolded (kept from step to step). */
  rawOpen: boolean;
}

export interface PanelEvents {
  reveal(questions: number[]): void;
  hide(questions: number[]): void;
  rawToggled(open: boolean): void;
}

export interface QuestionView {
  number: number;
  step?: number;
  question: string;
  answer: string;
}

export function lessonQuestions(lesson: Lesson | undefined, locale: Locale): QuestionView[] {
  return (lesson?.questions ?? []).map((q, i) => ({
    number: i + 1, question: pickText(q.question, locale), answer: pickText(q.answer, locale), ...(q.step !== undefined ? { step: q.step } : {}),
  }));
}

/** The questions on screen now (what the `a` key reveals). */
export function questionsShown(input: Pick<PanelInput, 'lesson' | 'locale' | 'state' | 'steps'>): QuestionView[] {
  const i = currentIndex(input.state);
  const step = input.steps[i];
  return questionsAt(lessonQuestions(input.lesson, input.locale), step === undefined ? undefined : step.index + 1, input.state.cursor.total > 0 && input.state.cursor.position >= input.state.cursor.total);
}

function section(cls: string, title: string, ...body: (Node | null)[]): HTMLElement {
  return el('section', { class: `step-section ${cls}` }, el('h3', {}, title), ...body);
}

function intro(input: PanelInput): HTMLElement[] {
  const { locale, lesson } = input;
  const out: HTMLElement[] = [el('h2', { class: 'step-intro-title' }, lesson !== undefined ? pickText(lesson.title, locale) : input.title)];
  if (lesson !== undefined) {
    // A lesson being written may have no story yet: no empty section in its preview.
    const narrative = pickText(lesson.narrative, locale);
    if (narrative !== '') out.push(section('step-story', uiText(locale, 'step.story'), el('p', {}, narrative)));
    if (lesson.goals.length > 0) {
      out.push(section('step-goals', uiText(locale, 'step.goals'), el('ul', {}, ...lesson.goals.map((g) => el('li', {}, pickText(g, locale))))));
    }
  }
  out.push(el('p', { class: 'step-hint' }, uiText(locale, 'step.start')), el('p', { class: 'step-keys muted' }, uiText(locale, 'step.keys')));
  return out;
}

function questions(input: PanelInput, events: PanelEvents): HTMLElement | null {
  const list = questionsShown(input);
  if (list.length === 0) return null;
  const { locale, state } = input;
  const items = list.map((q) => {
    const open = state.revealed.has(q.number);
    const toggle = el('button', { type: 'button', class: 'answer-toggle', 'aria-expanded': String(open), 'data-index': q.number },
      uiText(locale, open ? 'step.hideAnswer' : 'step.showAnswer'));
    toggle.addEventListener('click', () => (open ? events.hide([q.number]) : events.reveal([q.number])));
    const answer = el('p', { class: 'answer', hidden: !open });
    appendWithGlossary(answer, q.answer);
    const question = el('p', { class: 'question-text' });
    appendWithGlossary(question, q.question);
    return el('li', { class: 'question' }, question, toggle, answer);
  });
  return section('step-questions', uiText(locale, 'step.questions'), el('ol', {}, ...items));
}

function messageText(detail: MessageDetail | undefined, locale: Locale, open: boolean, events: PanelEvents): HTMLElement | null {
  if (detail === undefined || detail.raw === null) return null;
  const pre = el('pre', { class: 'raw' });
  for (const line of highlightSipText(detail.raw, detail.bodyOffset, 400).lines) {
    const lineEl = el('span', { class: 'line' });
    for (const seg of line) visibleNodes(seg.text, seg.cls ? lineEl.appendChild(el('span', { class: seg.cls })) : lineEl);
    lineEl.appendChild(document.createTextNode('\n'));
    pre.appendChild(lineEl);
  }
  const details = el('details', { class: 'step-section step-raw' }, el('summary', {}, uiText(locale, 'step.messageText')), pre);
  details.open = open;
  details.addEventListener('toggle', () => events.rawToggled(details.open));
  return details;
}

export function renderStepPanel(root: HTMLElement, input: PanelInput, events: PanelEvents): void {
  const { locale, state, steps } = input;
  const i = currentIndex(state);
  const step = steps[i];
  const total = state.cursor.total;
  const counter = step === undefined ? uiText(locale, 'step.counterStart', { total }) : uiText(locale, 'step.counter', { n: i + 1, total });
  const notices: (HTMLElement | null)[] = [
    input.hiddenNoise > 0 ? el('p', { class: 'muted' }, uiText(locale, 'step.noiseHidden', { count: input.hiddenNoise })) : null,
    input.truncated ? el('p', { class: 'warn' }, uiText(locale, 'step.truncated', { count: total })) : null,
  ];
  const head = el('div', { class: 'step-head', 'aria-live': 'polite' }, el('p', { class: 'step-counter' }, counter));
  if (step === undefined) {
    root.replaceChildren(head, ...intro(input), ...notices.filter((n): n is HTMLElement => n !== null));
    return;
  }
  head.append(
    el('p', { class: 'step-label' }, step.label),
    el('p', { class: 'step-route' }, `${step.from} → ${step.to}`),
    el('p', { class: 'step-meta muted' }, `#${step.index + 1} · frame ${step.frame} · ${formatOffset(step.offsetMs)} · ${step.transport}`,
      step.retransmission ? el('span', { class: 'tag warn' }, uiText(locale, 'step.retransmission')) : null),
  );
  const explanation = el('ul', { class: 'explanations' });
  for (const line of step.explanations) {
    const li = el('li', {});
    appendWithGlossary(li, line.text);
    if (line.ref !== '') li.appendChild(el('span', { class: 'rfc-ref' }, line.ref));
    explanation.appendChild(li);
  }
  const note = input.lesson?.notes[step.index + 1];
  const noteText = note === undefined ? undefined : pickText(note, locale);
  const hop = el('section', { class: 'step-section step-hop' });
  if (state.showHops) renderHop(hop, input.detail, step, locale);
  const atEnd = state.cursor.position >= total;
  const parts: (HTMLElement | null)[] = [
    head,
    section('step-explanation', uiText(locale, 'step.explanation'),
      step.explanations.length > 0 ? explanation : el('p', { class: 'muted' }, uiText(locale, 'step.noExplanation'))),
    state.showNotes && noteText !== undefined && noteText !== '' ? section('step-note', uiText(locale, 'step.note'), el('p', {}, noteText)) : null,
    questions(input, events),
    state.showHops ? hop : null,
    atEnd ? el('p', { class: 'step-end' }, uiText(locale, 'step.end')) : null,
    input.presenter ? null : messageText(input.detail, locale, input.rawOpen, events),
    ...notices,
    input.presenter ? null : el('p', { class: 'step-keys muted' }, uiText(locale, 'step.keys')),
  ];
  root.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
}
