/** The `sipladder` command line: argument parsing, dispatch, and errors a person understands. */
import { parseArgs } from 'node:util';
import { CliError, EXIT } from './cliError.ts';
import type { CommandContext } from './command.ts';
import { callsCommand, callsHelp } from './commands/calls.ts';
import { messagesCommand, messagesHelp } from './commands/messages.ts';
import { summaryCommand, summaryHelp } from './commands/summary.ts';
import { openInput } from './openInput.ts';

interface Command {
  readonly run: (ctx: CommandContext) => Promise<number>;
  readonly help: string;
  readonly summary: string;
}

const COMMANDS: Record<string, Command> = {
  calls: { run: callsCommand, help: callsHelp, summary: 'one row per call: start, from, to, outcome, status, PDD, duration, legs (--json, --csv)' },
  summary: { run: summaryCommand, help: summaryHelp, summary: 'frames, SIP messages, every frame accounted for, issues by code' },
  messages: { run: messagesCommand, help: messagesHelp, summary: 'every SIP message in capture order (--json: one object per line)' },
};

const MAIN_HELP = `sipladder — SIP traffic analyzer and ladder-diagram visualizer

Usage: sipladder COMMAND FILE [options]
       sipladder FILE            (same as: sipladder summary FILE)

Commands:
${Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)}${c.summary}`).join('\n')}

FILE is a pcap or pcapng capture (gzip-compressed or not) or plain SIP text; - reads standard input.
Run \`sipladder COMMAND --help\` for a command's options and examples.

Exit codes: 0 success; 2 usage error; 3 the input cannot be read; 4 the input is not a capture;
70 internal error (a bug: please report it with the capture if you can).`;

export async function main(argv: readonly string[], io = { out: process.stdout, err: process.stderr }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: { json: { type: 'boolean' }, csv: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, version: { type: 'boolean' } },
    });
  } catch (error) {
    io.err.write(`sipladder: ${(error as Error).message}\nRun \`sipladder --help\` for usage.\n`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.out.write('sipladder 0.1.0\n');
    return EXIT.ok;
  }
  let [name, ...rest] = positionals;
  if (name !== undefined && !(name in COMMANDS) && (name === '-' || /[./\\]/.test(name))) {
    rest = [name, ...rest];
    name = 'summary';
  }
  if (name === undefined) {
    io[values.help ? 'out' : 'err'].write(MAIN_HELP + '\n');
    return values.help ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err.write(`sipladder: unknown command '${name}'. Commands: ${Object.keys(COMMANDS).join(', ')}.\n`);
    return EXIT.usage;
  }
  if (values.help) {
    io.out.write(command.help + '\n');
    return EXIT.ok;
  }
  if (rest.length !== 1) {
    io.err.write(`sipladder ${name}: expected one FILE (or - for standard input), got ${rest.length}.\n\n${command.help}\n`);
    return EXIT.usage;
  }
  try {
    const input = openInput(rest[0]!);
    return await command.run({ input, flags: values, out: io.out, err: io.err });
  } catch (error) {
    if (error instanceof CliError) {
      io.err.write(`sipladder: ${error.message}\n`);
      return error.exitCode;
    }
    if ((error as { code?: string }).code === 'EPIPE') return EXIT.ok;
    io.err.write(`sipladder: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return EXIT.internal;
  }
}
