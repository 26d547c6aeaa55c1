/** What every command receives. */
import type { OpenedInput } from './openInput.ts';

/** A terminal or pipe (process.stdout/stderr) or a test's fake: text always, bytes for binary exports. */
export interface OutStream {
  write(chunk: string | Uint8Array): boolean;
  isTTY?: boolean;
  columns?: number;
}

export interface CommandContext {
  /** The first input (commands that read one). */
  readonly input: OpenedInput;
  /** Every input (several captures are merged in time order); main always sets it, [input] when absent. */
  readonly inputs?: readonly OpenedInput[];
  /** Options by long name; a repeated option holds its last value here and every value in `lists`. */
  readonly flags: Readonly<Record<string, string | boolean | undefined>>;
  readonly lists?: Readonly<Record<string, readonly string[]>>;
  readonly out: OutStream;
  readonly err: OutStream;
}

export function inputsOf(ctx: Pick<CommandContext, 'input' | 'inputs'>): readonly OpenedInput[] {
  return ctx.inputs ?? [ctx.input];
}
