/** Captures the app's tests read (Node only: tests run in Node; the engine itself never touches fs). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export const TRAPEZOID_PATH = `${root}fixtures/samples/trapezoid/trapezoid.pcap`;
export const HOSTILE_PATH = `${root}fixtures/hostile/hostile.pcap`;

export function readCapture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

/** Splits bytes into chunks of `size` (the engine must not care where chunks end). */
export function chunked(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}
