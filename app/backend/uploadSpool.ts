/**
 * Keeps an uploaded capture (browser upload, in-memory drop) so it can be read a second time, as the
 * pcap/pcapng exports must to copy frames byte for byte: a private temporary file in the worker (the
 * upload never sits whole in memory), or memory for tests. A spool that cannot be written says why
 * instead of failing the analysis.
 */
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Spool {
  append(chunk: Uint8Array): void;
  /** Everything appended so far, from the start. */
  chunks(): AsyncIterable<Uint8Array>;
  /** Why the upload cannot be read again, or undefined when it can. */
  readonly problem: string | undefined;
  dispose(): void;
}

export type MakeSpool = () => Spool;

export function memorySpool(): Spool {
  let kept: Uint8Array[] = [];
  return {
    problem: undefined,
    append: (chunk) => void kept.push(chunk),
    chunks: async function* () {
      yield* kept;
    },
    dispose: () => {
      kept = [];
    },
  };
}

/** A temporary file only this user can read (0600 in a 0700 folder), removed by dispose. */
export function fileSpool(baseDir = tmpdir()): Spool {
  let dir: string | undefined;
  let fd: number | undefined;
  let problem: string | undefined;
  try {
    dir = mkdtempSync(join(baseDir, 'sipladder-upload-'));
    fd = openSync(join(dir, 'capture'), 'w', 0o600);
  } catch (error) {
    problem = `the upload could not be kept for re-reading (${(error as Error).message})`;
  }
  const path = dir === undefined ? undefined : join(dir, 'capture');
  const spool: Spool = {
    get problem() {
      return problem;
    },
    append(chunk) {
      if (fd === undefined || problem !== undefined) return;
      try {
        for (let at = 0; at < chunk.length;) at += writeSync(fd, chunk, at, chunk.length - at);
      } catch (error) {
        problem = `the upload could not be kept for re-reading (${(error as Error).message})`;
      }
    },
    chunks: async function* () {
      if (path === undefined || problem !== undefined) throw new Error(problem ?? 'no spool');
      for await (const b of createReadStream(path, { highWaterMark: 1 << 20 })) {
        const buffer = b as Buffer;
        yield new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      }
    },
    dispose() {
      if (fd !== undefined) {
        try {
          closeSync(fd);
        } catch {
          // already closed
        }
        fd = undefined;
      }
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
      dir = undefined;
      problem ??= 'the upload is no longer kept';
    },
  };
  return spool;
}
