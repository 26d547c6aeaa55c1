/**
 * InputBytes over a capture file: the core's compact records read a message's bytes again from here instead of
 * keeping them. The descriptor stays open while the reader is in use and is closed when it is collected.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { InputBytes } from '../core/src/pipeline/compactRecord.ts';

const descriptors = new FinalizationRegistry<number>((fd) => {
  try { closeSync(fd); } catch { /* already closed */ }
});

export function fileInputBytes(path: string): InputBytes | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined; // keep the bytes in memory instead
  }
  const reader: InputBytes = {
    read(offset: number, length: number): Uint8Array | undefined {
      const out = new Uint8Array(length);
      try {
        return readSync(fd, out, 0, length, offset) === length ? out : undefined;
      } catch {
        return undefined;
      }
    },
  };
  descriptors.register(reader, fd);
  return reader;
}
