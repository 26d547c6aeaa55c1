/**
 * A live capture on one or more interfaces through dumpcap (one process, pcapng) or tcpdump (one process per
 * interface, relayed as pcapng). sipladder itself never needs privileges: only the tool does (see
 * captureError.ts for how to grant them). The bytes stream into the same reader as capture files.
 */
import { CaptureError, classifyToolFailure, permissionHint } from './captureError.ts';
import { dumpcapArguments, findCaptureTool, tcpdumpArguments, tcpdumpBufferMiB, type CaptureTool } from './captureTool.ts';
import { relayAsPcapng } from './pcapngRelay.ts';
import { ToolProcess, type ToolExit } from './toolProcess.ts';
import { parseDumpcapDrops, parseTcpdumpDrops, type InterfaceDrops } from './toolStats.ts';

export interface InterfaceCaptureOptions {
  readonly interfaces: readonly string[];
  /** BPF capture filter ('' for none). */
  readonly filter: string;
  /** Insist on a tool; default dumpcap when on PATH, else tcpdump. */
  readonly tool?: CaptureTool['name'];
  readonly env?: NodeJS.ProcessEnv;
}

export interface ToolDrops {
  /** Sum over interfaces; undefined until the tool has told (dumpcap: when it stops). */
  readonly drops?: number;
  readonly interfaces: readonly InterfaceDrops[];
}

export class InterfaceCapture {
  readonly tool: CaptureTool;
  readonly interfaces: readonly string[];
  /** Resolves once every interface is capturing; rejects with a CaptureError if the tool fails first. */
  readonly ready: Promise<void>;
  private readonly processes: ToolProcess[];
  private readonly drops = new Map<number, InterfaceDrops[]>();
  /** tcpdump's "N packets received by filter" line, waiting for its "dropped by kernel" line. */
  private readonly pendingReceived = new Map<number, number>();
  private stopping = false;
  private failure: Promise<CaptureError | undefined> | undefined;

  constructor(options: InterfaceCaptureOptions) {
    if (options.interfaces.length === 0) throw new CaptureError('no-such-interface', 'no interface given: choose one with -i (`sipladder capture --list` shows them)');
    this.tool = findCaptureTool(options.tool, options.env);
    this.interfaces = options.interfaces;
    const env = options.env ?? process.env;
    this.processes = this.tool.name === 'dumpcap'
      ? [new ToolProcess(this.tool.path, dumpcapArguments(options.interfaces, options.filter), env)]
      : options.interfaces.map((i) => new ToolProcess(this.tool.path, tcpdumpArguments(i, options.filter, tcpdumpBufferMiB(i)), env));
    this.processes.forEach((p, i) => p.onLine((line) => this.onLine(i, line)));
    this.ready = Promise.all(this.processes.map((p) => this.readyOf(p))).then(() => undefined);
    this.ready.catch(() => undefined);
  }

  get label(): string {
    return `${this.interfaces.join(', ')} (${this.tool.name})`;
  }

  get pids(): number[] {
    return this.processes.flatMap((p) => (p.pid === undefined ? [] : [p.pid]));
  }

  /** pcapng bytes until the capture stops; throws a CaptureError when a tool fails or an interface goes away. */
  async *chunks(): AsyncGenerator<Uint8Array> {
    const source = this.tool.name === 'dumpcap'
      ? this.processes[0]!.chunks()
      : relayAsPcapng(this.processes.map((p, i) => ({ name: this.interfaces[i]!, chunks: this.watch(p) })));
    yield* source;
    const error = await this.checkExits();
    if (error !== undefined) throw error;
  }

  /** Asks tcpdump for its counters now (SIGUSR1); dumpcap only reports when it stops. */
  pollDrops(): void {
    if (this.tool.name === 'tcpdump') for (const p of this.processes) p.signal('SIGUSR1');
  }

  toolDrops(): ToolDrops {
    const interfaces = [...this.drops.values()].flat();
    const known = this.drops.size === this.processes.length || (this.tool.name === 'dumpcap' && this.drops.size > 0);
    return { ...(known ? { drops: interfaces.reduce((n, d) => n + d.dropped, 0) } : {}), interfaces };
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.processes.map((p) => p.stop()));
  }

  /** One tcpdump's stdout; when it ends on its own (a failure), the others are stopped too. */
  private async *watch(p: ToolProcess): AsyncGenerator<Uint8Array> {
    yield* p.chunks();
    if (!this.stopping) {
      const exit = await p.exited;
      if (this.failureOf(p, exit) !== undefined) void this.stop();
    }
  }

  private checkExits(): Promise<CaptureError | undefined> {
    this.failure ??= (async () => {
      const exits = await Promise.all(this.processes.map((p) => p.exited));
      for (let i = 0; i < exits.length; i++) {
        const error = this.failureOf(this.processes[i]!, exits[i]!);
        if (error !== undefined) return error;
      }
      return undefined;
    })();
    return this.failure;
  }

  private failureOf(p: ToolProcess, exit: ToolExit): CaptureError | undefined {
    const which = this.tool.name === 'dumpcap' ? this.interfaces : [this.interfaces[this.processes.indexOf(p)]!];
    if (exit.spawnError !== undefined) {
      if (exit.spawnError.code === 'EACCES') {
        return new CaptureError('permission', `you may not run ${this.tool.path} (${exit.spawnError.code}). ${permissionHint(this.tool.name, this.tool.path)}`);
      }
      return new CaptureError('missing-tool', `${this.tool.path} could not be started (${exit.spawnError.code ?? exit.spawnError.message})`);
    }
    const stderr = p.stderrText();
    const vanished = /no longer attached|interface disappeared|interface went down/i.test(stderr);
    if (exit.code === 0 && !vanished) return undefined;
    if (p.stopped && !vanished && (exit.code === 0 || exit.signal !== null || exit.code === 130 || exit.code === 143)) return undefined;
    return classifyToolFailure(this.tool.name, this.tool.path, which, stderr, exit.code);
  }

  private readyOf(p: ToolProcess): Promise<void> {
    // dumpcap names the output file once every interface is open; tcpdump says "listening on" once active.
    const marker = this.tool.name === 'dumpcap' ? /^File: / : /listening on /;
    return new Promise((resolve, reject) => {
      p.onLine((line) => {
        if (marker.test(line)) resolve();
      });
      void p.exited.then((exit) => {
        const error = this.failureOf(p, exit);
        if (error) reject(error);
        else reject(new CaptureError('tool-failed', `${this.tool.name} exited before the capture started`));
      });
    });
  }

  private onLine(index: number, line: string): void {
    if (this.tool.name === 'tcpdump') {
      const drops = parseTcpdumpDrops(line);
      // The final report spreads over three lines: "N packets dropped by kernel" comes last.
      if (drops !== undefined) this.drops.set(index, [{ name: this.interfaces[index]!, ...drops }]);
      else if (/packets? received by filter/.test(line)) this.pendingReceived.set(index, Number(/(\d+)/.exec(line)![1]));
      const received = this.pendingReceived.get(index);
      if (drops !== undefined && drops.received === undefined && received !== undefined) {
        this.drops.set(index, [{ name: this.interfaces[index]!, received, dropped: drops.dropped }]);
      }
      return;
    }
    const parsed = parseDumpcapDrops(line);
    if (parsed.length > 0) this.drops.set(this.drops.size, parsed);
  }
}
