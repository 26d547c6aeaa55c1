/** For tests: runs `main()` with fake standard streams (a pipe by default, or a terminal of some width). */
import { Readable } from 'node:stream';
import { main } from './main.ts';

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
  /** Everything written to stdout as bytes (binary exports). */
  readonly bytes: Uint8Array;
}

export interface FakeTerminal {
  /** Standard output is a terminal this many columns wide. */
  readonly ttyColumns?: number;
  readonly stderrTty?: boolean;
  readonly stdin?: Uint8Array;
}

export async function runCli(args: readonly string[], terminal: FakeTerminal = {}): Promise<CliRun> {
  const outChunks: Uint8Array[] = [];
  let err = '';
  const encoder = new TextEncoder();
  const out = {
    isTTY: terminal.ttyColumns !== undefined,
    ...(terminal.ttyColumns !== undefined ? { columns: terminal.ttyColumns } : {}),
    write: (chunk: string | Uint8Array) => (outChunks.push(typeof chunk === 'string' ? encoder.encode(chunk) : chunk.slice()), true),
  };
  const errStream = { isTTY: terminal.stderrTty ?? false, columns: 100, write: (chunk: string | Uint8Array) => ((err += String(chunk)), true) };
  const stdin = Object.assign(Readable.from(terminal.stdin ? [Buffer.from(terminal.stdin)] : []), { isTTY: false });
  const code = await main(args, { out, err: errStream, stdin });
  const total = outChunks.reduce((n, c) => n + c.length, 0);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of outChunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return { code, out: new TextDecoder().decode(bytes), err, bytes };
}
