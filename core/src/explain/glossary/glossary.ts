/**
 * Hover help for header names and Via/URI parameters: `glossaryEntry("v", "fr")` finds Via by its compact
 * form (RFC 3261 §7.3.3), any case; parameters are looked up as written in a header ("branch", "lr").
 */
import type { Locale } from '../i18n/locale.ts';
import { glossaryEn } from './glossaryEn.ts';
import { glossaryEs } from './glossaryEs.ts';
import { glossaryFr } from './glossaryFr.ts';
import { glossaryPl } from './glossaryPl.ts';
import { GLOSSARY_TERMS, type GlossaryTerm, type GlossaryTexts } from './glossaryTerms.ts';

export const GLOSSARIES: Readonly<Record<Locale, GlossaryTexts>> = { en: glossaryEn, fr: glossaryFr, es: glossaryEs, pl: glossaryPl };

export interface GlossaryEntry {
  /** Canonical spelling, e.g. "Call-ID". */
  readonly term: GlossaryTerm;
  readonly kind: 'header' | 'parameter';
  readonly compact?: string;
  readonly text: string;
  readonly ref: string;
}

const BY_NAME = new Map<string, GlossaryTerm>();
for (const [term, info] of Object.entries(GLOSSARY_TERMS) as [GlossaryTerm, (typeof GLOSSARY_TERMS)[GlossaryTerm]][]) {
  BY_NAME.set(term.toLowerCase(), term);
  if ('compact' in info) BY_NAME.set(info.compact, term);
}

/** The entry for a header name, its compact form or a parameter name; undefined for unknown names. */
export function glossaryEntry(name: string, locale: Locale): GlossaryEntry | undefined {
  const trimmed = name.trim().replace(/:$/, '');
  const term = BY_NAME.get(trimmed.toLowerCase());
  if (term === undefined) return undefined;
  const info = GLOSSARY_TERMS[term];
  return {
    term, kind: info.kind, text: GLOSSARIES[locale][term], ref: info.ref,
    ...('compact' in info ? { compact: info.compact } : {}),
  };
}

export function glossaryTerms(): readonly GlossaryTerm[] {
  return Object.keys(GLOSSARY_TERMS) as GlossaryTerm[];
}
