/** Opens FILE or `-` (stdin) as a stream of byte chunks for the core. Node-only: the core never touches fs. */
import { createReadStream, statSync } from 'node:fs';
import { CliError, EXIT } from './cliError.ts';

export interface OpenedInput {
  readonly name: string;
  /** Size in bytes when known (a file), for progress. */
  readonly sizeBytes?: number;
  readonly chunks: AsyncIterable<Uint8Array>;
}

const CHUNK_BYTES = 1 << 20;

export function openInput(path: string): OpenedInput {
  if (path === '-') {
    if (process.stdin.isTTY) {
      throw new CliError('reading a capture from standard input, but it is a terminal: pipe one in, e.g. `tcpdump -w - | sipladder summary -`', EXIT.usage);
    }
    return { name: '<stdin>', chunks: asUint8Chunks(process.stdin) };
  }
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new CliError(`${path} is a directory, not a capture file`, EXIT.cannotRead);
    size = stat.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(describeFsError(path, error), EXIT.cannotRead);
  }
  return { name: path, sizeBytes: size, chunks: asUint8Chunks(createReadStream(path, { highWaterMark: CHUNK_BYTES })) };
}

/** Node Buffers are Uint8Arrays already; hand the core plain views so nothing Node-specific leaks in. */
async function* asUint8Chunks(stream: AsyncIterable<Buffer | string>): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of stream) {
      if (typeof chunk === 'string') yield new TextEncoder().encode(chunk);
      else yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
  } catch (error) {
    throw new CliError(describeFsError('input', error), EXIT.cannotRead);
  }
}

function describeFsError(path: string, error: unknown): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'ENOENT': return `${path}: no such file`;
    case 'EACCES':
    case 'EPERM': return `${path}: permission denied`;
    case 'EISDIR': return `${path} is a directory, not a capture file`;
    default: return `${path}: cannot read (${(error as Error).message ?? String(error)})`;
  }
}
