// Bundles the CLI and the app into dist/ with esbuild (about a second). Run by `npm ci` (prepare) and before tests/bench.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const entry = 'cli/bin.ts';
if (!existsSync(entry)) process.exit(0);
// The app (renderer, analysis worker, Electron main/preload) goes to dist/app/; `sipladder serve` serves it from there.
if (existsSync('app/build.mjs')) {
  const { buildApp } = await import('../app/build.mjs');
  await buildApp();
}
await build({
  entryPoints: { cli: entry },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: ['electron'],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
