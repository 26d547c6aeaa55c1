/**
 * The sample captures built from flow sources, for the README's first commands and for lessons.
 * Paths are relative to the repository root; buildSamples.ts writes them, trapezoid.test.ts checks them.
 */
export interface SampleCapture {
  /** `.flow` (or JSON) source. */
  readonly source: string;
  /** Capture written from it (format as the source says). */
  readonly output: string;
}

export const SAMPLES: readonly SampleCapture[] = [
  { source: 'fixtures/samples/trapezoid/trapezoid.flow', output: 'fixtures/samples/trapezoid/trapezoid.pcap' },
];
