/** `sipladder serve [FILE] [--port N] [--open]`: the desktop app's UI as a web page on 127.0.0.1. */
import { UserError } from '../../app/backend/userError.ts';
import { ServeSetupError, startServe, type Serving } from '../../app/server/serve.ts';
import { CliError, EXIT } from '../cliError.ts';
import type { CommandContext } from '../command.ts';

export const serveHelp = `Usage: sipladder serve [FILE] [--port N] [--open]

Serves sipladder's user interface (call list, ladder, hop annotations, message detail, statistics) as a web
page on 127.0.0.1 — for machines without the desktop app, for a remote server through an SSH tunnel, and for
tests. FILE is opened at start; other captures can be opened from the page (file picker, drag and drop).

The printed URL carries a random token made for this run: every API request must present it, so other
users of this machine cannot read the captures. Only this machine can connect (127.0.0.1).

Options:
  --port N   listen on port N (default: a free port chosen at random)
  --open     open the page in the default browser, when there is one

Examples:
  sipladder serve call.pcapng
  sipladder serve --port 8765 capture.pcap      # then, from your desktop:
  ssh -L 8765:127.0.0.1:8765 server             # and open the printed URL locally
  tcpdump -i any -U -w - port 5060 | sipladder serve -`;

/** The command's context; FILE is optional for serve, so `input` may be absent. */
export type ServeContext = Omit<CommandContext, 'input'> & { input?: CommandContext['input'] };

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
  let serving: Serving;
  try {
    serving = await startServe({
      port, open: ctx.flags.open === true, version: '0.1.0',
      ...(input && !isStdin ? { file: input.name } : {}),
      ...(input && isStdin ? { stream: { name: 'standard input', chunks: input.chunks } } : {}),
      log: (line) => void ctx.err.write(line + '\n'),
    });
  } catch (error) {
    if (error instanceof UserError) throw new CliError(error.message, EXIT.cannotRead);
    if (error instanceof ServeSetupError) throw new CliError(error.message, EXIT.internal);
    if ((error as { code?: string }).code === 'EADDRINUSE') throw new CliError(`port ${port} is already in use: choose another with --port`, EXIT.usage);
    throw error;
  }
  const what = input ? (isStdin ? 'standard input' : input.name) : 'no capture yet (open one from the page)';
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
