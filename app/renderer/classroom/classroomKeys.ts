/**
 * The step-through's keyboard, like presentation slides (and the remote clickers that send PageUp /
 * PageDown): Space, → or PageDown next; ← or PageUp back; Home/End; `p` play/pause; `h` hop annotations;
 * `n` notes; `a` shows the answers asked here; `f` presenter mode; Escape leaves it.
 */
import type { StepCommand } from './stepModel.ts';

export type ClassroomAction = StepCommand | { type: 'revealHere' } | { type: 'togglePresenter' } | { type: 'leavePresenter' };

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

export interface KeyContext {
  presenter: boolean;
  /** Focus is on a button, a link-like control or a <summary>: Space and Enter belong to it (outside presenter mode). */
  onControl: boolean;
}

export function classroomKey(e: KeyLike, ctx: KeyContext): ClassroomAction | undefined {
  if (e.ctrlKey || e.metaKey || e.altKey) return undefined;
  switch (e.key) {
    case ' ':
    case 'Spacebar':
      return ctx.onControl && !ctx.presenter ? undefined : { type: 'next' };
    case 'ArrowRight':
    case 'PageDown':
      return { type: 'next' };
    case 'ArrowLeft':
    case 'PageUp':
      return { type: 'back' };
    case 'Home': return { type: 'first' };
    case 'End': return { type: 'last' };
    case 'p': case 'P': return { type: 'togglePlay' };
    case 'h': case 'H': return { type: 'toggleHops' };
    case 'n': case 'N': return { type: 'toggleNotes' };
    case 'a': case 'A': return { type: 'revealHere' };
    case 'f': case 'F': return { type: 'togglePresenter' };
    case 'Escape': return ctx.presenter ? { type: 'leavePresenter' } : undefined;
    default: return undefined;
  }
}
