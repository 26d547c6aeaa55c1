import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { TRAPEZOID_PATH } from '../engine/testCaptures.ts';
import { e2eIt, UNAVAILABLE } from './e2eTest.ts';
import { ARTIFACTS, type Browsing, buildAppForTests, openBrowser, serve, type Served } from './harness.ts';

describe('the app in Chromium on the trapezoid sample (two proxies)', () => {
  let built: Awaited<ReturnType<typeof buildAppForTests>> | undefined;
  let served: Served | undefined;
  let b: Browsing | undefined;

  beforeAll(async () => {
    if (UNAVAILABLE !== undefined) return;
    mkdirSync(ARTIFACTS, { recursive: true });
    built = await buildAppForTests();
    served = await serve(built.outdir, TRAPEZOID_PATH);
    b = await openBrowser(served.origin);
    await b.page.goto(served.url);
  });

  afterAll(async () => {
    await b?.close();
    await served?.stop();
    built?.cleanup();
  });

  e2eIt('lists the call with its parties, outcome and message count', async () => {
    const page = b!.page;
    const row = page.locator('.call-row[aria-rowindex="2"]');
    await row.locator('.cell', { hasText: 'answered' }).waitFor({ timeout: 30_000 });
    await expect(row.textContent()).resolves.toContain('a84b4c76e66710');
    await expect(row.textContent()).resolves.toContain('sip:alice@atlanta.example.com');
    await expect(page.locator('#status-line').textContent()).resolves.toMatch(/14 messages · 1 rows · done/);
    await page.screenshot({ path: join(ARTIFACTS, 'call-list.png') });
  });

  e2eIt('opens the call with Enter and draws one arrow per message', async () => {
    const page = b!.page;
    await page.locator('.call-grid').focus();
    await page.keyboard.press('Enter');
    await page.locator('g.msg').first().waitFor();
    await page.waitForFunction(() => document.querySelectorAll('g.msg').length === 14);
    expect(await page.locator('g.msg path.shaft').count()).toBe(14);
    expect(await page.locator('g.lane').count()).toBe(4);
    const labels = await page.locator('g.msg text.label').allTextContents();
    expect(labels.slice(0, 3)).toEqual(['INVITE', '100 Trying', 'INVITE']);
  });

  e2eIt('shows the proxied INVITE with the proxy’s Via marked pushed, and its copies on the other hops highlighted', async () => {
    const page = b!.page;
    await page.locator('#ladder-msg-2 rect.hit').click();
    const pushed = page.locator('#hop-panel li.via.pushed', { hasText: 'bigbox3' });
    await pushed.waitFor();
    await expect(pushed.textContent()).resolves.toMatch(/^SIP\/2\.0\/UDP bigbox3\.site3\.atlanta\.example\.com;branch=z9hG4bK77ef4c2312983\.1pushed here by 192\.0\.2\.2:5060/);
    expect(await page.locator('#hop-panel li.via').count()).toBe(2);
    await expect(page.locator('#hop-panel .max-forwards').textContent()).resolves.toBe('70 → 69 (decremented by 192.0.2.2:5060)');
    await page.waitForFunction(() => document.querySelectorAll('g.msg.copy').length === 2);
    const copies = await page.locator('g.msg.copy').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-index')));
    expect(copies).toEqual(['0', '4']);
    await expect(page.locator('#ladder-msg-2').getAttribute('aria-selected')).resolves.toBe('true');
    await page.screenshot({ path: join(ARTIFACTS, 'ladder-hop-annotations.png') });
  });

  e2eIt('moves between messages with ↑/↓ and shows a response popping the Via on its way back', async () => {
    const page = b!.page;
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => document.querySelector('#ladder-msg-6')?.getAttribute('aria-selected') === 'true');
    await page.locator('#hop-panel li.via.popped').waitFor();
    await expect(page.locator('#hop-panel li.via.popped').textContent()).resolves.toMatch(/server10\.biloxi.*popped by 192\.0\.2\.3:5060/);
    await page.keyboard.press('ArrowUp');
    await page.waitForFunction(() => document.querySelector('#ladder-msg-5')?.getAttribute('aria-selected') === 'true');
  });

  e2eIt('shows the message detail: highlighted raw text, parsed headers and the SDP summary', async () => {
    const page = b!.page;
    await page.locator('#ladder-msg-0 rect.hit').click();
    await page.locator('#message-panel .msg-summary', { hasText: 'frame 1' }).waitFor();
    await expect(page.locator('pre.raw .method').first().textContent()).resolves.toBe('INVITE');
    await expect(page.locator('pre.raw').textContent()).resolves.toContain('a=rtpmap:0 PCMU/8000');
    await page.screenshot({ path: join(ARTIFACTS, 'message-detail.png') });
    await page.locator('#msg-tab-headers').click();
    await expect(page.locator('table.headers tbody tr').count()).resolves.toBe(10);
    await page.locator('#msg-tab-sdp').click();
    await expect(page.locator('table.sdp td').allTextContents()).resolves.toEqual(['audio', '192.0.2.1', '49172', 'RTP/AVP', 'PCMU/8000', 'sendrecv']);
    await page.screenshot({ path: join(ARTIFACTS, 'message-detail-sdp.png') });
  });

  e2eIt('shows statistics as charts', async () => {
    const page = b!.page;
    await page.locator('#tab-stats').click();
    await page.locator('svg.chart').nth(4).waitFor();
    expect(await page.locator('svg.chart').count()).toBe(5);
    await expect(page.locator('.stat-summary').textContent()).resolves.toContain('14');
    expect(await page.locator('svg.chart .bar').count()).toBe(3 + 3 + 1);
    await page.screenshot({ path: join(ARTIFACTS, 'statistics.png') });
  });

  e2eIt('switches to the dark theme and stays readable', async () => {
    const page = b!.page;
    await page.locator('#theme-toggle').click();
    await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe('dark');
    await page.locator('#tab-ladder').click();
    await page.locator('#ladder-msg-2 rect.hit').click();
    await page.locator('#hop-panel li.via.pushed', { hasText: 'bigbox3' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'ladder-dark.png') });
  });

  e2eIt('filters the call list with / and the filter language', async () => {
    const page = b!.page;
    await page.locator('#tab-calls').click();
    await page.keyboard.press('/');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('call-filter');
    await page.keyboard.type('status:4xx');
    await page.waitForFunction(() => document.querySelector('.filter-status')?.textContent === '0 of 1 rows');
    await page.locator('#call-filter').fill('from:alice method:INVITE');
    await page.waitForFunction(() => document.querySelector('.filter-status')?.textContent === '1 rows');
    await page.locator('#call-filter').fill('colour:red');
    await page.waitForFunction(() => /unknown field/.test(document.querySelector('.filter-status')?.textContent ?? ''));
  });

  e2eIt('made no request off the page, opened no dialog and threw no error', async () => {
    expect(b!.offsite).toEqual([]);
    expect(b!.dialogs).toEqual([]);
    expect(b!.pageErrors).toEqual([]);
    expect(b!.console.filter((l) => l.startsWith('error'))).toEqual([]);
  });
});
