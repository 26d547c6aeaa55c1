/**
 * `sipladder serve [FILE] [--port N] [--open]`: the desktop app's UI as a web page on 127.0.0.1;
 * `serve --capture IFACE`: the same UI on a live capture, through the capture path of `sipladder capture`.
 */
import type { LiveCaptureConfig } from '../../app/backend/liveCapture.ts';
import { UserError } from '../../app/backend/userError.ts';
import { ServeSetupError, startServe, type Serving } from '../../app/server/serve.ts';
import { CliError, EXIT } from '../cliError.ts';
import type { CommandContext } from '../command.ts';
import { CaptureError } from '../live/captureError.ts';
import { DEFAULT_CAPTURE_FILTER, DEFAULT_FILTER_SUMMARY } from '../live/captureFilter.ts';
import { liveLimits } from '../live/liveOptions.ts';

export const serveHelp = `Usage: sipladder serve [FILE] [--port N] [--open]
       sipladder serve --capture IFACE [--capture IFACE…] [-f FILTER] [--limit-calls N|--limit-mb N] [--port N] [--open]

Serves sipladder's user interface (call list, ladder, hop annotations, message detail, statistics) as a web
page on 127.0.0.1 — for machines without the desktop app, for a remote server through an SSH tunnel, and for
tests. FILE is opened at start; other captures can be opened from the page (file picker, drag and drop).

The printed URL carries a random token made for this run: every API request must present it, so other
users of this machine cannot read the captures. Only this machine can connect (127.0.0.1).

With --capture the page shows a live capture: calls appear while they happen (the list follows the newest
until you scroll away), with packets, SIP messages, the tool's drops, calls evicted by the memory limit, a
Stop button, and "Save live capture" (all frames so far, or the calls open in the ladder) as pcapng. The
capture runs as \`sipladder capture\` runs it: dumpcap when installed, else tcpdump; only the tool needs
capture rights (see \`sipladder capture --help\`).

Options:
  --port N                listen on port N (default: a free port chosen at random)
  --open                  open the page in the default browser, when there is one
  --capture IFACE         capture live on IFACE; repeat for several (any = every interface, Linux)
  -f, --capture-filter F  capture filter, pcap-filter syntax; '' for everything.
                          Default: ${DEFAULT_FILTER_SUMMARY}
  --limit-calls N         keep at most N completed calls (the oldest are evicted, and counted)
  --limit-mb N            keep at most about N MiB of calls (default 256)
  --tool NAME             dumpcap or tcpdump (default: dumpcap when installed)

Examples:
  sipladder serve call.pcapng
  sipladder serve --port 8765 capture.pcap      # then, from your desktop:
  ssh -L 8765:127.0.0.1:8765 server             # and open the printed URL locally
  tcpdump -i any -U -w - port 5060 | sipladder serve -
  sipladder serve --capture eth0 --open
  sipladder serve --capture eth0 --capture lo -f 'port 5060 or port 5080' --limit-mb 128`;

/** The command's context; FILE is optional for serve, so `input` may be absent. `env` finds the capture tool (default process.env). */
export type ServeContext = Omit<CommandContext, 'input'> & { input?: CommandContext['input']; env?: NodeJS.ProcessEnv };

const LIVE_ONLY = ['capture-filter', 'filter', 'limit-calls', 'limit-mb', 'tool'] as const;

/** The live capture the options ask for (--capture…), or undefined; usage errors for options that do not fit. */
export function liveConfig(ctx: ServeContext): LiveCaptureConfig | undefined {
  const flag = ctx.flags.capture;
  const interfaces = ctx.lists?.capture ?? (typeof flag === 'string' ? [flag] : []);
  if (interfaces.length === 0) {
    const stray = LIVE_ONLY.find((name) => ctx.flags[name] !== undefined);
    if (stray !== undefined) throw new CliError(`--${stray === 'filter' ? 'capture-filter (-f)' : stray} goes with --capture IFACE`, EXIT.usage);
    return undefined;
  }
  if (ctx.input !== undefined) throw new CliError('choose one of FILE (or -) and --capture IFACE', EXIT.usage);
  const tool = ctx.flags.tool;
  if (tool !== undefined && tool !== 'dumpcap' && tool !== 'tcpdump') throw new CliError(`--tool: expected dumpcap or tcpdump, got '${String(tool).slice(0, 20)}'`, EXIT.usage);
  const text = (name: string): string | undefined => (typeof ctx.flags[name] === 'string' ? ctx.flags[name] as string : undefined);
  const calls = text('limit-calls');
  const mb = text('limit-mb');
  const limits = liveLimits({ ...(calls !== undefined ? { 'limit-calls': calls } : {}), ...(mb !== undefined ? { 'limit-mb': mb } : {}) });
  return {
    interfaces: [...interfaces], filter: text('capture-filter') ?? text('filter') ?? DEFAULT_CAPTURE_FILTER, limits,
    ...(tool !== undefined ? { tool } : {}), ...(ctx.env ? { env: ctx.env } : {}),
  };
}

export function parsePort(value: string | boolean | undefined): number {
  if (value === undefined) return 0;
  if (typeof value !== 'string' || !/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new CliError(`--port: expected a port number 0–65535, got '${String(value).slice(0, 20)}'`, EXIT.usage);
  }
  return Number(value);
}

/** Starts serving and prints where; the caller decides when to stop. */
export async function startServeCommand(ctx: ServeContext): Promise<Serving> {
  const port = parsePort(ctx.flags.port);
  const input = ctx.input;
  const isStdin = input?.name === '<stdin>';
  const live = liveConfig(ctx);
  let serving: Serving;
  try {
    serving = await startServe({
      port, open: ctx.flags.open === true, version: '0.1.0', ...(live ? { live } : {}),
      ...(input && !isStdin ? { file: input.name } : {}),
      ...(input && isStdin ? { stream: { name: 'standard input', chunks: input.chunks } } : {}),
      log: (line) => void ctx.err.write(line + '\n'),
    });
  } catch (error) {
    if (error instanceof CaptureError) throw new CliError(error.message, error.exitCode);
    if (error instanceof UserError) throw new CliError(error.message, EXIT.cannotRead);
    if (error instanceof ServeSetupError) throw new CliError(error.message, EXIT.internal);
    if ((error as { code?: string }).code === 'EADDRINUSE') throw new CliError(`port ${port} is already in use: choose another with --port`, EXIT.usage);
    throw error;
  }
  const what = serving.live ? `a live capture on ${serving.live.status().label}` : input ? (isStdin ? 'standard input' : input.name) : 'no capture yet (open one from the page)';
  ctx.out.write(`sipladder is serving ${what}\n\n  ${serving.server.url}\n\n`);
  ctx.out.write(serving.browserOpened ? 'Opened in your browser. ' : 'Open that URL in a browser (it holds this run\'s access token). ');
  ctx.out.write('Press Ctrl+C to stop.\n');
  return serving;
}

export async function serveCommand(ctx: ServeContext): Promise<number> {
  const serving = await startServeCommand(ctx);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await serving.close();
  return EXIT.ok;
}
