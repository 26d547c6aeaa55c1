import { describe, expect, it } from 'vitest';
import { classifyOutcome, type OutcomeInput } from './callOutcome.ts';

const base: OutcomeInput = { answered: false, finalStatus: 0, cancelled: false, ringing: false, observedMs: 60_000 };

describe('classifyOutcome', () => {
  it('names outcomes by final status', () => {
    const by = (finalStatus: number) => classifyOutcome({ ...base, finalStatus });
    expect([487, 302, 486, 600, 603, 607, 408, 504, 500, 503, 404, 488, 407, 606].map(by)).toEqual([
      'cancelled', 'redirected', 'busy', 'busy', 'declined', 'declined', 'timedOut', 'timedOut', 'failed', 'failed',
      'rejected', 'rejected', 'rejected', 'rejected',
    ]);
  });

  it('lets a 2xx on any attempt win', () => {
    expect(classifyOutcome({ ...base, answered: true, finalStatus: 407 })).toBe('answered');
  });

  it('tells a call still ringing or too recent from one that timed out without any response', () => {
    expect(classifyOutcome({ ...base, ringing: true })).toBe('inProgress');
    expect(classifyOutcome({ ...base, observedMs: 5000 })).toBe('inProgress');
    expect(classifyOutcome(base)).toBe('timedOut');
    expect(classifyOutcome({ ...base, cancelled: true })).toBe('cancelled');
  });
});
