// Bundles the CLI into dist/ with esbuild (~30 ms). Run by `npm ci` (prepare) and before tests/bench.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const entry = 'cli/bin.ts';
if (!existsSync(entry)) process.exit(0);
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
