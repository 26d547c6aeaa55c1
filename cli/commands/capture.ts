/**
 * `sipladder capture`: live capture on interfaces (through dumpcap or tcpdump, which alone need capture rights),
 * or live-style reading of a capture file or standard input; calls are printed as they complete.
 */
import { CliError, EXIT } from '../cliError.ts';
import type { OutStream } from '../command.ts';
import { openInput } from '../openInput.ts';
import { DEFAULT_CAPTURE_FILTER, DEFAULT_FILTER_SUMMARY } from '../live/captureFilter.ts';
import { CaptureRingWriter } from '../live/captureRing.ts';
import { CaptureFileWriter } from '../live/captureWriter.ts';
import { CaptureSource, type ByteInput } from '../live/captureSource.ts';
import { findCaptureTool } from '../live/captureTool.ts';
import { InterfaceCapture } from '../live/interfaceCapture.ts';
import { LiveFeed, type FeedEvent } from '../live/liveFeed.ts';
import { formatInterfaceList, listNetworkInterfaces } from '../live/networkInterfaces.ts';
import { runLive } from '../live/runLive.ts';
import { LIVE_OPTIONS, LIVE_OPTIONS_HELP, liveLimits, liveOutputOptions, numberOption, parseLiveArgs, runLiveCommand } from '../live/liveOptions.ts';

export const captureHelp = `Usage: sipladder capture -i IFACE [-i IFACE…] [-f FILTER] [--write FILE.pcapng] [--duration S] [--json]
       sipladder capture -r FILE|-      (the same live output from a capture file or standard input)
       sipladder capture --list         (the interfaces you can capture on)

Captures SIP on network interfaces and prints each call as it completes (start, outcome, final status,
post-dial delay, duration, messages, caller → callee, Call-ID), with packets, SIP messages and the drops the
capture tool reports on a statistics line (on a terminal), and a summary when it stops (Ctrl-C, SIGTERM or
--duration). Long captures keep bounded memory: beyond --limit-calls/--limit-mb the oldest completed calls are
evicted, and counted.

Capturing runs dumpcap (Wireshark, Debian package wireshark-common) when installed, else tcpdump (package
tcpdump); only that tool needs capture rights — sipladder never needs root. To capture as a normal user:
  dumpcap: sudo dpkg-reconfigure wireshark-common (Yes); sudo usermod -aG wireshark $USER; log in again
           (or: sudo setcap cap_net_raw,cap_net_admin+eip /usr/bin/dumpcap)
  tcpdump: sudo setcap cap_net_raw,cap_net_admin+eip $(command -v tcpdump)
  or capture as root elsewhere and pipe it in: sudo tcpdump -i eth0 -U -w - port 5060 | sipladder capture -r -

Options:
  -i, --interface IF      capture on IF; repeat for several (any = every interface, Linux)
  -f, --capture-filter F  capture filter, pcap-filter syntax (man 7 pcap-filter); '' for everything.
                          Default: ${DEFAULT_FILTER_SUMMARY}
  -r, --read FILE         read FILE (pcap, pcapng, gzip) or - (standard input) instead of capturing
  -w, --write FILE        also save everything captured (pcapng; with -r, the bytes read)
      --ring N            with --write: keep a ring of N files (FILE_00001_<time>.pcapng, …), deleting the
                          oldest as a new one starts, so a capture left running keeps a bounded window on disk
      --ring-mb M         with --ring: start a new file every M MB (default 100)
      --force             overwrite the --write FILE
      --tool NAME         dumpcap or tcpdump (default: dumpcap when installed)
      --list              list the interfaces (name, state, description, addresses) and exit
${LIVE_OPTIONS_HELP}

Examples:
  sipladder capture -i eth0
  sipladder capture -i eth0 -i lo -f 'port 5060 or port 5080' --write calls.pcapng --duration 600
  sipladder capture -i eth0 --write /var/tmp/sip.pcapng --ring 24 --ring-mb 500 --quiet
  sipladder capture -i any --json | jq -c 'select(.outcome != "answered")'
  ssh pbx 'tcpdump -i any -U -w - port 5060' | sipladder capture -r -`;

const OPTIONS = {
  ...LIVE_OPTIONS,
  interface: { type: 'string', short: 'i', multiple: true },
  'capture-filter': { type: 'string', short: 'f' },
  read: { type: 'string', short: 'r' },
  write: { type: 'string', short: 'w' },
  force: { type: 'boolean' },
  tool: { type: 'string' },
  list: { type: 'boolean' },
  ring: { type: 'string' },
  'ring-mb': { type: 'string' },
} as const;

export interface LiveIo {
  readonly out: OutStream;
  readonly err: OutStream;
  /** Standard input for `-r -` (default process.stdin). */
  readonly stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly env?: NodeJS.ProcessEnv;
  /** Stops the capture when aborted; without it, SIGINT and SIGTERM do. */
  readonly signal?: AbortSignal;
  /** Called once the capture is running (every interface open, or the HEP ports bound). */
  readonly onReady?: (info: { label: string; pids: number[]; ports?: { udp?: number; tcp?: number } }) => void;
  /** Every event of the live feed (completed calls with their correlation detail, statistics), for embedders and tests. */
  readonly onEvent?: (event: FeedEvent) => void;
}

