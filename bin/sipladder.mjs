#!/usr/bin/env node
// Entry point installed as `sipladder`. The CLI is bundled to dist/ by `npm run build` (run by `npm ci`).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'cli.mjs');
if (!existsSync(bundle)) {
  process.stderr.write('sipladder: the CLI is not built yet. Run `npm ci` (or `npm run build`) in ' + root + '\n');
  process.exit(70);
}
await import(pathToFileURL(bundle).href);
