/**
 * One capture tool process: its stdout as byte chunks (pulled, so a slow reader backs up into the tool and the
 * kernel, where drops are counted and reported rather than hidden), its stderr kept (the last 64 KiB) and
 * handed out line by line, and a stop that lets it flush: SIGINT, then SIGTERM, then SIGKILL.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface ToolExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The process could not be started at all (ENOENT, EACCES). */
  readonly spawnError?: NodeJS.ErrnoException;
}

const STDERR_KEEP = 64 * 1024;

export class ToolProcess {
  private readonly child: ChildProcess;
  private stderr = '';
  private partial = '';
  private readonly lineListeners: ((line: string) => void)[] = [];
  private stopping = false;
  readonly exited: Promise<ToolExit>;

  constructor(readonly path: string, readonly args: readonly string[], env: NodeJS.ProcessEnv = process.env) {
    this.child = spawn(path, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.exited = new Promise((resolve) => {
      this.child.once('error', (error: NodeJS.ErrnoException) => resolve({ code: null, signal: null, spawnError: error }));
      this.child.once('close', (code, signal) => resolve({ code, signal }));
    });
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (text: string) => this.onStderr(text));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** True once stop() was called: an exit after it is expected, not a failure. */
  get stopped(): boolean {
    return this.stopping;
  }

  /** The tool's stdout as plain Uint8Array chunks, until it closes. */
  async *chunks(): AsyncGenerator<Uint8Array> {
    for await (const chunk of this.child.stdout! as AsyncIterable<Buffer>) {
      yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
  }

  /** The stdout stream itself (for consumers that pause and resume it). */
  get stdout(): NodeJS.ReadableStream {
    return this.child.stdout!;
  }

  stderrText(): string {
    return this.stderr;
  }

  onLine(listener: (line: string) => void): void {
    this.lineListeners.push(listener);
  }

  signal(name: NodeJS.Signals): void {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      try {
        this.child.kill(name);
      } catch {
        // already gone
      }
    }
  }

  /** Asks the tool to stop and flush; escalates if it does not exit in time. Resolves when it has exited. */
  async stop(): Promise<ToolExit> {
    this.stopping = true;
    this.signal('SIGINT');
    const term = setTimeout(() => this.signal('SIGTERM'), 2000);
    const kill = setTimeout(() => this.signal('SIGKILL'), 5000);
    try {
      return await this.exited;
    } finally {
      clearTimeout(term);
      clearTimeout(kill);
    }
  }

  private onStderr(text: string): void {
    this.stderr += text;
    if (this.stderr.length > STDERR_KEEP) this.stderr = this.stderr.slice(-STDERR_KEEP);
    const lines = (this.partial + text).split(/\r?\n|\r/);
    this.partial = lines.pop() ?? '';
    for (const line of lines) if (line) for (const l of this.lineListeners) l(line);
  }
}
