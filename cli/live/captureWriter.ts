/** `--write FILE`: every byte the capture delivered, saved as it arrives (pcapng for interface captures). */
import { closeSync, openSync } from 'node:fs';
import { CliError, EXIT } from '../cliError.ts';
import { writeAllSync } from './writeAllSync.ts';

export class CaptureFileWriter {
  private fd: number | undefined;
  bytes = 0;

  constructor(readonly path: string, force: boolean) {
    try {
      this.fd = openSync(path, force ? 'w' : 'wx');
    } catch (error) {
      throw writeError(path, error);
    }
  }

  /** Synchronous on purpose: a few MB/s at most, and a full disk must stop the capture rather than fill memory. */
  write(chunk: Uint8Array): void {
    if (this.fd === undefined) return;
    try {
      writeAllSync(this.fd, chunk);
      this.bytes += chunk.length;
    } catch (error) {
      this.close();
      throw writeError(this.path, error);
    }
  }

  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }
}

function writeError(path: string, error: unknown): CliError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EEXIST') return new CliError(`${path} exists: add --force to overwrite it`, EXIT.cannotWrite);
  if (code === 'EACCES' || code === 'EPERM') return new CliError(`${path}: permission denied`, EXIT.cannotWrite);
  if (code === 'ENOENT') return new CliError(`${path}: no such directory`, EXIT.cannotWrite);
  if (code === 'ENOSPC') return new CliError(`${path}: the disk is full; the capture stopped`, EXIT.cannotWrite);
  return new CliError(`${path}: cannot write (${(error as Error).message})`, EXIT.cannotWrite);
}
