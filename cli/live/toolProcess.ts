/**
 * One capture tool process, started and read by a worker thread: the tool's stdout is drained even while the
 * main thread is busy or collecting garbage, so the tool never blocks on a full pipe and the kernel never drops
 * packets for that reason. What the worker read waits in a queue bounded at 64 MiB; beyond it the worker pauses
 * the pipe, and the tool and kernel count any drops (reported, never hidden). Stderr is kept (the last 64 KiB) and
 * handed out line by line; stop lets the tool flush: SIGINT, then SIGTERM, then SIGKILL.
 */
import { Worker } from 'node:worker_threads';

export interface ToolExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The process could not be started at all (ENOENT, EACCES). */
  readonly spawnError?: NodeJS.ErrnoException;
}

const STDERR_KEEP = 64 * 1024;
const QUEUE_LIMIT_BYTES = 64 * 1024 * 1024;

/** Runs in the worker (plain CommonJS, eval'd): spawn, relay stdout/stderr/exit, obey signals and flow control. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { spawn } = require('node:child_process');
const { path, args, env, limit } = workerData;
let inFlight = 0;
let paused = false;
const child = spawn(path, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
child.once('error', (e) => parentPort.postMessage({ type: 'error', code: e.code, message: e.message }));
child.stdout.on('data', (b) => {
  const copy = new Uint8Array(b.byteLength);
  copy.set(b);
  inFlight += copy.byteLength;
  parentPort.postMessage({ type: 'data', chunk: copy }, [copy.buffer]);
  if (inFlight > limit && !paused) { paused = true; child.stdout.pause(); }
});
child.stdout.on('end', () => parentPort.postMessage({ type: 'end' }));
child.stderr.setEncoding('utf8');
child.stderr.on('data', (text) => parentPort.postMessage({ type: 'stderr', text }));
child.once('close', (code, signal) => parentPort.postMessage({ type: 'exit', code, signal }));
parentPort.postMessage({ type: 'pid', pid: child.pid });
parentPort.on('message', (m) => {
  if (m.type === 'consumed') {
    inFlight -= m.bytes;
    if (paused && inFlight < limit / 2) { paused = false; child.stdout.resume(); }
  } else if (m.type === 'signal') {
    if (child.exitCode === null && child.signalCode === null) { try { child.kill(m.name); } catch {} }
  }
});
`;

type WorkerMessage =
  | { type: 'data'; chunk: Uint8Array }
  | { type: 'end' }
  | { type: 'stderr'; text: string }
  | { type: 'exit'; code: number | null; signal: NodeJS.Signals | null }
  | { type: 'error'; code?: string; message: string }
  | { type: 'pid'; pid: number | undefined };

export class ToolProcess {
  private readonly worker: Worker;
  private readonly queue: Uint8Array[] = [];
  private ended = false;
  private wake: (() => void) | undefined;
  private stderr = '';
  private partial = '';
  private readonly lineListeners: ((line: string) => void)[] = [];
  private stopping = false;
  private finished = false;
  private processId: number | undefined;
  private resolveExit!: (exit: ToolExit) => void;
  readonly exited: Promise<ToolExit>;

  constructor(readonly path: string, readonly args: readonly string[], env: NodeJS.ProcessEnv = process.env) {
    this.exited = new Promise((resolve) => (this.resolveExit = resolve));
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, args: [...args], env: { ...env }, limit: QUEUE_LIMIT_BYTES } });
    this.worker.on('message', (m: WorkerMessage) => this.onMessage(m));
    this.worker.on('error', (error) => this.finish({ code: null, signal: null, spawnError: error as NodeJS.ErrnoException }));
  }

  get pid(): number | undefined {
    return this.processId;
  }

  /** True once stop() was called: an exit after it is expected, not a failure. */
  get stopped(): boolean {
    return this.stopping;
  }

  /** The tool's stdout as chunks, until it closes. */
  async *chunks(): AsyncGenerator<Uint8Array> {
    for (;;) {
      const chunk = this.queue.shift();
      if (chunk !== undefined) {
        this.worker.postMessage({ type: 'consumed', bytes: chunk.byteLength });
        yield chunk;
        continue;
      }
      if (this.ended) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  stderrText(): string {
    return this.stderr;
  }

  onLine(listener: (line: string) => void): void {
    this.lineListeners.push(listener);
  }

  signal(name: NodeJS.Signals): void {
    if (!this.finished) this.worker.postMessage({ type: 'signal', name });
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

  private onMessage(m: WorkerMessage): void {
    switch (m.type) {
      case 'data':
        this.queue.push(m.chunk);
        break;
      case 'end':
        this.ended = true;
        break;
      case 'stderr':
        this.onStderr(m.text);
        break;
      case 'pid':
        this.processId = m.pid;
        break;
      case 'error':
        this.ended = true;
        this.finish({ code: null, signal: null, spawnError: Object.assign(new Error(m.message), { code: m.code }) });
        break;
      case 'exit':
        this.ended = true;
        this.finish({ code: m.code, signal: m.signal });
        break;
    }
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private finish(exit: ToolExit): void {
    if (this.finished) return;
    this.finished = true;
    this.ended = true;
    this.resolveExit(exit);
    void this.worker.terminate();
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private onStderr(text: string): void {
    this.stderr += text;
    if (this.stderr.length > STDERR_KEEP) this.stderr = this.stderr.slice(-STDERR_KEEP);
    const lines = (this.partial + text).split(/\r?\n|\r/);
    this.partial = lines.pop() ?? '';
    for (const line of lines) if (line) for (const l of this.lineListeners) l(line);
  }
}
