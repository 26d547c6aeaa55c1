import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyStep, currentIndex, initialStepState, positionAfterChange, questionsAt, type StepCommand, type StepState, visibleSteps } from './stepModel.ts';

const run = (state: StepState, ...commands: StepCommand[]): StepState => commands.reduce(applyStep, state);

describe('the step model', () => {
  it('starts with nothing revealed, then reveals one message per step forward and hides it again stepping back', () => {
    const s0 = initialStepState(3);
    expect(s0.cursor.position).toBe(0);
    expect(currentIndex(s0)).toBe(-1);
    const s2 = run(s0, { type: 'next' }, { type: 'next' });
    expect(s2.cursor.position).toBe(2);
    expect(currentIndex(s2)).toBe(1);
    expect(run(s2, { type: 'back' }).cursor.position).toBe(1);
  });

  it('stays within the flow at both ends', () => {
    expect(run(initialStepState(2), { type: 'back' }).cursor.position).toBe(0);
    expect(run(initialStepState(2), { type: 'next' }, { type: 'next' }, { type: 'next' }).cursor.position).toBe(2);
    expect(run(initialStepState(5), { type: 'last' }).cursor.position).toBe(5);
    expect(run(initialStepState(5), { type: 'last' }, { type: 'first' }).cursor.position).toBe(0);
    expect(run(initialStepState(5), { type: 'goTo', position: 99 }).cursor.position).toBe(5);
    expect(run(initialStepState(5), { type: 'goTo', position: -3 }).cursor.position).toBe(0);
  });

  it('plays tick by tick and stops by itself at the last message', () => {
    const playing = run(initialStepState(2), { type: 'play' });
    expect(playing.playing).toBe(true);
    const one = run(playing, { type: 'tick' });
    expect([one.cursor.position, one.playing]).toEqual([1, true]);
    const two = run(one, { type: 'tick' });
    expect([two.cursor.position, two.playing]).toEqual([2, false]);
    expect(run(two, { type: 'tick' }).cursor.position).toBe(2);
  });

  it('starts again from the beginning when play is pressed at the end, and never plays an empty flow', () => {
    const atEnd = run(initialStepState(3), { type: 'last' }, { type: 'togglePlay' });
    expect([atEnd.cursor.position, atEnd.playing]).toEqual([0, true]);
    expect(run(initialStepState(0), { type: 'play' }).playing).toBe(false);
  });

  it('pauses when the presenter steps by hand', () => {
    for (const type of ['next', 'back', 'first', 'last'] as const) {
      expect(run(initialStepState(4), { type: 'play' }, { type: 'tick' }, { type })).toMatchObject({ playing: false });
    }
    expect(run(initialStepState(4), { type: 'togglePlay' }, { type: 'togglePlay' }).playing).toBe(false);
  });

  it('ignores ticks while paused', () => {
    expect(run(initialStepState(4), { type: 'tick' }).cursor.position).toBe(0);
  });

  it('reveals and hides answers by question number, and toggles hops and notes', () => {
    const s = run(initialStepState(4), { type: 'reveal', questions: [2, 3] }, { type: 'hide', questions: [3] });
    expect([...s.revealed]).toEqual([2]);
    const t = run(s, { type: 'toggleHops' }, { type: 'toggleNotes' }, { type: 'toggleNotes' });
    expect([t.showHops, t.showNotes]).toEqual([false, true]);
  });

  it('accepts only the speeds it offers', () => {
    expect(run(initialStepState(1), { type: 'speed', speed: 2 }).speed).toBe(2);
    expect(run(initialStepState(1), { type: 'speed', speed: 3 }).speed).toBe(1);
    expect(run(initialStepState(1), { type: 'pacing', pacing: 'recorded' }).pacing).toBe('recorded');
  });

  it('keeps its position within 0…total whatever the commands (property)', () => {
    const command = fc.oneof(
      fc.constantFrom<StepCommand>({ type: 'next' }, { type: 'back' }, { type: 'first' }, { type: 'last' }, { type: 'play' }, { type: 'tick' }, { type: 'togglePlay' }),
      fc.integer({ min: -5, max: 50 }).map((position): StepCommand => ({ type: 'goTo', position })),
      fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: -5, max: 40 })).map(([total, position]): StepCommand => ({ type: 'resize', total, position })),
    );
    fc.assert(fc.property(fc.integer({ min: 0, max: 30 }), fc.array(command, { maxLength: 40 }), (total, commands) => {
      const s = run(initialStepState(total), ...commands);
      return s.cursor.position >= 0 && s.cursor.position <= s.cursor.total && (!s.playing || s.cursor.position < s.cursor.total);
    }));
  });
});

describe('the steps walked', () => {
  const steps = [
    { index: 0, noise: true }, { index: 1, noise: false }, { index: 2, noise: true }, { index: 3, noise: false }, { index: 4, noise: false },
  ];

  it('hides OPTIONS/REGISTER noise when asked, unless there is nothing else', () => {
    expect(visibleSteps(steps, false)).toHaveLength(5);
    expect(visibleSteps(steps, true).map((s) => s.index)).toEqual([1, 3, 4]);
    expect(visibleSteps([{ index: 0, noise: true }, { index: 1, noise: true }], true)).toHaveLength(2);
  });

  it('keeps the place when noise is hidden or shown again', () => {
    const shown = visibleSteps(steps, false);
    const hidden = visibleSteps(steps, true);
    // Message index 2 (noise) current → after hiding, message 1 is the last revealed.
    expect(positionAfterChange(shown, hidden, 3)).toBe(1);
    expect(positionAfterChange(shown, hidden, 4)).toBe(2);
    expect(positionAfterChange(hidden, shown, 2)).toBe(4);
    expect(positionAfterChange(hidden, shown, 0)).toBe(0);
  });

  it('asks the questions about the current message, and the general ones at the end', () => {
    const questions = [{ number: 1, step: 2 }, { number: 2 }, { number: 3, step: 4 }];
    expect(questionsAt(questions, 2, false).map((q) => q.number)).toEqual([1]);
    expect(questionsAt(questions, 3, false)).toEqual([]);
    expect(questionsAt(questions, 4, true).map((q) => q.number)).toEqual([2, 3]);
    expect(questionsAt(questions, undefined, false)).toEqual([]);
  });
});
