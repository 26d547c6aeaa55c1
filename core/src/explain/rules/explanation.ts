/**
 * An explanation is data, not prose: each line names a catalogue key (which is also the rule that fired),
 * its parameters taken from the capture, and the RFC section it rests on. Rendering in a language is a
 * separate step (renderExplanation.ts), so tests can check the rules against the analysis structurally.
 */
import type { CatalogueKey } from '../i18n/catalogueEn.ts';
import { EXPLANATION_REFS } from './explanationRefs.ts';

/** A parameter that is itself a catalogue string (e.g. the meaning of a Q.850 cause), translated too. */
export interface CatalogueRef {
  readonly key: CatalogueKey;
}

export type ExplanationParams = Readonly<Record<string, string | number | CatalogueRef>>;

export interface ExplanationLine {
  readonly key: CatalogueKey;
  readonly params: ExplanationParams;
  /** Where the rule comes from, e.g. "RFC 3261 §16.6"; the same in every language. */
  readonly ref: string;
}

export interface MessageExplanation {
  /** Record index (0-based); the message number a lesson shows is index + 1. */
  readonly index: number;
  readonly lines: readonly ExplanationLine[];
}

/** A line with the key's usual reference, or `ref` when the rule knows better (e.g. the status class). */
export function line(key: CatalogueKey, params: ExplanationParams = {}, ref?: string): ExplanationLine {
  return { key, params, ref: ref ?? EXPLANATION_REFS[key] ?? '' };
}
