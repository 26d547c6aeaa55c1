/**
 * Opens FILE or `-` (stdin) as a stream of byte chunks for the core. Node-only: the core never touches fs.
 * Standard input can be kept in a temporary file while it is read (`keepCopy`), for commands that read the
 * capture a second time (pcap export copies the selected frames from it).
 */
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError, EXIT } from './cliError.ts';

export interface OpenedInput {
  readonly name: string;
  /** Size in bytes when known (a file), for progress. */
  readonly sizeBytes?: number;
  readonly chunks: AsyncIterable<Uint8Array>;
  /** A file holding the same bytes, to read again: the file itself, or stdin's kept copy once read. */
  readonly rereadPath?: () => string | undefined;
  /** Removes a kept copy (a no-op for files). */
  readonly dispose?: () => void;
}

const CHUNK_BYTES = 1 << 20;

export interface OpenOptions {
  /** Keep a copy of standard input in a temporary file while reading it. */
  readonly keepCopy?: boolean;
  readonly stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
}

export function openInput(path: string, options: OpenOptions = {}): OpenedInput {
  if (path === '-') return openStdin(options);
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new CliError(`${path} is a directory, not a capture file`, EXIT.cannotRead);
    size = stat.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(describeFsError(path, error), EXIT.cannotRead);
  }
  return { name: path, sizeBytes: size, chunks: readFileChunks(path), rereadPath: () => path };
}

/** A file's bytes as plain Uint8Array chunks (read errors become CliErrors). */
export function readFileChunks(path: string): AsyncIterable<Uint8Array> {
  return asUint8Chunks(createReadStream(path, { highWaterMark: CHUNK_BYTES }), path);
}

function openStdin(options: OpenOptions): OpenedInput {
  const stdin = options.stdin ?? process.stdin;
  if (stdin.isTTY) {
    throw new CliError('reading a capture from standard input, but it is a terminal: pipe one in, e.g. `tcpdump -w - | sipladder -`', EXIT.usage);
  }
  const chunks = asUint8Chunks(stdin as AsyncIterable<Buffer | string>, 'standard input');
  if (!options.keepCopy) return { name: '<stdin>', chunks };
  const dir = mkdtempSync(join(tmpdir(), 'sipladder-'));
  const file = join(dir, 'stdin.capture');
  let complete = false;
  async function* teed(): AsyncGenerator<Uint8Array> {
    const fd = openSync(file, 'w');
    try {
      for await (const chunk of chunks) {
        writeSync(fd, chunk);
        yield chunk;
      }
      complete = true;
    } finally {
      closeSync(fd);
    }
  }
  return {
    name: '<stdin>', chunks: teed(), rereadPath: () => (complete ? file : undefined),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Node Buffers are Uint8Arrays already; hand the core plain views so nothing Node-specific leaks in. */
async function* asUint8Chunks(stream: AsyncIterable<Buffer | string>, name: string): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of stream) {
      if (typeof chunk === 'string') yield new TextEncoder().encode(chunk);
      else yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(describeFsError(name, error), EXIT.cannotRead);
  }
}

export function describeFsError(path: string, error: unknown): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'ENOENT': return `${path}: no such file`;
    case 'EACCES':
    case 'EPERM': return `${path}: permission denied`;
    case 'EISDIR': return `${path} is a directory, not a capture file`;
    default: return `${path}: cannot read (${(error as Error).message ?? String(error)})`;
  }
}
