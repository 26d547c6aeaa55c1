/**
 * `sipladder serve --capture lo` end to end: the built command line captures real SIP traffic from sipp on the
 * loopback interface (capture filter restricted to the sipp ports), and Chromium checks that the calls appear
 * while they happen, that the list and the open ladder follow the newest, that the live status counts packets and
 * messages, that the saved live capture reads back with the same calls, and that Stop stops. Needs root (or
 * capture rights), sipp, dumpcap or tcpdump and Chromium; without one, the test says which and does not run.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureTools, freePort, runSipp, SIPP, sippUas, type SippRun } from '../../cli/live/testSipp.ts';
import { UNAVAILABLE } from './e2eTest.ts';
import { ARTIFACTS, type Browsing, downloadOf, openBrowser } from './harness.ts';

const CALLS = 30;
/** sipp's uac: 3 calls a second, each talking 5 s (-d) — calls start, talk and end while the page watches. */
const RATE = 3;
const TALK_MS = 5000;
const ROOT = join(__dirname, '..', '..');
const DOCS_SCREENSHOT = join(ROOT, 'app', 'docs', 'live-capture.png');

const tools = captureTools();
const REASON = UNAVAILABLE
  ?? (SIPP === undefined ? 'sipp is not installed (Debian package sip-tester)' : undefined)
  ?? (tools.usable.length === 0 ? `no usable capture tool: ${tools.reasons.join('; ')}` : undefined);

/** it(), or a visible skip that prints why (as the CLI's live tests do). */
function liveIt(name: string, body: () => Promise<void>, timeoutMs = 120_000): void {
  if (REASON !== undefined) {
    console.log(`e2e test not run: "${name}": ${REASON}`);
    it.skip(`${name} — not run: ${REASON}`, body);
  } else {
    it(name, body, timeoutMs);
  }
}

interface Serving {
  url: string;
  origin: string;
  output: () => string;
  stop(): Promise<number | null>;
}

/** `sipladder serve --capture lo …` as a person runs it (the built CLI, bin/sipladder.mjs). */
async function serveLive(filter: string): Promise<Serving> {
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'bin', 'sipladder.mjs'), 'serve', '--capture', 'lo', '-f', filter, '--port', '0'], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+/.exec(output);
      if (m !== null) {
        clearInterval(timer);
        resolve(m[0]);
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`serve exited (${code}): ${output}`));
    });
  });
  return {
    url, origin: url.slice(0, url.indexOf('/#')), output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** `sipladder calls --json FILE`: one JSON object per row. */
function callsOf(file: string): { callIds: string[]; outcome: string; status: number }[] {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'sipladder.mjs'), 'calls', '--json', file], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.trim().split('\n').map((line) => JSON.parse(line) as { callIds: string[]; outcome: string; status: number });
}

