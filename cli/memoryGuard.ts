/**
 * Stops a whole-capture analysis with a clear message before V8's heap limit is reached: running out of heap
 * aborts the process (it cannot be caught), which would leave a user with a stack dump instead of advice.
 */
import { getHeapStatistics } from 'node:v8';
import { CliError, EXIT } from './cliError.ts';

/** The end of the analysis (correlation model, call analysis) needs about a third more than reading did. */
export const DEFAULT_HEAP_FRACTION = 0.7;

export interface HeapReading {
  usedBytes: number;
  limitBytes: number;
}

export function readHeap(): HeapReading {
  const s = getHeapStatistics();
  return { usedBytes: s.used_heap_size, limitBytes: s.heap_size_limit };
}

export class MemoryGuard {
  constructor(
    private readonly fraction = DEFAULT_HEAP_FRACTION,
    private readonly read: () => HeapReading = readHeap,
  ) {}

  /** Throws a CliError (exit code 6) when the heap is past the fraction of its limit. */
  check(progress: { bytesRead: number; totalBytes: number | undefined; messages: number }): void {
    const heap = this.read();
    if (heap.usedBytes <= heap.limitBytes * this.fraction) return;
    const mb = (n: number): string => `${Math.round(n / 1048576)} MB`;
    const share = progress.totalBytes ? ` (${Math.round((100 * progress.bytesRead) / progress.totalBytes)} % of the input)` : '';
    throw new CliError(
      `this capture needs more memory than sipladder may use here: ${mb(heap.usedBytes)} of a ${mb(heap.limitBytes)} heap after ` +
      `${progress.messages} SIP messages${share}. \`sipladder summary\` streams captures of any size in bounded memory; ` +
      'for the other commands, cut the capture first (e.g. `editcap -c 500000`, or tshark/tcpdump with a filter), or raise the ' +
      'limit with NODE_OPTIONS=--max-old-space-size=MB on a machine with more RAM.',
      EXIT.outOfMemory,
    );
  }
}
