/**
 * UI benchmark (issue #5): in Debian's Chromium against `serve`,
 *  1. a capture of ~1 M SIP messages: time to the first listed call, the main thread's longest stall while
 *     the worker analyses, total analysis time, and jumping to the last of the rows;
 *  2. one call of 100 k messages: time to draw its ladder, then 300 scroll steps — the ladder's draw time
 *     per frame (window.sipladderPerf) and the frame intervals.
 * Usage: npx tsx app/e2e/uiBench.ts [--large FILE | --skip-large] [--messages 1000000] [--call-messages 100000]
 * Writes test-artifacts/ui-bench.json. Numbers depend on the machine and its load (printed with them).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { ARTIFACTS, buildAppForTests, e2eUnavailable, openBrowser, serve } from './harness.ts';
import { longCallCapture } from './longCallCapture.ts';

const { values } = parseArgs({ options: { large: { type: 'string' }, messages: { type: 'string' }, 'call-messages': { type: 'string' }, 'skip-large': { type: 'boolean' } } });
const unavailable = e2eUnavailable();
if (unavailable) {
  console.log(`ui bench not run: ${unavailable}`);
  process.exit(0);
}

function pct(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
const round = (x: number): number => Math.round(x * 10) / 10;

/** In the page: rAF intervals and long tasks, to see whether the main thread ever stalls. */
const PROBE = `(() => {
  const w = window; w.__gaps = []; w.__long = []; let last = performance.now();
  const tick = (t) => { if (document.querySelector('.call-row[aria-rowindex="2"]:not(.loading)')) w.__gaps.push(t - last); last = t; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) w.__long.push(Math.round(e.duration)); }).observe({ type: 'longtask' }); } catch {}
})();`;

const SCROLL_PROBE = `(async () => {
  const el = document.querySelector('.ladder-scroll');
  const perf = window.sipladderPerf;
  perf.ladderDrawMs.length = 0;
  const intervals = [];
  let last = performance.now();
  await new Promise((resolve) => {
    let n = 0;
    function step(t) {
      intervals.push(t - last);
      last = t;
      el.scrollTop += 900;
      if (++n < 300) requestAnimationFrame(step); else resolve();
    }
    requestAnimationFrame(step);
  });
  return { draws: [...perf.ladderDrawMs], intervals: intervals.slice(1), rowsInDom: document.querySelectorAll('g.msg').length, scrollTop: el.scrollTop };
})()`;

const largeMessages = Number(values.messages ?? 1_000_000);
let large = values.large;
if (large === undefined && !values['skip-large']) {
  large = join(tmpdir(), `sipladder-bench-${largeMessages}.pcap`);
  if (!existsSync(large)) {
    console.log(`generating ${large} (${largeMessages} messages)…`);
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/generateCapture.ts', large, String(largeMessages)], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(1);
  }
}
const callMessages = Number(values['call-messages'] ?? 100_000);
const longCall = join(tmpdir(), `sipladder-bench-call-${callMessages}.pcap`);
if (!existsSync(longCall)) writeFileSync(longCall, longCallCapture(callMessages));

