/**
 * The teacher's texts on their way into a saved lesson: each language trimmed and empty ones dropped, and,
 * when the capture is anonymised, the same pseudonyms put into the texts — an address, a user, a host
 * label the anonymiser replaced in the capture is replaced in the notes too, so a note does not give back
 * what the capture hides, and still names what the students see.
 */
import { LOCALES } from '../../core/src/explain/i18n/locale.ts';
import type { LocalizedText } from '../../core/src/explain/lesson/lessonTypes.ts';

/** Each language trimmed, empty ones left out; undefined when no text is left. */
export function cleanText(text: LocalizedText): LocalizedText | undefined {
  if (typeof text === 'string') return text.trim() === '' ? undefined : text.trim();
  const out: Partial<Record<(typeof LOCALES)[number], string>> = {};
  for (const l of LOCALES) {
    const t = text[l]?.trim();
    if (t) out[l] = t;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/**
 * Values worth replacing in free text: addresses, and names of at least three characters with a letter
 * (a user "100" or a tag "1" would hit "100 Trying"); long digit strings (phone numbers) too.
 */
function worthReplacing(value: string): boolean {
  return value.length >= 3 && (/[A-Za-z]/.test(value) || value.length >= 5);
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class TextPseudonyms {
  private readonly pattern: RegExp | undefined;

  /** `replacements`: original → pseudonym (same length), as the anonymiser applied them to the capture. */
  constructor(private readonly replacements: ReadonlyMap<string, string>) {
    const keys = [...replacements.keys()].filter((k) => worthReplacing(k) && replacements.get(k) !== k);
    // Longest first, so 192.0.2.10 is not taken for 192.0.2.1 followed by a 0; whole words only.
    keys.sort((a, b) => b.length - a.length);
    this.pattern = keys.length === 0 ? undefined : new RegExp(`(?<![\\w-])(?:${keys.map(escape).join('|')})(?![\\w-])`, 'g');
  }

  get size(): number {
    return this.replacements.size;
  }

  apply(text: LocalizedText): LocalizedText {
    if (this.pattern === undefined) return text;
    const one = (t: string): string => t.replace(this.pattern!, (m) => this.replacements.get(m) ?? m);
    if (typeof text === 'string') return one(text);
    return Object.fromEntries(Object.entries(text).map(([l, t]) => [l, one(t)]));
  }
}
