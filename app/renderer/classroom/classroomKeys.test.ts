import { describe, expect, it } from 'vitest';
import { classroomKey } from './classroomKeys.ts';

const plain = { presenter: false, onControl: false };
const presenter = { presenter: true, onControl: false };

describe('the step-through keyboard', () => {
  it('steps like slides: Space, → and PageDown forward; ← and PageUp back; Home and End', () => {
    for (const key of [' ', 'ArrowRight', 'PageDown']) expect(classroomKey({ key }, plain)).toEqual({ type: 'next' });
    for (const key of ['ArrowLeft', 'PageUp']) expect(classroomKey({ key }, plain)).toEqual({ type: 'back' });
    expect(classroomKey({ key: 'Home' }, plain)).toEqual({ type: 'first' });
    expect(classroomKey({ key: 'End' }, plain)).toEqual({ type: 'last' });
  });

  it('toggles hop annotations with h, notes with n, play with p, presenter mode with f, in either case', () => {
    expect(classroomKey({ key: 'h' }, plain)).toEqual({ type: 'toggleHops' });
    expect(classroomKey({ key: 'H' }, presenter)).toEqual({ type: 'toggleHops' });
    expect(classroomKey({ key: 'n' }, plain)).toEqual({ type: 'toggleNotes' });
    expect(classroomKey({ key: 'p' }, plain)).toEqual({ type: 'togglePlay' });
    expect(classroomKey({ key: 'f' }, plain)).toEqual({ type: 'togglePresenter' });
    expect(classroomKey({ key: 'a' }, plain)).toEqual({ type: 'revealHere' });
  });

  it('leaves presenter mode with Escape, and lets Escape alone otherwise', () => {
    expect(classroomKey({ key: 'Escape' }, presenter)).toEqual({ type: 'leavePresenter' });
    expect(classroomKey({ key: 'Escape' }, plain)).toBeUndefined();
  });

  it('lets a focused button have its Space, except in presenter mode', () => {
    expect(classroomKey({ key: ' ' }, { presenter: false, onControl: true })).toBeUndefined();
    expect(classroomKey({ key: ' ' }, { presenter: true, onControl: true })).toEqual({ type: 'next' });
    expect(classroomKey({ key: 'ArrowRight' }, { presenter: false, onControl: true })).toEqual({ type: 'next' });
  });

  it('ignores shortcuts with Ctrl, Alt or Meta (browser and system keys), and keys it does not know', () => {
    expect(classroomKey({ key: 'f', ctrlKey: true }, plain)).toBeUndefined();
    expect(classroomKey({ key: 'ArrowLeft', altKey: true }, plain)).toBeUndefined();
    expect(classroomKey({ key: 'n', metaKey: true }, plain)).toBeUndefined();
    expect(classroomKey({ key: 'x' }, plain)).toBeUndefined();
    expect(classroomKey({ key: 'Enter' }, plain)).toBeUndefined();
  });
});
