/**
 * A lesson as a teacher writes it (docs/lessons.md): a capture, a title, a short narrative, learning goals,
 * notes on some messages (by message number, 1-based) and questions whose answers stay hidden until asked.
 * Every text may be one string (all languages) or an object with some of en, fr, es, pl.
 */
import type { Locale } from '../i18n/locale.ts';

export type LocalizedText = string | Readonly<Partial<Record<Locale, string>>>;

export interface LessonQuestion {
  /** The message the question is about (1-based), when it is about one. */
  readonly step?: number;
  readonly question: LocalizedText;
  readonly answer: LocalizedText;
}

export interface Lesson {
  /** The lesson's folder name (or file name), the NAME of `sipladder lesson show NAME`. */
  readonly id: string;
  readonly format: 1;
  /** Path of the capture (pcap, pcapng, gzip, SIP text or .flow), relative to the lesson file. */
  readonly capture: string;
  readonly title: LocalizedText;
  readonly narrative: LocalizedText;
  readonly goals: readonly LocalizedText[];
  /** Note per message number (1-based), shown beside that message. */
  readonly notes: Readonly<Record<number, LocalizedText>>;
  readonly questions: readonly LessonQuestion[];
  /** Names for the nodes of the ladder: name → "ip:port", "ip" or "[ipv6]:port". */
  readonly nodes: Readonly<Record<string, string>>;
  /** Where the lesson comes from (seed, RFC), as the teacher writes it. */
  readonly source?: string;
  /** Position in the library list (smaller first; then by id). */
  readonly order?: number;
}

/** A problem in a lesson file, with where it is (a field path like "notes.7.fr", or "line 12, column 5"). */
export interface LessonIssue {
  readonly severity: 'error' | 'warning';
  readonly where: string;
  readonly message: string;
}

export interface LessonParseResult {
  /** Present when there is no error (warnings allowed). */
  readonly lesson?: Lesson;
  readonly issues: readonly LessonIssue[];
}
