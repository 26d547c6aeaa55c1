import { mkdtempSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { browserOpener, openInBrowser, type OpenerDeps, redirectPage } from './openBrowser.ts';

describe('opening the default browser', () => {
  it('uses xdg-open only when a display exists and xdg-open is on the PATH', () => {
    const exists = (p: string): boolean => p === '/usr/bin/xdg-open';
    expect(browserOpener({ platform: 'linux', env: { PATH: '/usr/local/bin:/usr/bin' }, exists })).toBeUndefined();
    expect(browserOpener({ platform: 'linux', env: { PATH: '/usr/local/bin:/usr/bin', DISPLAY: ':0' }, exists })).toEqual({ command: '/usr/bin/xdg-open', args: [] });
    expect(browserOpener({ platform: 'linux', env: { PATH: '/opt', WAYLAND_DISPLAY: 'w' }, exists })).toBeUndefined();
    expect(browserOpener({ platform: 'darwin', env: {}, exists })?.command).toBe('open');
  });

  it('never puts the token on a command line: the browser gets a private redirect file', () => {
    const calls: string[][] = [];
    const dir = mkdtempSync(join(tmpdir(), 'sipladder-open-test-'));
    const deps: OpenerDeps = {
      platform: 'linux', env: { DISPLAY: ':0', PATH: '/usr/bin' }, exists: () => true,
      spawn: (command, args) => void calls.push([command, ...args]), tempDir: () => dir,
    };
    const url = 'http://127.0.0.1:4000/#token=SECRETSECRETSECRET';
    const cleanup = openInBrowser(url, deps)!;
    expect(calls).toHaveLength(1);
    expect(calls[0]!.join(' ')).not.toContain('SECRET');
    const file = fileURLToPath(calls[0]![1]!);
    expect(readFileSync(file, 'utf8')).toContain(url);
    expect(statSync(file).mode & 0o077).toBe(0);
    cleanup();
    expect(existsSync(dir)).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });

  it('does nothing when no browser can be opened', () => {
    const deps: OpenerDeps = { platform: 'linux', env: {}, exists: () => false, spawn: () => { throw new Error('must not spawn'); }, tempDir: () => '/nonexistent' };
    expect(openInBrowser('http://127.0.0.1:1/#token=x', deps)).toBeUndefined();
  });

  it('escapes the URL in the redirect page', () => {
    expect(redirectPage('http://a/"><script>')).toContain('http://a/&quot;>&lt;script>');
  });
});
