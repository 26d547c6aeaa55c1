/**
 * The live capture saved as it arrives: every byte the capture tool delivered (pcapng), in a private temporary
 * folder (0700, file 0600), removed when the capture is replaced or the app closes. "Save live capture" hands
 * out its prefix up to the last whole block; pcap exports of chosen calls read it again for their frames.
 */
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeAllSync } from '../../cli/live/writeAllSync.ts';
import { PcapngBoundary } from './livePcapngBoundary.ts';

export class LiveTeeFile {
  readonly path: string;
  private readonly dir: string;
  private fd: number | undefined;
  private readonly boundary = new PcapngBoundary();
  bytes = 0;
  /** Why writing stopped (disk full…): the capture goes on, saving does not. */
  problem: string | undefined;

  constructor(root = tmpdir()) {
    this.dir = mkdtempSync(join(root, 'sipladder-live-'));
    this.path = join(this.dir, 'capture.pcapng');
    this.fd = openSync(this.path, 'wx', 0o600);
  }

  /** Bytes a reader may take: whole pcapng blocks. */
  get committedBytes(): number {
    return this.boundary.committed;
  }

  /** Synchronous, as `capture --write`: a few MB/s at most, in the order the bytes came. */
  write(chunk: Uint8Array): void {
    if (this.fd === undefined) return;
    try {
      writeAllSync(this.fd, chunk);
      this.bytes += chunk.length;
      this.boundary.push(chunk);
    } catch (error) {
      this.problem = `the live capture could not be saved any further (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
      this.closeFile();
    }
  }

  /** Closes and deletes the file and its folder. */
  remove(): void {
    this.closeFile();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private closeFile(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }
}
