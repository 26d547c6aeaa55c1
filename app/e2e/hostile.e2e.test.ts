import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { parseXml } from '../../core/src/export/svg/parseXml.ts';
import { HOSTILE_PATH } from '../engine/testCaptures.ts';
import { e2eIt, UNAVAILABLE } from './e2eTest.ts';
import { ARTIFACTS, type Browsing, downloadOf, openApp, type OpenedApp, type Served } from './harness.ts';

/** What a successful injection would leave in the page: elements that load or run things, event-handler attributes, violations. */
async function injectionTraces(page: Page): Promise<{ elements: string[]; handlers: string[]; scripts: string[]; violations: string[]; fired: number }> {
  return page.evaluate(() => {
    const w = window as unknown as { __violations: string[]; __fired: number };
    const all = [...document.querySelectorAll('*')];
    return {
      elements: [...document.querySelectorAll('img, iframe, object, embed, frame, link[rel="import"], meta[http-equiv="refresh"], base, form, a[href]')]
        .map((e) => e.outerHTML.slice(0, 80)),
      handlers: all.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name) || /javascript:/i.test(a.value)).map((a) => `${e.tagName} ${a.name}`)),
      scripts: [...document.scripts].map((s) => s.getAttribute('src') ?? 'inline'),
      violations: w.__violations,
      fired: w.__fired,
    };
  });
}

describe('the hostile capture in Chromium', () => {
  let app: OpenedApp | undefined;
  let served: Served | undefined;
  let b: Browsing | undefined;

  beforeAll(async () => {
    if (UNAVAILABLE !== undefined) return;
    // Record CSP violations and trip-wire any alert/confirm/prompt the payloads would call.
    app = await openApp({
      file: HOSTILE_PATH,
      initScript: () => {
        const w = window as unknown as { __violations: string[]; __fired: number };
        w.__violations = [];
        w.__fired = 0;
        document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
        for (const name of ['alert', 'confirm', 'prompt'] as const) {
          (window as unknown as Record<string, () => void>)[name] = () => {
            w.__fired++;
          };
        }
      },
    });
    ({ served, b } = app);
  });

  afterAll(async () => {
    await app?.close();
  });

  e2eIt('shows the hostile rows as text in the call list', async () => {
    const page = b!.page;
    await page.locator('.call-row[aria-rowindex="3"]', { hasText: 'options-<script>alert(22)</script>' }).waitFor({ timeout: 30_000 });
    await expect(page.locator('.call-row[aria-rowindex="2"]').textContent()).resolves.toContain('hostile-<b>bold</b>');
    await page.screenshot({ path: join(ARTIFACTS, 'hostile-call-list.png') });
  });

  e2eIt('walks every message of the call through every detail tab without running anything', async () => {
    const page = b!.page;
    await page.locator('.call-grid').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('g.msg').length === 10);
    const labels = await page.locator('g.msg').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label') ?? ''));
    expect(labels[1]).toMatch(/^100 <script>alert\(11\)<\/script>, /);
    for (let i = 0; i < 10; i++) {
      await page.locator('#message-panel .msg-summary', { hasText: 'frame' }).waitFor();
      for (const tab of ['raw', 'headers', 'sdp', 'issues', 'diff']) await page.locator(`#msg-tab-${tab}`).click();
      await page.locator('#msg-tab-raw').click();
      await page.locator('.ladder-scroll').focus();
      await page.keyboard.press('ArrowDown');
    }
    await page.locator('#ladder-msg-5 rect.hit').click();
    await page.locator('#message-panel .msg-summary', { hasText: 'frame 6' }).waitFor();
    const raw = await page.locator('pre.raw').textContent();
    expect(raw).toContain('SIP/2.0 200 OK <img src=x onerror=alert(16)>');
    expect(raw).toContain('X-Control: nul[\\x00] esc[\\x1b[31m] bell[\\x07]');
    expect(raw).toContain('\uFFFD');
    await expect(page.locator('pre.raw .ctl').count()).resolves.toBe(3);
    await page.screenshot({ path: join(ARTIFACTS, 'hostile-message-detail.png') });
    await page.locator('#ladder-msg-0 rect.hit').click();
    await page.locator('#message-panel .msg-summary', { hasText: 'frame 1' }).waitFor();
    await expect(page.locator('#hop-panel li.via.pushed').textContent()).resolves.toContain('<script>alert(2)</script>');
  });

  e2eIt('renders the 20 000-character header line whole and wrapped, without widening the page', async () => {
    const page = b!.page;
    const line = page.locator('pre.raw .line', { hasText: 'X-Long:' });
    await expect(line.textContent()).resolves.toHaveLength('X-Long: '.length + 20000 + 1);
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    expect(widths[0]).toBeLessThanOrEqual(widths[1]!);
  });

  e2eIt('draws hop notes and exports SVG, PNG and the HTML report of the hostile call as inert text', async () => {
    const page = b!.page;
    await page.locator('#ladder-notes').check();
    await page.waitForFunction(() => (document.querySelector('#ladder-msg-0 text.note')?.textContent ?? '').includes('<script>alert(2)</script>'));
    await page.locator('#export-toggle').click();
    const svg = (await downloadOf(page, '#export-svg')).bytes.toString('utf8');
    expect(parseXml(svg).ok).toBe(true);
    expect(svg).not.toMatch(/<script|<img|<svg onload|<foreignObject|href=/i);
    expect(svg).toContain('&lt;script&gt;alert(11)&lt;/script&gt;');
    const png = await downloadOf(page, '#export-png');
    expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    const html = (await downloadOf(page, '#export-html')).bytes.toString('utf8');
    expect(parseXml(html, { allowDoctype: true }).ok).toBe(true);
    expect(html).not.toMatch(/<script|<img /i);
    await page.screenshot({ path: join(ARTIFACTS, 'hostile-ladder-notes.png') });
    await page.locator('#export-toggle').click();
    await page.locator('#ladder-notes').uncheck();
  });

  e2eIt('shows statistics and issues of the hostile capture as text', async () => {
    const page = b!.page;
    await page.locator('#tab-stats').click();
    await page.locator('.issues-panel details').first().waitFor();
    for (const d of await page.locator('.issues-panel details').all()) await d.locator('summary').click();
    await page.screenshot({ path: join(ARTIFACTS, 'hostile-statistics.png'), fullPage: true });
  });

  e2eIt('ran no script, made no request off the page, loaded nothing and raised no CSP violation', async () => {
    const page = b!.page;
    const traces = await injectionTraces(page);
    expect(traces.fired).toBe(0);
    expect(traces.elements).toEqual([]);
    expect(traces.handlers).toEqual([]);
    expect(traces.scripts).toEqual([`${served!.origin}/app.js`.replace(served!.origin + '/', '')]);
    expect(traces.violations).toEqual([]);
    expect(b!.dialogs).toEqual([]);
    expect(b!.offsite).toEqual([]);
    expect(b!.pageErrors).toEqual([]);
  });
});