/** `sipladder capture ARGS…` (argv without the command name). Returns the exit code. */
export function captureMain(argv: readonly string[], io: LiveIo): Promise<number> {
  return runLiveCommand('capture', io.err, () => capture(argv, io));
}

async function capture(argv: readonly string[], io: LiveIo): Promise<number> {
  const values = parseLiveArgs('capture', argv, OPTIONS);
  if (values.help) {
    io.out.write(captureHelp + '\n');
    return EXIT.ok;
  }
  const env = io.env ?? process.env;
  if (values.list) return list(io, env, values.json === true);
  const interfaces = values.interface ?? [];
  if (interfaces.length === 0 && values.read === undefined) {
    throw new CliError('choose interfaces with -i (see `sipladder capture --list`), or read a capture with -r FILE|-', EXIT.usage);
  }
  if (interfaces.length > 0 && values.read !== undefined) throw new CliError('choose one of -i (capture) and -r (read)', EXIT.usage);
  if (values.tool !== undefined && values.tool !== 'dumpcap' && values.tool !== 'tcpdump') {
    throw new CliError(`--tool: expected dumpcap or tcpdump, got '${values.tool.slice(0, 20)}'`, EXIT.usage);
  }
  const limits = liveLimits(values);
  const output = liveOutputOptions(values);

  // The output file first: a refusal must not leave a capture tool running.
  if ((values.ring !== undefined || values['ring-mb'] !== undefined) && values.write === undefined) {
    throw new CliError('--ring saves files: give their name with --write FILE', EXIT.usage);
  }
  const writer = values.write === undefined ? undefined : values.ring !== undefined
    ? new CaptureRingWriter(values.write, {
      files: numberOption('ring', values.ring), fileBytes: numberOption('ring-mb', values['ring-mb'] ?? '100') * 1_000_000,
    }, values.force === true)
    : new CaptureFileWriter(values.write, values.force === true);
  let input: ByteInput;
  let capture: InterfaceCapture | undefined;
  try {
    if (values.read !== undefined) {
      const opened = openInput(values.read, io.stdin ? { stdin: io.stdin } : {});
      input = { label: opened.name === '<stdin>' ? 'standard input' : opened.name, chunks: () => opened.chunks };
    } else {
      capture = new InterfaceCapture({ interfaces, filter: values['capture-filter'] ?? DEFAULT_CAPTURE_FILTER, tool: values.tool, env });
      const c = capture;
      input = { label: c.label, chunks: () => c.chunks(), stop: () => c.stop(), toolDrops: () => c.toolDrops(), pollDrops: () => c.pollDrops() };
    }
    const w = writer;
    const source = new CaptureSource(input, w ? (chunk) => w.write(chunk) : undefined);
    const feed = new LiveFeed(source, { session: limits });
    if (io.onEvent) feed.on(io.onEvent);
    if (capture) {
      const c = capture;
      c.ready.then(() => {
        if (!values.quiet) io.err.write(`Capturing on ${c.label}; press Ctrl+C to stop.\n`);
        io.onReady?.({ label: c.label, pids: c.pids });
      }, () => undefined);
    } else {
      io.onReady?.({ label: input.label, pids: [] });
    }
    const summary = await runLive(feed, {
      ...output, out: io.out, err: io.err, ...(capture ? { tool: capture.tool.name } : {}), ...(io.signal ? { signal: io.signal } : {}), env,
    });
    if (writer && !values.quiet && !values.json) io.err.write(`${savedLine(writer)}\n`);
    if (summary.error) throw summary.error;
    if (values.read !== undefined && source.contentFormat === 'unknown') {
      throw new CliError(`${input.label}: not a capture this tool reads (expected pcap, pcapng, gzip of either, or plain SIP text)`, EXIT.unknownFormat);
    }
    return EXIT.ok;
  } finally {
    await capture?.stop();
    writer?.close();
  }
}

function list(io: LiveIo, env: NodeJS.ProcessEnv, json: boolean): number {
  const interfaces = listNetworkInterfaces();
  let tool: string;
  try {
    const t = findCaptureTool(undefined, env);
    tool = `${t.name} (${t.path})`;
  } catch (error) {
    tool = `none — ${(error as Error).message}`;
  }
  if (json) {
    io.out.write(JSON.stringify({ interfaces, tool, defaultFilter: DEFAULT_CAPTURE_FILTER }) + '\n');
    return EXIT.ok;
  }
  io.out.write(formatInterfaceList(interfaces) + '\n\n');
  io.out.write(`Capture tool: ${tool}\nDefault capture filter: ${DEFAULT_FILTER_SUMMARY}\n`);
  return EXIT.ok;
}

function savedLine(writer: CaptureFileWriter | CaptureRingWriter): string {
  if (writer instanceof CaptureFileWriter) return `Saved ${(writer.bytes / 1e6).toFixed(1)} MB to ${writer.path}.`;
  const kept = Math.min(writer.written.length, writer.ring.files);
  return `Saved ${(writer.bytes / 1e6).toFixed(1)} MB in ${writer.written.length} ring file(s); the last ${kept} are kept, ` +
    `the newest is ${writer.currentPath ?? writer.path}.`;
}
