/** Options `capture` and `listen-hep` share: output, duration, statistics, and the memory limits. */
import type { LiveSessionOptions } from '../../core/src/pipeline/liveSession.ts';
import { DEFAULT_LIVE_LIMIT_BYTES } from '../../core/src/pipeline/liveSession.ts';
import { CliError, EXIT } from '../cliError.ts';

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
