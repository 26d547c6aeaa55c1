/**
 * The renderer's built files, read once at start into memory and served by exact name only: no path is
 * ever joined from a request, so nothing outside the renderer folder can be reached.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

export interface StaticFile {
  body: Uint8Array;
  contentType: string;
}

export function loadStaticFiles(root: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) {
        walk(full);
        continue;
      }
      const type = TYPES[extname(name).toLowerCase()];
      if (type === undefined) continue;
      files.set('/' + relative(root, full).split(sep).join('/'), { body: readFileSync(full), contentType: type });
    }
  };
  walk(root);
  const index = files.get('/index.html');
  if (index !== undefined) files.set('/', index);
  return files;
}
