/**
 * `sipladder listen-hep`: a HEP collector (HEPv3, and v1/v2) on UDP and TCP; calls are printed as they complete,
 * with the original addresses and times the capture agents recorded.
 */
import { parseArgs } from 'node:util';
import { CliError, EXIT } from '../cliError.ts';
import { CaptureError } from '../live/captureError.ts';
import { HepSource } from '../live/hepSource.ts';
import { LiveFeed } from '../live/liveFeed.ts';
import { liveLimits, numberOption, LIVE_OPTIONS_HELP } from '../live/liveOptions.ts';
import { runLive } from '../live/runLive.ts';
import type { LiveIo } from './capture.ts';

export const listenHepHelp = `Usage: sipladder listen-hep [--port N] [--address A] [--udp | --tcp] [--json] [--duration S]

Receives HEP (Homer Encapsulation Protocol v3, and v1/v2) from Kamailio/OpenSIPS siptrace, Asterisk
res_hep, FreeSWITCH, heplify or captagent, and prints each call as it completes — the same output as
\`sipladder capture\`. Messages keep the original addresses, transport and time the agent recorded (not the
sender's address, not the time of arrival). Listens on UDP and TCP unless told one.

Options:
  -p, --port N            port (default 9060; 0 picks free ports, printed at start)
      --address A         address to listen on (default 127.0.0.1; 0.0.0.0 or :: for agents elsewhere)
      --udp               UDP only
      --tcp               TCP only
${LIVE_OPTIONS_HELP}

Examples:
  sipladder listen-hep
  sipladder listen-hep --address 0.0.0.0 --port 9060 --json > calls.jsonl
  (Kamailio: modparam("siptrace", "duplicate_uri", "sip:COLLECTOR:9060"), hep_mode_on, hep_version 3)`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  port: { type: 'string', short: 'p' },
  address: { type: 'string' },
  udp: { type: 'boolean' },
  tcp: { type: 'boolean' },
  json: { type: 'boolean' },
  all: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  duration: { type: 'string' },
  stats: { type: 'string' },
  'limit-calls': { type: 'string' },
  'limit-mb': { type: 'string' },
} as const;

/** `sipladder listen-hep ARGS…` (argv without the command name). Returns the exit code. */
export async function listenHepMain(argv: readonly string[], io: LiveIo): Promise<number> {
  try {
    return await listenHep(argv, io);
  } catch (error) {
    if (error instanceof CliError || error instanceof CaptureError) {
      io.err.write(`sipladder listen-hep: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}

async function listenHep(argv: readonly string[], io: LiveIo): Promise<number> {
  let values;
  try {
    values = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: false, strict: true }).values;
  } catch (error) {
    throw new CliError(`${(error as Error).message}\nRun \`sipladder listen-hep --help\` for usage.`, EXIT.usage);
  }
  if (values.help) {
    io.out.write(listenHepHelp + '\n');
    return EXIT.ok;
  }
  let port = 9060;
  if (values.port !== undefined) {
    if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535) throw new CliError(`--port: expected 0–65535, got '${values.port.slice(0, 20)}'`, EXIT.usage);
    port = Number(values.port);
  }
  const limits = liveLimits(values);
  const duration = values.duration === undefined ? undefined : numberOption('duration', values.duration);
  const stats = values.stats === undefined ? undefined : numberOption('stats', values.stats);
  const source = new HepSource({
    port, ...(values.address !== undefined ? { address: values.address } : {}),
    ...(values.udp ? { udp: true } : {}), ...(values.tcp ? { tcp: true } : {}),
  });
  const ports = await source.listen();
  if (!values.quiet) io.err.write(`Listening for ${source.label}; press Ctrl+C to stop.\n`);
  io.onReady?.({ label: source.label, pids: [], ports });
  const feed = new LiveFeed(source, { session: limits });
  if (io.onEvent) feed.on(io.onEvent);
  try {
    const summary = await runLive(feed, {
      out: io.out, err: io.err, json: values.json === true, all: values.all === true, quiet: values.quiet === true,
      ...(stats !== undefined ? { statsEverySeconds: stats } : {}), ...(duration !== undefined ? { durationSeconds: duration } : {}),
      ...(io.signal ? { signal: io.signal } : {}), ...(io.env ? { env: io.env } : {}),
    });
    if (summary.error) throw summary.error;
    return EXIT.ok;
  } finally {
    await source.stop();
  }
}
