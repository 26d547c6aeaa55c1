/** Options `capture` and `listen-hep` share: output, duration, statistics, and the memory limits. */
import type { LiveSessionOptions } from '../../core/src/pipeline/liveSession.ts';
import { DEFAULT_LIVE_LIMIT_BYTES } from '../../core/src/pipeline/liveSession.ts';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError, EXIT } from '../cliError.ts';
import type { OutStream } from '../command.ts';
import { CaptureError } from './captureError.ts';
import type { RunLiveOptions } from './runLive.ts';

/** The parseArgs options behind LIVE_OPTIONS_HELP, for `capture` and `listen-hep` to spread into theirs. */
export const LIVE_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  all: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  duration: { type: 'string' },
  stats: { type: 'string' },
  'limit-calls': { type: 'string' },
  'limit-mb': { type: 'string' },
} as const;

type LiveValues = {
  json?: boolean; all?: boolean; quiet?: boolean; duration?: string; stats?: string; 'limit-calls'?: string; 'limit-mb'?: string;
};

export const LIVE_OPTIONS_HELP = `      --json              one JSON object per line per completed call (the fields of \`calls --json\`,
                          plus event, id, closedBy, updates), and a final {"event":"summary"} line
      --all               also print registrations, OPTIONS, subscriptions and other non-call dialogs
      --duration S        stop after S seconds
      --stats S           statistics every S seconds (stderr; JSON lines on stdout with --json);
                          on a terminal a statistics line is redrawn every second anyway
      --limit-calls N     keep at most N completed calls in memory (the oldest are evicted, and counted)
      --limit-mb N        keep at most about N MiB of calls in memory (default ${DEFAULT_LIVE_LIMIT_BYTES / 1024 / 1024})
  -q, --quiet             no statistics line, no summary`;

/** A positive number (fractions allowed), or a usage error naming the option. */
export function numberOption(name: string, text: string): number {
  const value = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(value > 0)) throw new CliError(`--${name}: expected a number > 0, got '${text.slice(0, 40)}'`, EXIT.usage);
  return value;
}

export function liveLimits(values: { 'limit-calls'?: string; 'limit-mb'?: string }): LiveSessionOptions {
  const calls = values['limit-calls'];
  const mb = values['limit-mb'];
  if (calls !== undefined && !/^\d{1,9}$/.test(calls)) throw new CliError(`--limit-calls: expected a whole number ≥ 1, got '${calls.slice(0, 40)}'`, EXIT.usage);
  return {
    ...(calls !== undefined ? { limitCalls: Math.max(1, Number(calls)) } : {}),
    ...(mb !== undefined ? { limitBytes: Math.round(numberOption('limit-mb', mb) * 1024 * 1024) } : {}),
  };
}

/** A live command's arguments, or a usage error pointing at its --help. */
export function parseLiveArgs<O extends NonNullable<ParseArgsConfig['options']>>(command: string, argv: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: false, strict: true }).values;
  } catch (error) {
    throw new CliError(`${(error as Error).message}\nRun \`sipladder ${command} --help\` for usage.`, EXIT.usage);
  }
}

/** Runs a live command, turning its refusals (usage, capture tool) into the message and exit code users see. */
export async function runLiveCommand(command: string, err: OutStream, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof CliError || error instanceof CaptureError) {
      err.write(`sipladder ${command}: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}

/** What the shared options say about printing the feed (runLive's options other than the streams and the tool). */
export function liveOutputOptions(values: LiveValues): Omit<RunLiveOptions, 'out' | 'err' | 'tool' | 'signal' | 'env'> {
  const duration = values.duration === undefined ? undefined : numberOption('duration', values.duration);
  const stats = values.stats === undefined ? undefined : numberOption('stats', values.stats);
  return {
    json: values.json === true, all: values.all === true, quiet: values.quiet === true,
    ...(stats !== undefined ? { statsEverySeconds: stats } : {}), ...(duration !== undefined ? { durationSeconds: duration } : {}),
  };
}
