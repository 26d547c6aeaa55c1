/** Writes all of `bytes` to `fd` (writeSync may write less than asked); errors are the caller's to word. */
import { writeSync } from 'node:fs';

export function writeAllSync(fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
}
