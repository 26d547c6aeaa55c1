/**
 * The step-through as data: how many messages are revealed (0 = none yet, the lesson's story), whether it
 * plays and how (one message per interval, or at the capture's own timing times a speed factor), which
 * answers are shown, and the hop/notes toggles. Pure: every command returns a new state.
 */
import { goTo, startCursor, stepBack, stepForward, type StepCursor } from '../../../core/src/explain/lesson/stepCursor.ts';
import type { StepView } from '../../shared/classroomTypes.ts';

export type Pacing = 'steady' | 'recorded';
export const SPEEDS: readonly number[] = [0.25, 0.5, 1, 2, 4, 10];

export interface StepState {
  readonly cursor: StepCursor;
  readonly playing: boolean;
  readonly pacing: Pacing;
  readonly speed: number;
  /** Question numbers (1-based) whose answers are shown. */
  readonly revealed: ReadonlySet<number>;
  readonly showHops: boolean;
  readonly showNotes: boolean;
}

export type StepCommand =
  | { type: 'next' } | { type: 'back' } | { type: 'first' } | { type: 'last' } | { type: 'goTo'; position: number }
  | { type: 'play' } | { type: 'pause' } | { type: 'togglePlay' }
  /** The replay timer fired: reveal one more, and stop at the end. */
  | { type: 'tick' }
  | { type: 'toggleHops' } | { type: 'toggleNotes' }
  | { type: 'reveal'; questions: readonly number[] } | { type: 'hide'; questions: readonly number[] }
  | { type: 'pacing'; pacing: Pacing } | { type: 'speed'; speed: number }
  /** The list of steps changed (noise hidden or shown, more loaded): keep the position where it can be. */
  | { type: 'resize'; total: number; position: number };

export function initialStepState(total: number): StepState {
  return { cursor: startCursor(total), playing: false, pacing: 'steady', speed: 1, revealed: new Set(), showHops: true, showNotes: true };
}

/** The step shown in full: the last one revealed, or -1 before the first. */
export function currentIndex(state: StepState): number {
  return state.cursor.position - 1;
}

export function applyStep(state: StepState, command: StepCommand): StepState {
  const { cursor } = state;
  switch (command.type) {
    // Moving by hand takes over from the replay, as a presenter expects.
    case 'next': return { ...state, cursor: stepForward(cursor), playing: false };
    case 'back': return { ...state, cursor: stepBack(cursor), playing: false };
    case 'first': return { ...state, cursor: goTo(cursor, 0), playing: false };
    case 'last': return { ...state, cursor: goTo(cursor, cursor.total), playing: false };
    case 'goTo': return { ...state, cursor: goTo(cursor, command.position), playing: false };
    case 'play':
      if (cursor.total === 0) return state;
      // Playing from the end starts again from the beginning.
      return { ...state, playing: true, cursor: cursor.position >= cursor.total ? goTo(cursor, 0) : cursor };
    case 'pause': return { ...state, playing: false };
    case 'togglePlay': return applyStep(state, { type: state.playing ? 'pause' : 'play' });
    case 'tick': {
      if (!state.playing) return state;
      const next = stepForward(cursor);
      return { ...state, cursor: next, playing: next.position < next.total };
    }
    case 'toggleHops': return { ...state, showHops: !state.showHops };
    case 'toggleNotes': return { ...state, showNotes: !state.showNotes };
    case 'reveal': return { ...state, revealed: new Set([...state.revealed, ...command.questions]) };
    case 'hide': {
      const revealed = new Set(state.revealed);
      for (const q of command.questions) revealed.delete(q);
      return { ...state, revealed };
    }
    case 'pacing': return { ...state, pacing: command.pacing };
    case 'speed': return SPEEDS.includes(command.speed) ? { ...state, speed: command.speed } : state;
    case 'resize': {
      const resized = goTo({ position: 0, total: Math.max(0, Math.floor(command.total)) }, command.position);
      return { ...state, cursor: resized, playing: state.playing && resized.position < resized.total };
    }
  }
}

/**
 * The steps a step-through walks: all of them, or without OPTIONS/REGISTER traffic when `hideNoise` —
 * unless that is all there is (a lesson about registration keeps its REGISTERs).
 */
export function visibleSteps<T extends Pick<StepView, 'noise'>>(steps: readonly T[], hideNoise: boolean): T[] {
  if (!hideNoise || steps.every((s) => s.noise)) return [...steps];
  return steps.filter((s) => !s.noise);
}

/**
 * Where a step-through stands after its list changed: as many revealed as there are steps at or before
 * the message that was current (so hiding noise neither jumps ahead nor loses the place).
 */
export function positionAfterChange(before: readonly Pick<StepView, 'index'>[], after: readonly Pick<StepView, 'index'>[], position: number): number {
  if (position <= 0) return 0;
  const current = before[Math.min(position, before.length) - 1];
  if (current === undefined) return 0;
  let n = 0;
  while (n < after.length && after[n]!.index <= current.index) n++;
  return n;
}

export interface QuestionAt {
  readonly number: number;
  readonly step?: number;
}

/**
 * The questions to show: those about the current message (by message number), and, once the last
 * message is revealed, those about no message in particular.
 */
export function questionsAt<Q extends QuestionAt>(questions: readonly Q[], messageNumber: number | undefined, atEnd: boolean): Q[] {
  return questions.filter((q) => (q.step !== undefined ? q.step === messageNumber : atEnd));
}
