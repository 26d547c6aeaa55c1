/** Reads a capture file as 1 MiB chunks of plain Uint8Array views (the core never sees Node Buffers). */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { UserError } from './userError.ts';

const CHUNK_BYTES = 1 << 20;

export async function* fileChunks(path: string): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
      const b = chunk as Buffer;
      yield new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    }
  } catch (error) {
    throw new UserError(describeFsError(path, error));
  }
}

/** Size of a regular file; a person-readable UserError for anything else. */
export async function captureFileSize(path: string): Promise<number> {
  let s;
  try {
    s = await stat(path);
  } catch (error) {
    throw new UserError(describeFsError(path, error));
  }
  if (!s.isFile()) throw new UserError(`${path} is not a regular file`);
  return s.size;
}

export function describeFsError(path: string, error: unknown): string {
  switch ((error as { code?: string }).code) {
    case 'ENOENT': return `${path}: no such file`;
    case 'EACCES':
    case 'EPERM': return `${path}: permission denied`;
    case 'EISDIR': return `${path} is a directory, not a capture file`;
    default: return `${path}: cannot read (${(error as Error).message ?? String(error)})`;
  }
}
