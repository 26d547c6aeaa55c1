/**
 * Which words get the glossary's hover help. In a header list or a raw message the element names the
 * header ("v → Via", "Record-Route:", ";branch=z9hG4bK…"); in an explanation, header and parameter names
 * are found in the prose — but not the ones that are everyday words ("To", "From", "Event"…), which
 * would light up half an English sentence.
 */
import { GLOSSARY_TERMS } from '../../../core/src/explain/glossary/glossaryTerms.ts';

/** A header name from the text of the element hovered, or undefined when it holds none. */
export function glossaryNameFromText(text: string): string | undefined {
  let t = text.trim();
  const arrow = t.lastIndexOf('→');
  if (arrow >= 0) t = t.slice(arrow + 1).trim();
  t = t.replace(/^;\s*/, '').replace(/[=:].*$/s, '').trim();
  const m = /^[A-Za-z][A-Za-z0-9-]*/.exec(t);
  return m === null ? undefined : m[0];
}

const EVERYDAY_WORDS: ReadonlySet<string> = new Set([
  'To', 'From', 'Contact', 'Reason', 'Warning', 'Server', 'Allow', 'Supported', 'Require', 'Subject', 'Event', 'Expires',
  'Authorization', 'Replaces', 'lr',
]);

const PROSE_TERMS = Object.keys(GLOSSARY_TERMS).filter((t) => !EVERYDAY_WORDS.has(t))
  // Longest first, so "Record-Route" wins over "Route".
  .sort((a, b) => b.length - a.length);

const PROSE_PATTERN = new RegExp(`(?<![\\w-])(${PROSE_TERMS.map((t) => t.replace(/[-]/g, '\\-')).join('|')})(?![\\w-])`, 'g');

export interface TextPiece {
  text: string;
  /** The glossary term this piece names, when it is one. */
  term?: string;
}

/** Cuts a sentence into plain text and glossary terms (case as written: "Via" is the header, "via" a preposition). */
export function glossaryPieces(text: string): TextPiece[] {
  const out: TextPiece[] = [];
  let last = 0;
  for (const m of text.matchAll(PROSE_PATTERN)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index) });
    out.push({ text: m[0], term: m[0] });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}