const built = await buildAppForTests();
const result: Record<string, unknown> = { machine: { cpus: cpus().length, model: cpus()[0]?.model, loadAverage: loadavg().map(round) }, large, longCall };
try {
  // 1. The million-message capture.
  if (large !== undefined) {
    const s = await serve(built.outdir, large!);
    const b = await openBrowser(s.origin);
    await b.page.addInitScript(PROBE);
    const t0 = Date.now();
    await b.page.goto(s.url);
    await b.page.locator('.call-row[aria-rowindex="2"]:not(.loading)').waitFor({ timeout: 120_000 });
    const firstRowMs = Date.now() - t0;
    const rowsAtFirst = await b.page.locator('#status-line').textContent();
    await b.page.waitForFunction(() => /done|failed/.test(document.querySelector('#status-line')?.textContent ?? ''), undefined, { timeout: 60 * 60_000, polling: 1000 });
    const loadedMs = Date.now() - t0;
    const status = await b.page.locator('#status-line').textContent();
    const probe = await b.page.evaluate(() => ({ gaps: (window as unknown as { __gaps: number[] }).__gaps, long: (window as unknown as { __long: number[] }).__long }));
    await b.page.locator('.call-grid').focus();
    const tEnd = Date.now();
    await b.page.keyboard.press('End');
    await b.page.waitForFunction(() => {
      const grid = document.querySelector('.call-grid');
      const active = grid?.getAttribute('aria-activedescendant');
      const row = active ? document.getElementById(active) : null;
      return row !== null && !row.classList.contains('loading') && Number(grid?.getAttribute('aria-rowcount')) - 1 === Number(active!.slice('call-row-'.length)) + 1;
    }, undefined, { timeout: 120_000 });
    const endMs = Date.now() - tEnd;
    await b.page.screenshot({ path: join(ARTIFACTS, 'bench-call-list.png') });
    result.largeCapture = {
      firstRowMs, rowsAtFirst, loadedMs, status, jumpToLastRowMs: endMs,
      mainThread: { maxFrameGapMs: round(Math.max(...probe.gaps)), p99FrameGapMs: round(pct(probe.gaps, 99)), longTasks: probe.long.length, longestTaskMs: round(Math.max(0, ...probe.long)) },
    };
    console.log('large capture:', JSON.stringify(result.largeCapture));
    await b.close();
    await s.stop();
  }
  // 2. One call of 100 k messages.
  {
    const s = await serve(built.outdir, longCall);
    const b = await openBrowser(s.origin);
    await b.page.goto(s.url);
    await b.page.waitForFunction(() => /done/.test(document.querySelector('#status-line')?.textContent ?? ''), undefined, { timeout: 30 * 60_000, polling: 500 });
    await b.page.locator('.call-row[aria-rowindex="2"]:not(.loading)').waitFor();
    await b.page.locator('.call-grid').focus();
    const t0 = Date.now();
    await b.page.keyboard.press('Enter');
    await b.page.locator('g.msg').first().waitFor({ timeout: 120_000 });
    const ladderMs = Date.now() - t0;
    const layoutMs = await b.page.evaluate(() => [...(window as unknown as { sipladderPerf: { ladderLayoutMs: number[] } }).sipladderPerf.ladderLayoutMs]);
    // Zooming in lays the whole ladder out again.
    await b.page.locator('.ladder-scroll').focus();
    await b.page.keyboard.press('+');
    await b.page.waitForFunction((n) => (window as unknown as { sipladderPerf: { ladderLayoutMs: number[] } }).sipladderPerf.ladderLayoutMs.length > n, layoutMs.length);
    const zoomLayoutMs = await b.page.evaluate(() => (window as unknown as { sipladderPerf: { ladderLayoutMs: number[] } }).sipladderPerf.ladderLayoutMs.at(-1)!);
    await b.page.keyboard.press('-');
    // A string, so the bundler's helpers (e.g. __name) never reach the page.
    const scroll = await b.page.evaluate(SCROLL_PROBE) as { draws: number[]; intervals: number[]; rowsInDom: number; scrollTop: number };
    await b.page.screenshot({ path: join(ARTIFACTS, 'bench-long-ladder.png') });
    result.longCall = {
      messages: callMessages, openLadderMs: ladderMs, layoutMs: round(layoutMs.at(-1) ?? NaN), zoomLayoutMs: round(zoomLayoutMs),
      draws: scroll.draws.length, rowsInDom: scroll.rowsInDom,
      drawMs: { p50: round(pct(scroll.draws, 50)), p95: round(pct(scroll.draws, 95)), max: round(Math.max(...scroll.draws)) },
      frameIntervalMs: { p50: round(pct(scroll.intervals, 50)), p95: round(pct(scroll.intervals, 95)), max: round(Math.max(...scroll.intervals)) },
      framesUnder16ms: `${scroll.draws.filter((d) => d < 16).length}/${scroll.draws.length}`,
    };
    console.log('long call:', JSON.stringify(result.longCall));
    await b.close();
    await s.stop();
  }
} finally {
  built.cleanup();
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, 'ui-bench.json'), JSON.stringify(result, null, 2));
}
