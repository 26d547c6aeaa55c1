import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_PAUSE_MS, replayDelayMs, replaySchedule, STEADY_INTERVAL_MS } from './replaySchedule.ts';

describe('the replay schedule', () => {
  // An INVITE, 100 Trying 10 ms later, 180 after 1.2 s, 200 OK after 3 s of ringing, the ACK 20 ms later.
  const offsets = [0, 10, 1210, 4210, 4230];

  it('waits the recorded gaps, divided by the speed factor', () => {
    expect(replaySchedule(offsets, 'recorded', 1)).toEqual([0, 10, 1200, 3000, 20]);
    expect(replaySchedule(offsets, 'recorded', 2)).toEqual([0, 5, 600, 1500, 10]);
    expect(replaySchedule(offsets, 'recorded', 0.5)).toEqual([0, 20, 2400, MAX_PAUSE_MS, 40]);
  });

  it('shortens long pauses (talk time) to a few seconds', () => {
    expect(replaySchedule([0, 60_000, 60_010], 'recorded', 1)).toEqual([0, MAX_PAUSE_MS, 10]);
  });

  it('paces steadily when asked, faster with a higher speed', () => {
    expect(replaySchedule(offsets, 'steady', 1)).toEqual([0, ...Array(4).fill(STEADY_INTERVAL_MS)]);
    expect(replayDelayMs(offsets, 2, 'steady', 4)).toBe(STEADY_INTERVAL_MS / 4);
  });

  it('never waits a negative time for messages out of timestamp order, and treats a bad speed as 1', () => {
    expect(replaySchedule([0, 50, 40], 'recorded', 1)).toEqual([0, 50, 0]);
    expect(replayDelayMs([0, 100], 1, 'recorded', 0)).toBe(100);
    expect(replayDelayMs([0, 100], 1, 'recorded', Number.NaN)).toBe(100);
  });

  it('has nothing to wait for past the end', () => {
    expect(replayDelayMs(offsets, 5, 'recorded', 1)).toBeUndefined();
    expect(replayDelayMs([], 0, 'steady', 1)).toBeUndefined();
  });

  it('always waits between 0 and the cap (property)', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: -1e6, max: 1e7, noNaN: true }), { maxLength: 30 }), fc.constantFrom(0.25, 0.5, 1, 2, 4, 10), (xs, speed) => {
      return replaySchedule(xs, 'recorded', speed).every((d) => d >= 0 && d <= MAX_PAUSE_MS);
    }));
  });
});
