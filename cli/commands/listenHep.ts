/**
 * `sipladder listen-hep`: a HEP collector (HEPv3, and v1/v2) on UDP and TCP; calls are printed as they complete,
 * with the original addresses and times the capture agents recorded.
 */
import { CliError, EXIT } from '../cliError.ts';
import { HepSource } from '../live/hepSource.ts';
import { LiveFeed } from '../live/liveFeed.ts';
import { LIVE_OPTIONS, LIVE_OPTIONS_HELP, liveLimits, liveOutputOptions, parseLiveArgs, runLiveCommand } from '../live/liveOptions.ts';
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
  ...LIVE_OPTIONS,
  port: { type: 'string', short: 'p' },
  address: { type: 'string' },
  udp: { type: 'boolean' },
  tcp: { type: 'boolean' },
} as const;

/** `sipladder listen-hep ARGS…` (argv without the command name). Returns the exit code. */
export function listenHepMain(argv: readonly string[], io: LiveIo): Promise<number> {
  return runLiveCommand('listen-hep', io.err, () => listenHep(argv, io));
}

async function listenHep(argv: readonly string[], io: LiveIo): Promise<number> {
  const values = parseLiveArgs('listen-hep', argv, OPTIONS);
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
  const output = liveOutputOptions(values);
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
      ...output, out: io.out, err: io.err, ...(io.signal ? { signal: io.signal } : {}), ...(io.env ? { env: io.env } : {}),
    });
    if (summary.error) throw summary.error;
    return EXIT.ok;
  } finally {
    await source.stop();
  }
}
