/**
 * Where a step-through stands: step forward, step back, jump — always within 1…total (a position of 0
 * means nothing is revealed yet). Immutable: each move returns a new cursor, so a UI can keep history.
 */
export interface StepCursor {
  readonly position: number;
  readonly total: number;
}

export function startCursor(total: number): StepCursor {
  return { position: 0, total: Math.max(0, Math.floor(total)) };
}

export function goTo(cursor: StepCursor, position: number): StepCursor {
  return { ...cursor, position: Math.min(cursor.total, Math.max(0, Math.floor(position))) };
}

export const stepForward = (cursor: StepCursor): StepCursor => goTo(cursor, cursor.position + 1);
export const stepBack = (cursor: StepCursor): StepCursor => goTo(cursor, cursor.position - 1);
export const atEnd = (cursor: StepCursor): boolean => cursor.position >= cursor.total;
