/**
 * A lesson as one self-contained HTML page that works offline and has no script at all: the step-through
 * is radio buttons and CSS (`#step-5:checked ~ main …` reveals message 5 and the arrows up to it; arrow
 * keys move between radios), the four languages are a second radio group, answers are <details>. The
 * ladder picture is the export stage's SVG, passed in (this stage cannot import export); its arrow groups
 * carry data-row (core/src/export/svg/toSvg.ts), which the generated CSS uses to reveal them one by one.
 */
import { LOCALES, type Locale } from '../i18n/locale.ts';
import { translate } from '../i18n/translate.ts';
import { LESSON_HTML_STYLE } from './lessonHtmlStyle.ts';
import type { LessonView } from './lessonView.ts';

export interface LessonHtmlOptions {
  /** The language shown first (the others are one click away). */
  readonly locale: Locale;
  /** The ladder as inline SVG (export's svgLadder with xmlDeclaration false), or none. */
  readonly ladderSvg?: string;
  /** The SVG row of each message (record index → data-row), to reveal arrows step by step. */
  readonly rowOfIndex?: (index: number) => number | undefined;
  /** Node name → address, shown as the ladder's legend. */
  readonly nodes?: Readonly<Record<string, string>>;
  readonly captureLabel?: string;
}

const LANGUAGE_NAMES: Readonly<Record<Locale, string>> = { en: 'English', fr: 'Français', es: 'Español', pl: 'Polski' };

