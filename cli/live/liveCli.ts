/**
 * A stand-alone entry for the live commands (`capture`, `listen-hep`), for the soak benchmark and for running
 * them before they are dispatched from cli/main.ts: `node liveCli.mjs capture -i lo …`.
 */
import { captureMain } from '../commands/capture.ts';
import { listenHepMain } from '../commands/listenHep.ts';

const [command, ...args] = process.argv.slice(2);
const io = { out: process.stdout, err: process.stderr };
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
});
if (command === 'capture') process.exitCode = await captureMain(args, io);
else if (command === 'listen-hep') process.exitCode = await listenHepMain(args, io);
else {
  process.stderr.write('usage: liveCli capture|listen-hep [options] (see --help of each)\n');
  process.exitCode = 2;
}
