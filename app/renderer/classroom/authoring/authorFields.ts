/**
 * The author panel's form controls, each bound to one text of the lesson draft in the language being
 * written: a labelled input or textarea that writes into the draft on every keystroke, with the text of
 * another language as placeholder (what to translate). Teacher text enters through .value only.
 */
import { LOCALES, type Locale } from '../../../../core/src/explain/i18n/locale.ts';
import { el } from '../../dom.ts';
import { LANGUAGE_NAMES, uiText } from '../i18n/uiText.ts';
import { type DraftQuestion, type DraftText, withText } from './lessonDraft.ts';

export interface FieldOptions {
  id?: string;
  cls?: string;
  label: string;
  /** Shown when the field is empty and no other language has a text. */
  placeholder?: string;
  multiline?: number;
  language: Locale;
  get(): DraftText;
  set(text: DraftText): void;
  changed(): void;
}

/** The text in another language, to show what is still to be translated. */
export function otherLanguageHint(text: DraftText, language: Locale): string | undefined {
  const other = LOCALES.find((l) => l !== language && (text[l] ?? '').trim() !== '');
  return other === undefined ? undefined : `${LANGUAGE_NAMES[other]} — ${text[other]!}`;
}

export function textField(o: FieldOptions): HTMLLabelElement {
  const text = o.get();
  const hint = otherLanguageHint(text, o.language) ?? o.placeholder ?? '';
  const attrs = { ...(o.id !== undefined ? { id: o.id } : {}), class: `author-input${o.cls ? ` ${o.cls}` : ''}`, placeholder: hint, spellcheck: true };
  const control = o.multiline !== undefined ? el('textarea', attrs) : el('input', { ...attrs, type: 'text' });
  if (control instanceof HTMLTextAreaElement) control.rows = o.multiline!;
  control.lang = o.language;
  control.value = text[o.language] ?? '';
  control.addEventListener('input', () => {
    o.set(withText(o.get(), o.language, control.value));
    o.changed();
  });
  return el('label', { class: 'author-field' }, el('span', { class: 'author-label' }, o.label), control);
}

export interface QuestionEditorOptions {
  locale: Locale;
  language: Locale;
  /** Its number in the lesson (1-based). */
  number: number;
  /** The message shown now (record index and its position in the step-through), when one is. */
  current: { index: number; position: number } | undefined;
  changed(): void;
  moved(index: number | null): void;
  remove(): void;
}

export function questionEditor(q: DraftQuestion, o: QuestionEditorOptions): HTMLLIElement {
  const t = (key: Parameters<typeof uiText>[1], params: Record<string, string | number> = {}) => uiText(o.locale, key, params);
  const remove = el('button', { type: 'button', class: 'author-remove-question' }, t('author.remove'));
  remove.addEventListener('click', () => o.remove());
  const parts: HTMLElement[] = [
    textField({ cls: 'author-question-text', label: t('author.question', { n: o.number }), multiline: 2, language: o.language,
      get: () => q.question, set: (text) => void (q.question = text), changed: o.changed }),
    textField({ cls: 'author-answer-text', label: t('author.answer'), multiline: 2, language: o.language,
      get: () => q.answer, set: (text) => void (q.answer = text), changed: o.changed }),
  ];
  // A question asked at a message may be moved to the end of the flow, and back while that message is shown.
  const about = q.index ?? o.current?.index;
  if (about !== undefined) {
    const position = q.index === null || q.index === o.current?.index ? o.current?.position : undefined;
    const select = el('select', { class: 'author-question-step', 'aria-label': t('author.aboutFlow') },
      el('option', { value: String(about) }, t('author.aboutMessage', { n: position ?? about + 1 })),
      el('option', { value: '' }, t('author.aboutFlow')));
    select.value = q.index === null ? '' : String(q.index);
    select.addEventListener('change', () => o.moved(select.value === '' ? null : Number(select.value)));
    parts.push(el('div', { class: 'author-question-foot' }, select, remove));
  } else parts.push(el('div', { class: 'author-question-foot' }, remove));
  return el('li', { class: 'author-question', 'data-key': q.id }, ...parts);
}
