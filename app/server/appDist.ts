/**
 * Finds the built app (dist/app: renderer files, analysis worker) from wherever this code runs: bundled
 * into dist/cli.mjs or dist/app/serve.mjs, or from source under app/server. SIPLADDER_APP_DIST overrides.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export interface AppDist {
  root: string;
  renderer: string;
  worker: string;
}

export function isAppDist(root: string): boolean {
  return existsSync(join(root, 'renderer', 'index.html')) && existsSync(join(root, 'analysisWorker.mjs'));
}

export function findAppDist(moduleUrl: string = import.meta.url, env: NodeJS.ProcessEnv = process.env): AppDist | undefined {
  const here = fileURLToPath(new URL('.', moduleUrl));
  const candidates = [env.SIPLADDER_APP_DIST, join(here, 'app'), here, join(here, '..', '..', 'dist', 'app')];
  for (const root of candidates) {
    if (root !== undefined && root !== '' && isAppDist(root)) return { root, renderer: join(root, 'renderer'), worker: join(root, 'analysisWorker.mjs') };
  }
  return undefined;
}
