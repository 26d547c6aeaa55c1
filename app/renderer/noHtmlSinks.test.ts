import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const appDir = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [full] : [];
  });
}

/** Ways text becomes markup or code; none may appear in the app's source (capture content is hostile). */
const SINKS = [/\.innerHTML\b/, /\.outerHTML\b/, /insertAdjacentHTML/, /document\.write/, /\.html\(/, /\beval\(/, /new Function\(/, /createContextualFragment/, /DOMParser/, /setAttribute\(\s*['"](on\w+|href|src|style)['"]/];

describe('the app source', () => {
  it('never turns text into HTML or code', () => {
    const offending: string[] = [];
    for (const file of sources(appDir)) {
      const text = readFileSync(file, 'utf8');
      for (const sink of SINKS) if (sink.test(text)) offending.push(`${relative(appDir, file)}: ${sink}`);
    }
    expect(offending).toEqual([]);
  });

  it('has index.html load only its own script and stylesheet, with the CSP in a meta tag', () => {
    const html = readFileSync(join(appDir, 'renderer', 'index.html'), 'utf8');
    expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script src="app.js" defer>']);
    expect(html).not.toMatch(/<style|\sstyle=|\son\w+=|https?:\/\//);
    expect(html).toMatch(/http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self';/);
  });
});