/** Text for HTML content and attributes; control characters (escape sequences) become visible. */
export function htmlEscape(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** One text per language, each shown only while its language is chosen. */
function texts(tag: string, of: (view: LessonView) => string, views: Readonly<Record<Locale, LessonView>>, cls = ''): string {
  return LOCALES.map((l) => `<${tag} class="t${cls ? ` ${cls}` : ''}" lang="${l}">${htmlEscape(of(views[l]))}</${tag}>`).join('');
}

function stepRules(views: Readonly<Record<Locale, LessonView>>, options: LessonHtmlOptions): string {
  const steps = views.en.steps;
  const rules: string[] = [];
  steps.forEach((step, i) => {
    const k = i + 1;
    rules.push(`#step-${k}:checked~main .steps>li:nth-child(${k}){display:block}`);
    rules.push(`#step-${k}:checked~header .strip label[for="step-${k}"]{background:#0b5cad;color:#fff}`);
    const row = options.rowOfIndex?.(step.index);
    if (row !== undefined) {
      rules.push(`#step-${k}:checked~main svg g.arrow[data-row="${row}"]~g.arrow,#step-${k}:checked~main svg g.arrow[data-row="${row}"]~g.hop-note:not([data-row="${row}"]){visibility:hidden}`);
      rules.push(`#step-${k}:checked~main svg g.arrow[data-row="${row}"] path{stroke-width:3.2}`);
    }
  });
  for (const l of LOCALES) rules.push(`#lang-${l}:checked~header .t:not([lang="${l}"]),#lang-${l}:checked~main .t:not([lang="${l}"]){display:none}`);
  for (const l of LOCALES) rules.push(`#lang-${l}:checked~header .langs label[for="lang-${l}"]{font-weight:700;text-decoration:underline}`);
  return rules.join('\n');
}

function stepItem(views: Readonly<Record<Locale, LessonView>>, i: number): string {
  const total = views.en.steps.length;
  const step = views.en.steps[i]!;
  const k = i + 1;
  const out: string[] = ['<li>'];
  const back = k > 1 ? `<label class="nav" for="step-${k - 1}">←</label>` : '<span class="nav off">←</span>';
  const next = k < total ? `<label class="nav" for="step-${k + 1}">→</label>` : '<span class="nav off">→</span>';
  out.push(`<p class="where">${back} ${texts('span', (v) => translate(v.locale, 'ui.step', { n: k, total }), views)} ${next}</p>`);
  out.push(`<p class="arrow"><span class="num">${k}</span> <span class="time">+${(step.offsetMs / 1000).toFixed(3)} s</span> `
    + `${htmlEscape(step.from)} → ${htmlEscape(step.to)} <b>${htmlEscape(step.label)}</b> <span class="transport">${htmlEscape(step.transport)}</span></p>`);
  if (step.note !== undefined) out.push(`<div class="note">${texts('p', (v) => `✎ ${v.steps[i]!.note ?? ''}`, views)}</div>`);
  out.push(`<ul class="explanations">${LOCALES.map((l) => views[l].steps[i]!.explanations.map((e) => `<li class="t" lang="${l}">${htmlEscape(e)}</li>`).join('')).join('')}</ul>`);
  const questions = views.en.questions.filter((q) => q.step === k);
  for (const q of questions) out.push(questionHtml(views, q.number - 1));
  out.push('</li>');
  return out.join('');
}

function questionHtml(views: Readonly<Record<Locale, LessonView>>, i: number): string {
  return `<details class="question"><summary>${texts('span', (v) => v.questions[i]!.question, views)}</summary>`
    + `<div class="answer">${texts('p', (v) => `${translate(v.locale, 'ui.answer')}: ${v.questions[i]!.answer}`, views)}</div></details>`;
}

/** `views` holds the same lesson built in each language (buildLessonView once per locale). */
export function lessonHtml(views: Readonly<Record<Locale, LessonView>>, options: LessonHtmlOptions): string {
  const en = views.en;
  const total = en.steps.length;
  const out: string[] = [];
  out.push('<!DOCTYPE html>', `<html lang="${options.locale}">`, '<head>', '<meta charset="utf-8">');
  out.push(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
  out.push('<meta name="viewport" content="width=device-width, initial-scale=1">', '<meta name="generator" content="sipladder">');
  out.push(`<title>${htmlEscape(views[options.locale].title)} — sipladder</title>`);
  out.push(`<style>${LESSON_HTML_STYLE}\n${stepRules(views, options)}</style>`, '</head>', '<body>');
  for (const l of LOCALES) out.push(`<input type="radio" name="lang" id="lang-${l}" class="lang"${l === options.locale ? ' checked' : ''}>`);
  for (let k = 1; k <= total; k++) out.push(`<input type="radio" name="step" id="step-${k}" class="step" aria-label="${k}"${k === 1 ? ' checked' : ''}>`);
  out.push('<header>', `<nav class="langs">${LOCALES.map((l) => `<label for="lang-${l}" lang="${l}">${LANGUAGE_NAMES[l]}</label>`).join(' · ')}</nav>`);
  out.push(`<h1>${texts('span', (v) => v.title, views)}</h1>`);
  const capture = [options.captureLabel, en.source].filter((x): x is string => x !== undefined);
  if (capture.length > 0) out.push(`<p class="sub">${htmlEscape(capture.join(' · '))}</p>`);
  out.push(`<nav class="strip">${en.steps.map((s) => `<label for="step-${s.number}">${s.number}</label>`).join('')}</nav>`, '</header>');
  out.push('<main>', '<section class="intro">', texts('p', (v) => v.narrative, views, 'narrative'));
  out.push(`<h2>${texts('span', (v) => translate(v.locale, 'ui.goals'), views)}</h2>`);
  out.push(`<ul class="goals">${LOCALES.map((l) => views[l].goals.map((g) => `<li class="t" lang="${l}">${htmlEscape(g)}</li>`).join('')).join('')}</ul>`, '</section>');
  out.push('<div class="columns">', '<section class="ladder">');
  const legend = Object.entries(options.nodes ?? {});
  if (legend.length > 0) out.push(`<p class="legend">${legend.map(([n, a]) => `<b>${htmlEscape(n)}</b> ${htmlEscape(a)}`).join(' · ')}</p>`);
  if (options.ladderSvg !== undefined) out.push(`<div class="scroll">${options.ladderSvg}</div>`);
  out.push('</section>', '<section class="current">', `<ol class="steps">${en.steps.map((_, i) => stepItem(views, i)).join('')}</ol>`, '</section>', '</div>');
  if (en.questions.length > 0) {
    out.push(`<section class="questions"><h2>${texts('span', (v) => translate(v.locale, 'ui.questions'), views)}</h2>`);
    out.push(en.questions.map((_, i) => questionHtml(views, i)).join(''), '</section>');
  }
  out.push('</main>', '<footer>sipladder — this page works offline: no script, no network access.</footer>', '</body>', '</html>');
  return out.join('\n') + '\n';
}
