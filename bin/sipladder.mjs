#!/usr/bin/env node
// Entry point installed as `sipladder`. The CLI is bundled to dist/ by `npm run build` (run by `npm ci`).
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'cli.mjs');
if (!existsSync(bundle)) {
  process.stderr.write('sipladder: the CLI is not built yet. Run `npm ci` (or `npm run build`) in ' + root + '\n');
  process.exit(70);
}

// Whole-capture commands keep every message's analysis in memory, and V8's default heap limit (~4 GB, whatever
// the machine has) aborts the process on captures of a few hundred MB. Run them with a limit of ¾ of the RAM
// (at most 32 GB) instead. Live commands (capture, listen-hep, serve) are bounded by their own limits and keep
// their signal handling, so they run in this process; SIPLADDER_NO_RESPAWN=1 or an explicit
// --max-old-space-size (NODE_OPTIONS) also keeps everything here.
const LIVE = new Set(['capture', 'listen-hep', 'serve']);
const wantedMb = Math.min(Math.floor((totalmem() / 1048576) * 0.75), 32768);
const haveMb = getHeapStatistics().heap_size_limit / 1048576;
const command = process.argv[2] ?? '';
const respawn = process.env.SIPLADDER_NO_RESPAWN !== '1' && !LIVE.has(command) && wantedMb > haveMb * 1.25 &&
  !/--max-old-space-size/.test(`${process.env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`);

if (respawn) {
  const child = spawn(process.execPath, [...process.execArgv, `--max-old-space-size=${wantedMb}`, bundle, ...process.argv.slice(2)], {
    stdio: 'inherit', env: { ...process.env, SIPLADDER_NO_RESPAWN: '1' },
  });
  // A terminal's Ctrl+C reaches both processes (one process group); a signal sent to this one is passed on.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => { if (child.exitCode === null) child.kill(signal); });
  child.on('exit', (code, signal) => {
    if (signal !== null) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    } else process.exit(code ?? 70);
  });
} else {
  await import(pathToFileURL(bundle).href);
}
