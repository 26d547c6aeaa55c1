/**
 * Opens the served page in the default browser when there is one (xdg-open with a display, `open` on
 * macOS, `start` on Windows). The token never goes on a command line (other local users can read those):
 * the browser is pointed at a private temporary file (0600 in a 0700 folder) that redirects to the URL.
 */
import { spawn as nodeSpawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface OpenerDeps {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  exists: (path: string) => boolean;
  spawn: (command: string, args: string[]) => void;
  tempDir: () => string;
}

const defaultDeps: OpenerDeps = {
  platform: process.platform,
  env: process.env,
  exists: existsSync,
  spawn: (command, args) => {
    const child = nodeSpawn(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
  },
  tempDir: () => mkdtempSync(join(tmpdir(), 'sipladder-')),
};

/** The command that opens a file in the default browser here, or undefined when there is none. */
export function browserOpener(deps: Pick<OpenerDeps, 'platform' | 'env' | 'exists'>): { command: string; args: string[] } | undefined {
  if (deps.platform === 'darwin') return { command: 'open', args: [] };
  if (deps.platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""'] };
  if (!deps.env.DISPLAY && !deps.env.WAYLAND_DISPLAY) return undefined;
  const dirs = (deps.env.PATH ?? '').split(delimiter).filter((d) => d !== '');
  const found = dirs.map((d) => join(d, 'xdg-open')).find((p) => deps.exists(p));
  return found === undefined ? undefined : { command: found, args: [] };
}

/** HTML that sends the browser on to `url` (a file, so no server CSP applies; it holds no script). */
export function redirectPage(url: string): string {
  const escaped = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta http-equiv="refresh" content="0;url=${escaped}"><title>sipladder</title><p>Opening sipladder…</p>\n`;
}

/** Returns a cleanup function when a browser was asked to open, undefined when none is available. */
export function openInBrowser(url: string, deps: OpenerDeps = defaultDeps): (() => void) | undefined {
  const opener = browserOpener(deps);
  if (opener === undefined) return undefined;
  const dir = deps.tempDir();
  const file = join(dir, 'open-sipladder.html');
  writeFileSync(file, redirectPage(url), { mode: 0o600 });
  deps.spawn(opener.command, [...opener.args, pathToFileURL(file).href]);
  return () => rmSync(dir, { recursive: true, force: true });
}
