// Bundles the app with esbuild into dist/app/ (about a second):
//   renderer/      index.html, app.css, app.js   (browser, IIFE: no inline script, CSP script-src 'self')
//   analysisWorker.mjs                          (Node worker thread: the core pipeline, correlation, analysis)
//   serve.mjs                                   (standalone `serve`, used by app/start.mjs)
//   main.cjs, preload.cjs                       (Electron main and sandboxed preload; 'electron' stays external)
// Usage: node app/build.mjs [OUTDIR]   — or import { buildApp } from './app/build.mjs'.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildApp(outdir = join(root, 'dist', 'app')) {
  const started = Date.now();
  mkdirSync(join(outdir, 'renderer'), { recursive: true });
  const common = { bundle: true, sourcemap: true, logLevel: 'warning', absWorkingDir: root, legalComments: 'none' };
  const nodeBanner = { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" };
  await Promise.all([
    build({ ...common, entryPoints: ['app/renderer/main.ts'], outfile: join(outdir, 'renderer', 'app.js'), platform: 'browser', format: 'iife', target: ['chrome120'] }),
    build({ ...common, entryPoints: ['app/backend/analysisWorker.ts'], outfile: join(outdir, 'analysisWorker.mjs'), platform: 'node', format: 'esm', target: 'node20', banner: nodeBanner }),
    build({ ...common, entryPoints: ['app/server/serveMain.ts'], outfile: join(outdir, 'serve.mjs'), platform: 'node', format: 'esm', target: 'node20', banner: nodeBanner }),
    build({ ...common, entryPoints: ['app/main/main.ts'], outfile: join(outdir, 'main.cjs'), platform: 'node', format: 'cjs', target: 'node20', external: ['electron'] }),
    build({ ...common, entryPoints: ['app/preload/preload.ts'], outfile: join(outdir, 'preload.cjs'), platform: 'node', format: 'cjs', target: 'node20', external: ['electron'] }),
  ]);
  copyFileSync(join(root, 'app/renderer/index.html'), join(outdir, 'renderer', 'index.html'));
  copyFileSync(join(root, 'app/renderer/styles/app.css'), join(outdir, 'renderer', 'app.css'));
  copyFileSync(join(root, 'app/renderer/styles/classroom.css'), join(outdir, 'renderer', 'classroom.css'));
  return { outdir, ms: Date.now() - started };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { outdir, ms } = await buildApp(process.argv[2] ? resolve(process.argv[2]) : undefined);
  console.log(`app built into ${outdir} in ${ms} ms`);
}