describe('sipladder serve --capture lo, in Chromium, with sipp calls on loopback', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'sipladder-live-e2e-'));
  let served: Serving | undefined;
  let b: Browsing | undefined;
  let uas: SippRun | undefined;
  let uac: SippRun | undefined;
  let serverPort = 0;

  beforeAll(async () => {
    if (REASON !== undefined) return;
    mkdirSync(ARTIFACTS, { recursive: true });
    // The command line as installed: dist/cli.mjs with dist/app beside it.
    const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`build failed: ${built.stderr}`);
    serverPort = await freePort();
    const clientPort = await freePort();
    served = await serveLive(`port ${serverPort} or port ${clientPort}`);
    b = await openBrowser(served.origin);
    await b.page.goto(served.url);
    await b.page.locator('#live-state', { hasText: 'Capturing' }).waitFor({ timeout: 20_000 });
    uas = sippUas(serverPort, 'udp', 90_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    uac = runSipp(['-sn', 'uac', `127.0.0.1:${serverPort}`, '-i', '127.0.0.1', '-p', String(clientPort), '-t', 'u1',
      '-m', String(CALLS), '-r', String(RATE), '-d', String(TALK_MS)], 90_000);
  });

  afterAll(async () => {
    await uac?.stop();
    await uas?.stop();
    await b?.close();
    await served?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  const uacPid = (): number => uac!.child.pid!;
  const rowText = (): Promise<string[]> => b!.page.locator('.call-row[role="row"]:not(.call-header):not([hidden])').allTextContents();

  liveIt('shows calls while they happen, in progress then answered, with live packet and message counts', async () => {
    const page = b!.page;
    // An in-progress row: sipp's calls talk for 5 s after the ACK.
    await page.locator('.call-row .cell', { hasText: /^(calling|ringing|connected)$/ }).first().waitFor({ timeout: 30_000 });
    expect(await page.locator('#live-state').textContent()).toBe('Capturing');
    const packets = Number((await page.locator('#live-packets').textContent())!.replace(/,/g, ''));
    const messages = Number(/^[\d,]+/.exec((await page.locator('#live-messages').textContent())!)![0].replace(/,/g, ''));
    expect(packets).toBeGreaterThan(0);
    expect(messages).toBeGreaterThan(0);
    expect(await page.locator('#capture-name').textContent()).toBe('live: lo (dumpcap)'.replace('dumpcap', tools.usable[0]!));
    // The uac is still running: the calls appear one after the other while the capture runs.
    expect(uac!.child.exitCode).toBeNull();
  });

  liveIt('keeps the call list at the newest call, pauses when scrolled away, and follows again on request', async () => {
    const page = b!.page;
    const scroller = page.locator('.call-scroll');
    // Enough rows to scroll: the list stays at the bottom as they arrive.
    await page.waitForFunction(() => {
      const s = document.querySelector('.call-scroll')!;
      return s.scrollHeight > s.clientHeight + 100;
    }, undefined, { timeout: 30_000 });
    await page.waitForTimeout(600);
    const atBottom = (): Promise<boolean> => scroller.evaluate((s) => s.scrollTop + s.clientHeight >= s.scrollHeight - 32);
    expect(await atBottom()).toBe(true);
    await scroller.hover();
    await page.mouse.wheel(0, -2000);
    await page.locator('#live-follow', { hasText: 'paused' }).waitFor();
    expect(await page.locator('#live-follow').getAttribute('aria-pressed')).toBe('false');
    const top = await scroller.evaluate((s) => s.scrollTop);
    await page.waitForTimeout(1200);
    expect(await scroller.evaluate((s) => s.scrollTop)).toBe(top);
    await page.locator('#live-follow').click();
    expect(await page.locator('#live-follow').getAttribute('aria-pressed')).toBe('true');
    await page.waitForTimeout(600);
    expect(await atBottom()).toBe(true);
  });

  liveIt('updates the ladder of an open call in progress without reopening it', async () => {
    const page = b!.page;
    // A call in the middle of those still talking (a couple of seconds left): open it and watch its BYE arrive.
    const talking = page.locator('.call-row:not([hidden])', { has: page.locator('.cell', { hasText: /^connected$/ }) });
    await talking.first().waitFor({ timeout: 30_000 });
    await talking.nth(Math.floor((await talking.count()) / 2)).click();
    await page.keyboard.press('Enter');
    const callId = (await page.locator('.call-row.cursor .cell').nth(3).textContent())!;
    await page.locator('g.msg').first().waitFor();
    const before = await page.locator('g.msg').count();
    expect(before).toBeLessThan(6);
    await page.waitForFunction(() => document.querySelectorAll('g.msg').length === 6, undefined, { timeout: 15_000 });
    const labels = await page.locator('g.msg text.label').allTextContents();
    expect(labels.slice(-2)).toEqual(['BYE', '200 OK']);
    expect(await page.locator('.ladder-title').textContent()).toMatch(/^6 messages/);
    await page.screenshot({ path: join(ARTIFACTS, 'live-ladder.png') });
    copyFileSync(join(ARTIFACTS, 'live-ladder.png'), join(ROOT, 'app', 'docs', 'live-ladder.png'));
    // Back to the list, still following: the newest calls talking at the bottom, older ones ending or answered.
    await page.locator('#tab-calls').click();
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(ARTIFACTS, 'live-capture.png') });
    copyFileSync(join(ARTIFACTS, 'live-capture.png'), DOCS_SCREENSHOT);
    // The ladder's call as pcapng (from any tab): its frames, read back by sipladder.
    const saved = await downloadOf(page, '#live-save-calls');
    expect(saved.name).toMatch(/^sipladder-live-call-\d+\.pcapng$/);
    writeFileSync(join(tmp, saved.name), saved.bytes);
    expect(callsOf(join(tmp, saved.name)).map((c) => [c.callIds, c.outcome])).toEqual([[[callId], 'answered']]);
  });

  liveIt('saves the live capture as pcapng that sipladder reads back with the same calls, and stops', async () => {
    const page = b!.page;
    expect(await uac!.exited, uac!.output()).toBe(0);
    const mine = (id: string): boolean => id.endsWith(`-${uacPid()}@127.0.0.1`);
    // Every call completes (BYE answered, then the 2 s linger) and shows answered.
    await page.waitForFunction((n) => document.querySelector('#live-calls')?.textContent?.startsWith(`${n} done, 0 active`), CALLS, { timeout: 30_000 });
    await page.locator('#tab-calls').click();
    await page.locator('.call-grid').focus();
    await page.keyboard.press('End');
    const shown = await rowText();
    expect(shown.at(-1)).toMatch(new RegExp(`${CALLS}-${uacPid()}@127\\.0\\.0\\.1INVITEanswered200`));
    const saved = await downloadOf(page, '#live-save-all');
    expect(saved.name).toMatch(/^sipladder-live-\d{8}-\d{6}\.pcapng$/);
    expect(saved.bytes.readUInt32LE(0)).toBe(0x0a0d0d0a);
    const file = join(tmp, saved.name);
    writeFileSync(file, saved.bytes);
    const calls = callsOf(file).filter((c) => c.callIds.some(mine));
    expect(calls.map((c) => Number(c.callIds[0]!.split('-')[0])).sort((x, y) => x - y)).toEqual(Array.from({ length: CALLS }, (_, i) => i + 1));
    expect(calls.every((c) => c.outcome === 'answered' && c.status === 200)).toBe(true);
    // Stop: the tool stops, its drop count is final, nothing is evicted (the default limit is 256 MiB).
    await page.locator('#live-stop').click();
    await page.locator('#live-state', { hasText: 'Stopped' }).waitFor({ timeout: 15_000 });
    await page.waitForFunction(() => document.querySelector('#live-drops')?.textContent === '0', undefined, { timeout: 10_000 });
    expect(await page.locator('#live-evicted').textContent()).toBe('0');
    expect(await page.locator('#status-line').textContent()).toMatch(/capture stopped$/);
    expect(b!.pageErrors).toEqual([]);
    expect(b!.offsite).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'live-capture-stopped.png') });
  });

  liveIt('shows the tool\'s refusal in the CLI\'s words when capturing again, keeping the calls, then captures again', async () => {
    const page = b!.page;
    const cli = spawnSync(process.execPath, [join(ROOT, 'bin', 'sipladder.mjs'), 'capture', '-i', 'nosuch0'], { encoding: 'utf8' });
    expect(cli.status).toBe(2);
    await page.locator('#live-again').click();
    await page.locator('#live-interfaces').fill('nosuch0');
    await page.locator('#live-start').click();
    await page.locator('#live-state', { hasText: 'Capture failed' }).waitFor({ timeout: 15_000 });
    expect(await page.locator('#live-error').textContent()).toBe(cli.stderr.trim().replace(/^sipladder capture: /, ''));
    expect(await page.locator('#live-error').isVisible()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'live-capture-error.png') });
    // The calls of the stopped capture are still there.
    expect(await page.locator('.filter-status').textContent()).toBe(`${CALLS} rows`);
    // A filter syntax error, in the tool's own words.
    await page.locator('#live-again').click();
    await page.locator('#live-interfaces').fill('lo');
    await page.locator('#live-filter').fill('port or');
    await page.locator('#live-filter').press('Enter');
    await page.locator('#live-error', { hasText: /^the capture filter is not valid — \w+ says: .*syntax error.*man 7 pcap-filter/ }).waitFor({ timeout: 15_000 });
    // And a good one: a new capture starts (an empty list, nothing on these ports now).
    await page.locator('#live-again').click();
    await page.locator('#live-filter').fill(`port ${serverPort}`);
    await page.locator('#live-start').click();
    await page.locator('#live-state', { hasText: 'Capturing' }).waitFor({ timeout: 15_000 });
    expect(await page.locator('#live-error').isHidden()).toBe(true);
    await page.locator('.filter-status', { hasText: /^0 rows$/ }).waitFor();
  });
});
