/** The `sipladder` command line: argument parsing, dispatch, and errors a person understands. */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CliError, EXIT, reportCommandError } from './cliError.ts';
import type { CommandContext, OutStream } from './command.ts';
import { callsCommand, callsHelp } from './commands/calls.ts';
import { captureHelp, captureMain } from './commands/capture.ts';
import { lessonHelp, lessonMain } from './commands/lesson.ts';
import { anonymizeHelp, anonymizeMain } from './commands/anonymize.ts';
import { listenHepHelp, listenHepMain } from './commands/listenHep.ts';
import { exportCommand, exportHelp, exportNeedsReread, VERSION } from './commands/export.ts';
import { issuesCommand, issuesHelp } from './commands/issues.ts';
import { ladderCommand, ladderHelp } from './commands/ladder.ts';
import { messagesCommand, messagesHelp } from './commands/messages.ts';
import { serveCommand, serveHelp } from './commands/serve.ts';
import { statsCommand, statsHelp } from './commands/stats.ts';
import { summaryCommand, summaryHelp } from './commands/summary.ts';
import { filterHelp } from './filterHelp.ts';
import { openInput, type OpenedInput } from './openInput.ts';
import { checkOptions, OPTIONS } from './options.ts';
import { readCriteria } from './selection.ts';
import type { FilterScope } from '../core/src/analyze/filter/compileFilter.ts';

interface Command {
  readonly run: (ctx: CommandContext) => Promise<number>;
  readonly help: string;
  readonly summary: string;
  /** serve: FILE is optional. */
  readonly optionalInput?: boolean;
  /** What --filter tests (checked before any input is opened); none for serve. */
  readonly scope?: FilterScope;
}

const COMMANDS: Record<string, Command> = {
  calls: { run: callsCommand, help: callsHelp, summary: 'the call list: one row per call or other usage (the default command)', scope: 'row' },
  ladder: { run: ladderCommand, help: ladderHelp, summary: 'the ladder diagram of the selected calls in the terminal (--hops: Via, Record-Route, Route)', scope: 'row' },
  messages: { run: messagesCommand, help: messagesHelp, summary: 'every SIP message in capture order', scope: 'message' },
  stats: { run: statsCommand, help: statsHelp, summary: 'methods, responses, outcomes, PDD/setup/duration percentiles, top talkers, issues', scope: 'row' },
  issues: { run: issuesCommand, help: issuesHelp, summary: 'anomalies and parse problems grouped by code, with where they happened', scope: 'row' },
  export: { run: exportCommand, help: exportHelp, summary: 'selected calls as json, csv, pcap, pcapng, mermaid, svg or html', scope: 'row' },
  summary: { run: summaryCommand, help: summaryHelp, summary: 'frames and SIP messages, every frame accounted for, issues by code', scope: 'row' },
  serve: { run: serveCommand as Command['run'], help: serveHelp, summary: 'the app\'s user interface as a local web page', optionalInput: true },
};

/** Commands that read their own arguments (everything after the command name). */
interface OwnArgumentsCommand {
  readonly main: (argv: readonly string[], io: CliIo) => Promise<number>;
  readonly help: string;
  readonly summary: string;
}

const OWN_ARGUMENTS: Record<string, OwnArgumentsCommand> = {
  capture: {
    main: (argv, io) => captureMain(argv, { out: io.out, err: io.err, env: process.env, ...(io.stdin ? { stdin: io.stdin } : {}) }),
    help: captureHelp, summary: 'live capture on interfaces (dumpcap or tcpdump), calls printed as they complete',
  },
  'listen-hep': {
    main: (argv, io) => listenHepMain(argv, { out: io.out, err: io.err, env: process.env }),
    help: listenHepHelp, summary: 'receive HEP v1/v2/v3 on UDP/TCP (default 127.0.0.1:9060), calls printed as they complete',
  },
  lesson: {
    main: (argv, io) => lessonMain(argv, { out: io.out, err: io.err, env: process.env }),
    help: lessonHelp, summary: 'the classroom lessons: list, show, check, export; import and pack lesson files',
  },
  anonymize: {
    main: (argv, io) => anonymizeMain(argv, { out: io.out, err: io.err, ...(io.stdin ? { stdin: io.stdin } : {}) }),
    help: anonymizeHelp, summary: 'a copy of a capture with addresses, numbers, names and IDs replaced consistently',
  },
};

export const EXIT_CODES_HELP = `Exit codes:
  0   success (also when nothing matches a filter)
  2   usage error: unknown command or option, bad value, bad --filter expression, unknown --call/--index
  3   an input cannot be read: no such file, a directory, permission denied, read error
  4   an input is not a capture (pcap, pcapng, gzip of either) nor SIP text, or is empty
  5   the output cannot be written: -o exists (use --force), permission denied, disk full
  6   the capture needs more memory than this process may use (summary streams any size)
  70  internal error (a bug: please report it with the capture if you can)`;

