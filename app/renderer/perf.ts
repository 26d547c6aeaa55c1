/**
 * Timings of the renderer's own work (ladder draws, call-list renders), kept in small ring buffers and
 * readable as window.sipladderPerf — for the UI benchmark (app/e2e/uiBench.ts) and for diagnosing a slow machine.
 */
const KEEP = 2000;

export interface PerfLog {
  ladderDrawMs: number[];
  /** Laying out a whole ladder (core layout): on open, zoom, resize and option changes. */
  ladderLayoutMs: number[];
  listRenderMs: number[];
}

const log: PerfLog = { ladderDrawMs: [], ladderLayoutMs: [], listRenderMs: [] };
(globalThis as unknown as { sipladderPerf?: PerfLog }).sipladderPerf = log;

export function timed<T>(bucket: keyof PerfLog, fn: () => T): T {
  const started = performance.now();
  try {
    return fn();
  } finally {
    const list = log[bucket];
    list.push(performance.now() - started);
    if (list.length > KEEP) list.splice(0, list.length - KEEP);
  }
}
