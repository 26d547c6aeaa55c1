/** `--write FILE`: every byte the capture delivered, saved as it arrives (pcapng for interface captures). */
import { closeSync, openSync } from 'node:fs';
import { CliError, EXIT } from '../cliError.ts';
import { describeWriteError } from '../writeOutput.ts';
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
  return new CliError(describeWriteError(path, error, CAPTURE_WORDING), EXIT.cannotWrite);
}

/** A capture file is written while capturing: a full disk ends the capture. */
export const CAPTURE_WORDING = { full: 'the disk is full; the capture stopped' };
