/**
 * The hover help of the app: a header name (or compact form, RFC 3261 §7.3.3) or a Via/URI parameter
 * looked up in the explain glossary, in a language; null for names it does not know.
 */
import { glossaryEntry } from '../../core/src/explain/glossary/glossary.ts';
import type { Locale } from '../../core/src/explain/i18n/locale.ts';
import type { GlossaryView } from '../shared/classroomTypes.ts';

export function glossaryView(name: string, locale: Locale): GlossaryView | null {
  const entry = glossaryEntry(name, locale);
  if (entry === undefined) return null;
  return { term: entry.term, kind: entry.kind, compact: entry.compact ?? null, text: entry.text, ref: entry.ref };
}
