/** `e2eIt`: an end-to-end test that runs when Chromium exists and otherwise is skipped saying why. */
import { it } from 'vitest';
import { e2eUnavailable } from './harness.ts';

export const UNAVAILABLE = e2eUnavailable();

export function e2eIt(name: string, fn: () => Promise<void>, timeout = 120_000): void {
  if (UNAVAILABLE !== undefined) {
    it.skip(`${name} — not run: ${UNAVAILABLE}`, () => undefined);
    console.log(`e2e test not run: "${name}": ${UNAVAILABLE}`);
    return;
  }
  it(name, fn, timeout);
}
