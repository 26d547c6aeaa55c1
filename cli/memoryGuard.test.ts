import { describe, expect, it } from 'vitest';
import { CliError, EXIT } from './cliError.ts';
import { MemoryGuard, readHeap } from './memoryGuard.ts';

describe('MemoryGuard', () => {
  const progress = { bytesRead: 300 * 1048576, totalBytes: 600 * 1048576, messages: 700_000 };

  it('lets the analysis go on below the fraction of the heap limit', () => {
    const guard = new MemoryGuard(0.7, () => ({ usedBytes: 2_000 * 1048576, limitBytes: 4_000 * 1048576 }));
    expect(() => guard.check(progress)).not.toThrow();
  });

  it('stops it past the fraction with exit code 6 and a message saying what to do', () => {
    const guard = new MemoryGuard(0.7, () => ({ usedBytes: 3_000 * 1048576, limitBytes: 4_000 * 1048576 }));
    let error: unknown;
    try { guard.check(progress); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(EXIT.outOfMemory);
    const message = (error as CliError).message;
    expect(message).toContain('3000 MB of a 4000 MB heap after 700000 SIP messages (50 % of the input)');
    expect(message).toContain('sipladder summary');
    expect(message).toContain('--max-old-space-size');
  });

  it('reads the real heap of this process', () => {
    const heap = readHeap();
    expect(heap.usedBytes).toBeGreaterThan(0);
    expect(heap.limitBytes).toBeGreaterThan(heap.usedBytes);
  });
});
