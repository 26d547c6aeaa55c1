#!/usr/bin/env node
// `npm start -- [FILE]`: the desktop app when an Electron binary is installed and a display exists;
// otherwise (as on the project's build machines, where no Electron binary can be downloaded) the same
// UI from `serve` on 127.0.0.1, opened in the default browser when there is one. It never fails for
// want of Electron. It never requires('electron') either: that package downloads its binary on demand.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist', 'app');
const args = process.argv.slice(2);

/** The Electron executable when the npm package's binary is really there, else why not. */
export function electronBinary(env = process.env, platform = process.platform) {
  if (env.SIPLADDER_NO_ELECTRON) return { why: 'SIPLADDER_NO_ELECTRON is set' };
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return { why: 'no display (DISPLAY/WAYLAND_DISPLAY unset)' };
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return { why: 'the Electron binary is not installed (node_modules/electron/path.txt missing)' };
  const bin = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? { bin } : { why: `the Electron binary is not installed (${bin} missing)` };
}

async function ensureBuilt() {
  const needed = ['main.cjs', 'preload.cjs', 'serve.mjs', 'analysisWorker.mjs', join('renderer', 'index.html')];
  if (needed.every((f) => existsSync(join(dist, f)))) return;
  process.stderr.write('building the app (node app/build.mjs)…\n');
  const { buildApp } = await import('./build.mjs');
  await buildApp(dist);
}

function run(command, commandArgs) {
  return new Promise((resolveRun) => {
    const child = spawn(command, commandArgs, { stdio: 'inherit' });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', (error) => resolveRun({ code: -1, error }));
    child.on('exit', (code, signal) => resolveRun({ code: code ?? (signal ? 0 : 1) }));
  });
}

async function main() {
  await ensureBuilt();
  const electron = electronBinary();
  if (electron.bin) {
    const started = Date.now();
    const result = await run(electron.bin, [join(dist, 'main.cjs'), ...args]);
    // A quick failure (no GPU, missing libraries) falls back to the browser; a normal quit ends here.
    if (result.code === 0 || Date.now() - started > 5000) return result.code === -1 ? 1 : result.code;
    process.stderr.write(`Electron exited (${result.error?.message ?? `code ${result.code}`}); serving the UI in the browser instead.\n`);
  } else {
    process.stderr.write(`Not starting the desktop app: ${electron.why}. Serving the same UI on 127.0.0.1 instead.\n`);
  }
  const served = await run(process.execPath, [join(dist, 'serve.mjs'), ...args, '--open']);
  return served.code === -1 ? 1 : served.code;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then((code) => process.exit(code), (error) => {
    process.stderr.write(`sipladder start: ${error.stack ?? error}\n`);
    process.exit(1);
  });
}