/** One line per command, the summaries aligned one space after the longest name. */
function commandList(): string {
  const commands = [...Object.entries(COMMANDS), ...Object.entries(OWN_ARGUMENTS)];
  const width = Math.max(...commands.map(([name]) => name.length)) + 2;
  return commands.map(([name, c]) => `  ${name.padEnd(width)}${c.summary}`).join('\n');
}

function mainHelp(): string {
  return `sipladder ${VERSION} — SIP traffic analyzer and ladder-diagram visualizer

Usage: sipladder [COMMAND] FILE… [options]
       sipladder FILE…             the call list (same as: sipladder calls FILE…)

Commands:
${commandList()}

FILE is a pcap or pcapng capture (gzip-compressed or not) or plain SIP text; - reads standard input
(tcpdump -i any -U -w - port 5060 | sipladder -). Several FILEs are merged in time order.
Every command takes --filter EXPR and --hide LIST (see docs/filter-language.md), e.g.
  sipladder trace.pcap --hide noise --filter 'method == INVITE and status >= 400'
Run \`sipladder COMMAND --help\` for a command's options and examples, \`sipladder help filter\` for the
filter language.

${EXIT_CODES_HELP}`;
}

export interface CliIo {
  readonly out: OutStream;
  readonly err: OutStream;
  readonly stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
}

export async function main(argv: readonly string[], io: CliIo = { out: process.stdout, err: process.stderr }): Promise<number> {
  const opened: OpenedInput[] = [];
  try {
    const own = argv[0] !== undefined ? OWN_ARGUMENTS[argv[0]] : undefined;
    if (own !== undefined) return await own.main(argv.slice(1), io);
    let parsed;
    try {
      parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS });
    } catch (error) {
      throw new CliError(`${(error as Error).message.replace(/\. To specify a positional argument starting with a '-'.*$/s, '.')}\nRun \`sipladder --help\` for usage.`, EXIT.usage);
    }
    const { values, positionals } = parsed;
    if (values.version) {
      io.out.write(`sipladder ${VERSION}\n`);
      return EXIT.ok;
    }
    let [name, ...rest] = positionals;
    if (name !== undefined && !(name in COMMANDS) && (name === '-' || /[./\\]/.test(name) || existsSync(name))) {
      rest = [name, ...rest];
      name = 'calls';
    }
    if (name === undefined) {
      io[values.help ? 'out' : 'err'].write(mainHelp() + '\n');
      return values.help ? EXIT.ok : EXIT.usage;
    }
    if (name === 'help') {
      const topic = rest[0] !== undefined ? COMMANDS[rest[0]] ?? OWN_ARGUMENTS[rest[0]] : undefined;
      io.out.write((rest[0] === 'filter' || rest[0] === 'filters' ? filterHelp() : topic ? topic.help : mainHelp()) + '\n');
      return EXIT.ok;
    }
    const command = COMMANDS[name];
    if (!command) {
      throw new CliError(`unknown command '${name}' (and no such file). Commands: ${[...Object.keys(COMMANDS), ...Object.keys(OWN_ARGUMENTS)].join(', ')}. Run \`sipladder --help\`.`, EXIT.usage);
    }
    if (values.help) {
      io.out.write(command.help + '\n');
      return EXIT.ok;
    }
    checkOptions(name, values);
    if (rest.length === 0 && !command.optionalInput) {
      throw new CliError(`sipladder ${name}: give a capture FILE (or - for standard input).\nRun \`sipladder ${name} --help\` for usage.`, EXIT.usage);
    }
    if (rest.filter((p) => p === '-').length > 1) throw new CliError('standard input (-) can be read only once', EXIT.usage);
    if (command.optionalInput && rest.length > 1) throw new CliError(`sipladder ${name} takes at most one FILE`, EXIT.usage);
    const lists: Record<string, string[]> = {};
    const flags: Record<string, string | boolean | undefined> = {};
    for (const [key, value] of Object.entries(values)) {
      if (Array.isArray(value)) {
        lists[key] = value.map(String);
        flags[key] = value[value.length - 1];
      } else {
        flags[key] = value as string | boolean | undefined;
      }
    }
    // Bad filters, presets and options are reported before any input is opened or read.
    if (command.scope !== undefined) readCriteria({ lists }, command.scope);
    const keepCopy = name === 'export' && exportNeedsReread(values);
    for (const path of rest) opened.push(openInput(path, { keepCopy, ...(io.stdin ? { stdin: io.stdin } : {}) }));
    const ctx = { input: opened[0]!, inputs: opened, flags, lists, out: io.out, err: io.err };
    return await command.run(ctx);
  } catch (error) {
    return reportCommandError(error, io.err);
  } finally {
    for (const input of opened) input.dispose?.();
  }
}
