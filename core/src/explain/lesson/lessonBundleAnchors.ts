/**
 * Where a note belongs, independently of how messages are numbered: a message is anchored by its frame
 * (1-based, as Wireshark counts) and its place among the SIP messages of that frame (1-based; a TCP
 * segment may carry several). A bundle stores one anchor per message its notes and questions name, so a
 * lesson reopened by another version of sipladder — which might number messages differently — still puts
 * every note on the arrow it was written for.
 */
import type { Lesson, LessonIssue, LessonQuestion, LocalizedText } from './lessonTypes.ts';

export interface MessageAnchor {
  readonly frame: number;
  readonly messageInFrame: number;
}

const keyOf = (a: MessageAnchor): string => `${a.frame}:${a.messageInFrame}`;

/** The anchor of every message, given the frame of each (index i is message i + 1). */
export function anchorsOfMessages(frames: readonly number[]): MessageAnchor[] {
  const seen = new Map<number, number>();
  return frames.map((frame) => {
    const messageInFrame = (seen.get(frame) ?? 0) + 1;
    seen.set(frame, messageInFrame);
    return { frame, messageInFrame };
  });
}

/** Anchors of the messages a lesson's notes and questions name (numbers past the capture are left out). */
export function lessonAnchors(lesson: Pick<Lesson, 'notes' | 'questions'>, frames: readonly number[]): Record<number, MessageAnchor> {
  const all = anchorsOfMessages(frames);
  const out: Record<number, MessageAnchor> = {};
  const numbers = [...Object.keys(lesson.notes).map(Number), ...lesson.questions.flatMap((q) => (q.step === undefined ? [] : [q.step]))];
  for (const n of numbers.sort((a, b) => a - b)) {
    const anchor = all[n - 1];
    if (anchor !== undefined) out[n] = anchor;
  }
  return out;
}

export interface PlacedLesson {
  readonly lesson: Lesson;
  /** Notes and question steps that now name another message number than the file did. */
  readonly moved: number;
  readonly issues: readonly LessonIssue[];
}

/**
 * Renumbers a lesson's notes and question steps to the messages their anchors name in the capture as it is
 * analysed now (`frames`: the frame of each message). A number without an anchor stays as it is; an anchor
 * that names no message keeps its number and is reported.
 */
export function placeByAnchors(lesson: Lesson, anchors: Readonly<Record<number, MessageAnchor>>, frames: readonly number[]): PlacedLesson {
  const numberOf = new Map<string, number>();
  anchorsOfMessages(frames).forEach((a, i) => numberOf.set(keyOf(a), i + 1));
  const issues: LessonIssue[] = [];
  let moved = 0;
  const place = (n: number, where: string): number => {
    const anchor = anchors[n];
    if (anchor === undefined) return n;
    const now = numberOf.get(keyOf(anchor));
    if (now === undefined) {
      issues.push({ severity: 'warning', where, message: `frame ${anchor.frame} has no SIP message ${anchor.messageInFrame} now: kept on message ${n}` });
      return n;
    }
    if (now !== n) moved++;
    return now;
  };
  const notes: Record<number, LocalizedText> = {};
  for (const key of Object.keys(lesson.notes).map(Number).sort((a, b) => a - b)) {
    const target = place(key, `anchors.${key}`);
    if (notes[target] !== undefined) {
      issues.push({ severity: 'warning', where: `notes.${key}`, message: `message ${target} already has a note: this one is left out` });
      continue;
    }
    notes[target] = lesson.notes[key]!;
  }
  const questions = lesson.questions.map((q): LessonQuestion => (q.step === undefined ? q : { ...q, step: place(q.step, `anchors.${q.step}`) }));
  return { lesson: { ...lesson, notes, questions }, moved, issues: dedupe(issues) };
}

/** A question and a note on one message share one anchor: say a problem with it once. */
function dedupe(issues: readonly LessonIssue[]): LessonIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.where}|${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
