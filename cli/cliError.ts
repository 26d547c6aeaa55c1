/** Errors a person understands: a message, an exit code, never a stack trace for bad input. */
export const EXIT = {
  ok: 0,
  /** The analysis ran but the input had errors worth failing a script on (only with --strict). */
  inputErrors: 1,
  usage: 2,
  cannotRead: 3,
  unknownFormat: 4,
  internal: 70,
} as const;

export class CliError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}
