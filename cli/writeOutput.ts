/**
 * Where an export goes: standard output (text, or binary only when it is not a terminal), or a file given
 * with -o, which is never overwritten unless --force is given (a capture export can silently replace the
 * capture it came from otherwise).
 */
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { CliError, EXIT } from './cliError.ts';
import type { OutStream } from './command.ts';

export interface Output {
  write(piece: string | Uint8Array): void;
  close(): void;
}

export function openOutput(stdout: OutStream, path: string | undefined, options: { binary: boolean; force: boolean; what: string }): Output {
  if (path === undefined || path === '-') {
    if (options.binary && stdout.isTTY) {
      throw new CliError(`${options.what} is binary and standard output is a terminal: use -o FILE, or redirect (> out.${options.what})`, EXIT.usage);
    }
    return { write: (piece) => void stdout.write(piece), close: () => {} };
  }
  let fd: number;
  try {
    fd = openSync(path, options.force ? 'w' : 'wx');
  } catch (error) {
    throw new CliError(describeWriteError(path, error, ANOTHER_NAME), EXIT.cannotWrite);
  }
  const encoder = new TextEncoder();
  return {
    write: (piece) => {
      try {
        writeSync(fd, typeof piece === 'string' ? encoder.encode(piece) : piece);
      } catch (error) {
        throw new CliError(describeWriteError(path, error, ANOTHER_NAME), EXIT.cannotWrite);
      }
    },
    close: () => closeSync(fd),
  };
}

/** An export's name is the user's choice: suggest another one. */
const ANOTHER_NAME = { exists: 'already exists: choose another name, or add --force to overwrite it' };

/** What a person is told when a file cannot be written; `exists` and `full` word those cases for the caller. */
export function describeWriteError(path: string, error: unknown, wording: { exists?: string; full?: string } = {}): string {
  switch ((error as { code?: string }).code) {
    case 'EEXIST': return `${path} ${wording.exists ?? 'exists: add --force to overwrite it'}`;
    case 'ENOENT': return `${path}: the folder does not exist`;
    case 'EACCES':
    case 'EPERM': return `${path}: permission denied`;
    case 'EISDIR': return `${path} is a directory: give a file name`;
    case 'ENOSPC': return `${path}: ${wording.full ?? 'no space left on the device'}`;
    default: return `${path}: cannot write (${(error as Error).message ?? String(error)})`;
  }
}

/** Writes a whole file, refusing to replace one unless `force`. */
export function writeNewFile(path: string, data: string | Uint8Array, force: boolean): void {
  try {
    writeFileSync(path, data, { flag: force ? 'w' : 'wx' });
  } catch (error) {
    throw new CliError(describeWriteError(path, error), EXIT.cannotWrite);
  }
}
