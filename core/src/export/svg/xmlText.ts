/**
 * Capture text as XML 1.0 character data or attribute values (XML 1.0 §2.4, §3.3.3): the five special
 * characters as entities, and characters XML forbids (NUL and other C0 controls, lone surrogates, U+FFFE/F)
 * made visible first by visibleText — a well-formed file whatever the capture held.
 */
import { visibleText } from '../ladder/visibleText.ts';

const SPECIAL = /[&<>"']/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function xmlText(text: string): string {
  return visibleText(text).replace(SPECIAL, (c) => ENTITIES[c]!);
}

/** A number for an attribute: at most two decimals, no exponent. */
export function num(value: number): string {
  return Number.isFinite(value) ? String(Math.round(value * 100) / 100) : '0';
}
