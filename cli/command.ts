/** What every command receives. */
import type { OpenedInput } from './openInput.ts';

export interface CommandContext {
  readonly input: OpenedInput;
  readonly flags: Readonly<Record<string, string | boolean | undefined>>;
  readonly out: NodeJS.WriteStream | { write(text: string): boolean; isTTY?: boolean };
  readonly err: NodeJS.WriteStream | { write(text: string): boolean; isTTY?: boolean };
}
