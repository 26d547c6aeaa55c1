/**
 * The command line's options: one table for node:util parseArgs, which commands accept which, and the
 * shared help text of the filtering options.
 */
import { CliError, EXIT } from './cliError.ts';

type OptionSpec = { type: 'boolean' | 'string'; short?: string; multiple?: boolean };

export const OPTIONS: Record<string, OptionSpec> = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
  json: { type: 'boolean' },
  csv: { type: 'boolean' },
  filter: { type: 'string', short: 'f', multiple: true },
  hide: { type: 'string', multiple: true },
  call: { type: 'string', short: 'c', multiple: true },
  index: { type: 'string', short: 'n', multiple: true },
  format: { type: 'string', short: 'F' },
  table: { type: 'string' },
  output: { type: 'string', short: 'o' },
  force: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  top: { type: 'string' },
  // ladder
  width: { type: 'string', short: 'w' },
  time: { type: 'string' },
  hops: { type: 'boolean' },
  ascii: { type: 'boolean' },
  lanes: { type: 'string' },
  layout: { type: 'string' },
  // serve
  port: { type: 'string' },
  open: { type: 'boolean' },
  capture: { type: 'string', multiple: true },
  'capture-filter': { type: 'string' },
  'limit-calls': { type: 'string' },
  'limit-mb': { type: 'string' },
  tool: { type: 'string' },
};

const COMMON = ['help', 'quiet', 'filter', 'hide'];

/** Options each command accepts (besides --help). */
export const COMMAND_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  calls: [...COMMON, 'json', 'csv', 'call', 'index'],
  messages: [...COMMON, 'json', 'csv', 'call', 'index'],
  summary: [...COMMON, 'json'],
  stats: [...COMMON, 'json', 'call', 'index', 'top'],
  issues: [...COMMON, 'json', 'call', 'index'],
  export: [...COMMON, 'format', 'table', 'output', 'force', 'call', 'index'],
  ladder: [...COMMON, 'call', 'index', 'width', 'time', 'hops', 'ascii', 'lanes', 'layout', 'json'],
  // -f is the capture filter here (as in `capture -f`): serve takes no filter-language option.
  serve: ['help', 'port', 'open', 'capture', 'capture-filter', 'filter', 'limit-calls', 'limit-mb', 'tool'],
};

export const FILTER_OPTIONS_HELP = `Filtering (every command; \`sipladder help filter\` lists every field):
  -f, --filter EXPR   keep what matches EXPR, e.g. 'method == INVITE and status >= 400',
                      'from ~ "alice" or to ~ "alice"', 'outcome == cancelled', 'pdd > 2s'
                      (several --filter options must all match)
  --hide LIST         hide noise: options, register, subscribe, publish, message, info, refer, other,
                      noise (= options + register), usages (everything but calls), calls
  -q, --quiet         no progress line on the terminal`;

export const SELECT_OPTIONS_HELP = `  -c, --call ID       only the call with this Call-ID (any leg; a unique prefix is enough); repeatable
  -n, --index N       only row N of the call list (the # column of \`sipladder calls\`); repeatable, N-M ranges`;

export function checkOptions(command: string, values: Record<string, unknown>): void {
  const allowed = new Set(COMMAND_OPTIONS[command] ?? ['help']);
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || name === 'help' || name === 'version') continue;
    if (!allowed.has(name)) {
      throw new CliError(`--${name} does not apply to \`sipladder ${command}\` (run \`sipladder ${command} --help\`)`, EXIT.usage);
    }
  }
  if (values.json && values.csv) throw new CliError('choose one of --json and --csv', EXIT.usage);
}

/** A positive whole number option, or a usage error naming it. */
export function positiveInteger(name: string, text: string): number {
  if (!/^\d{1,9}$/.test(text) || Number(text) < 1) throw new CliError(`--${name}: expected a whole number ≥ 1, got '${text.slice(0, 40)}'`, EXIT.usage);
  return Number(text);
}
