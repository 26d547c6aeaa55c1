/** Errors a person understands: a message, an exit code, never a stack trace for bad input. */
export const EXIT = {
  ok: 0,
  /** The analysis ran but the input had errors worth failing a script on (only with --strict). */
  inputErrors: 1,
  /** A bad command line: unknown command or option, bad value, bad --filter expression. */
  usage: 2,
  /** An input cannot be read: missing, a directory, no permission, a read error. */
  cannotRead: 3,
  /** An input is not a capture (nor SIP text), or cannot be merged with the others. */
  unknownFormat: 4,
  /** The output cannot be written: -o exists (without --force), no permission, disk full. */
  cannotWrite: 5,
  /** The capture needs more memory than the process may use (whole-capture commands; `summary` streams). */
  outOfMemory: 6,
  internal: 70,
} as const;

export class CliError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}

/**
 * The end of a command that failed: a CliError is its message and exit code; a closed pipe (`| head`) is
 * success; anything else is a bug, reported with its stack as an internal error.
 */
export function reportCommandError(error: unknown, err: { write(text: string): unknown }): number {
  if (error instanceof CliError) {
    err.write(`sipladder: ${error.message}\n`);
    return error.exitCode;
  }
  if ((error as { code?: string }).code === 'EPIPE') return EXIT.ok;
  err.write(`sipladder: internal error: ${(error as Error).stack ?? String(error)}\n`);
  return EXIT.internal;
}
