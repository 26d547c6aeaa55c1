/**
 * End-to-end harness: builds the app into a temporary folder, starts `serve` on a fixture (the same code
 * as `sipladder serve`, from its standalone bundle), and drives Debian's Chromium with playwright-core.
 * Every request the page makes is routed through a check that records anything not aimed at the server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
// @ts-expect-error: plain ESM build script without types
import { buildApp } from '../build.mjs';

export const CHROMIUM = '/usr/bin/chromium';

/** Why the e2e tests cannot run here, or undefined when they can. */
export function e2eUnavailable(): string | undefined {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is missing (install Debian's chromium package: apt-get install chromium)`;
  return undefined;
}

export interface Served {
  url: string;
  origin: string;
  stop(): Promise<void>;
}

export async function buildAppForTests(): Promise<{ outdir: string; cleanup(): void }> {
  const outdir = mkdtempSync(join(tmpdir(), 'sipladder-e2e-'));
  await (buildApp as (dir: string) => Promise<unknown>)(outdir);
  return { outdir, cleanup: () => rmSync(outdir, { recursive: true, force: true }) };
}

export async function serve(outdir: string, file?: string): Promise<Served> {
  const child: ChildProcess = spawn(process.execPath, [join(outdir, 'serve.mjs'), ...(file ? [file] : []), '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${output}`)), 20_000);
    const onData = (d: Buffer): void => {
      output += d.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve exited (${code}): ${output}`)));
  });
  return {
    url, origin: url.slice(0, url.indexOf('/#')),
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}

export interface Browsing {
  context: BrowserContext;
  page: Page;
  /** Requests aimed anywhere but the server (blocked and recorded). */
  offsite: string[];
  dialogs: string[];
  console: string[];
  pageErrors: string[];
  close(): Promise<void>;
}

export async function openBrowser(origin: string, viewport = { width: 1366, height: 768 }): Promise<Browsing> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'sipladder-chromium-'));
  // A fresh profile each run (playwright passes it as --user-data-dir).
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, headless: true, viewport, colorScheme: 'light',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const offsite: string[] = [];
  const dialogs: string[] = [];
  const consoleLines: string[] = [];
  const pageErrors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + '/') || url === origin) return route.continue();
    offsite.push(url);
    return route.abort();
  });
  const page = context.pages()[0] ?? await context.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return {
    context, page, offsite, dialogs, console: consoleLines, pageErrors,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export const ARTIFACTS = join(process.cwd(), 'test-artifacts');

/** Clicks `selector` and returns the file the page downloads (its suggested name and bytes). */
export async function downloadOf(page: Page, selector: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.locator(selector).click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

/** The app built, served (with `file` open if given) and shown in Chromium: what every e2e suite starts from. */
export interface OpenedApp {
  readonly served: Served;
  readonly b: Browsing;
  close(): Promise<void>;
}

export interface OpenAppOptions {
  readonly file?: string;
  readonly viewport?: { width: number; height: number };
  /** Runs in the page before its scripts (trip-wires, recorders). */
  readonly initScript?: () => void;
  /** Start in this UI language whatever the machine's, as a first visit with such a browser would. */
  readonly language?: string;
}

export async function openApp(options: OpenAppOptions = {}): Promise<OpenedApp> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const built = await buildAppForTests();
  let served: Served | undefined;
  let b: Browsing | undefined;
  const close = async (): Promise<void> => {
    await b?.close();
    await served?.stop();
    built.cleanup();
  };
  try {
    served = await serve(built.outdir, options.file);
    b = await openBrowser(served.origin, options.viewport);
    if (options.initScript) await b.page.addInitScript(options.initScript);
    await b.page.goto(served.url);
    if (options.language !== undefined) {
      await b.page.evaluate((language) => localStorage.setItem('sipladder-language', language), options.language);
      await b.page.reload();
    }
    return { served, b, close };
  } catch (error) {
    await close();
    throw error;
  }
}
