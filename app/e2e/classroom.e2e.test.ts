// The classroom in Chromium at a projector's 1280×720: the Lessons screen, a lesson stepped through to the
// end, an answer revealed, hover help on a header name, French, presenter mode, and a step-through of an
// ordinary capture. Screenshots go to test-artifacts/classroom-*.png.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { TRAPEZOID_PATH } from '../engine/testCaptures.ts';
import { e2eIt, UNAVAILABLE } from './e2eTest.ts';
import { ARTIFACTS, type Browsing, openApp, type OpenedApp } from './harness.ts';

const shot = (name: string): string => join(ARTIFACTS, `classroom-${name}.png`);

describe('the classroom in Chromium at 1280×720', () => {
  let app: OpenedApp | undefined;
  let b: Browsing | undefined;

  beforeAll(async () => {
    if (UNAVAILABLE !== undefined) return;
    app = await openApp({ viewport: { width: 1280, height: 720 }, language: 'en' });
    ({ b } = app);
    await b.page.locator('#tab-lessons').click();
    // The call list asks for rows before any capture is open (at start, and when its view is hidden) and
    // shows "no capture is open" for a few seconds — not the classroom's doing: let it go before screenshots.
    await b.page.waitForTimeout(500);
    await b.page.locator('#toast').waitFor({ state: 'hidden', timeout: 10_000 });
  });

  afterAll(async () => {
    await app?.close();
  });

  e2eIt('lists the lesson library with titles and learning goals', async () => {
    const page = b!.page;
    await page.locator('.lesson-card').nth(19).waitFor();
    expect(await page.locator('.lesson-card').count()).toBeGreaterThanOrEqual(20);
    const first = page.locator('.lesson-card').first();
    await expect(first.locator('h3').textContent()).resolves.toMatch(/trapezoid/i);
    expect(await first.locator('.lesson-goals li').count()).toBeGreaterThan(0);
    expect(await page.locator('#step-call').isDisabled()).toBe(true);
    await page.screenshot({ path: shot('lessons') });
  });

  e2eIt('opens a lesson on its story, then reveals the ladder one arrow at a time with explanations', async () => {
    const page = b!.page;
    await page.locator('.lesson-card[data-key="trapezoid-two-proxies"] button').click();
    await page.locator('.step-story').waitFor();
    await page.waitForFunction(() => document.querySelector('#step-count')?.textContent === '0 / 14');
    expect(await page.locator('g.step-arrow').count()).toBe(0);
    expect(await page.locator('.step-ladder .lane-name').allTextContents()).toEqual(['alice', 'atlanta', 'biloxi', 'bob']);
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelectorAll('g.step-arrow').length === 1);
    await expect(page.locator('.step-label').textContent()).resolves.toMatch(/^INVITE sip:bob@biloxi/);
    await expect(page.locator('.step-route').textContent()).resolves.toBe('alice → atlanta');
    await expect(page.locator('.explanations').textContent()).resolves.toMatch(/RFC 3261/);
    await page.keyboard.press(' ');
    await page.keyboard.press(' ');
    await page.waitForFunction(() => document.querySelectorAll('g.step-arrow').length === 3);
    // Message 3: atlanta's copy of the INVITE — the hop panel shows the Via it pushed and Max-Forwards 70 → 69.
    await page.locator('.hop-facts').waitFor();
    await expect(page.locator('.hop-facts').textContent()).resolves.toMatch(/Via pushed by atlanta/);
    await expect(page.locator('.hop-facts').textContent()).resolves.toMatch(/Max-Forwards 70 → 69/);
    await expect(page.locator('.step-note').textContent()).resolves.not.toBe('');
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(() => document.querySelectorAll('g.step-arrow').length === 2);
    await page.keyboard.press('ArrowRight');
    await page.screenshot({ path: shot('step-through') });
  });

  e2eIt('shows a glossary entry when a header name is hovered', async () => {
    const page = b!.page;
    const via = page.locator('.step-panel .gloss[data-key="Via"]').first();
    await via.hover();
    const tip = page.locator('#glossary-tip');
    await tip.waitFor({ state: 'visible' });
    await expect(tip.textContent()).resolves.toMatch(/^Via \(v\).*RFC 3261 §20\.42/s);
    await page.screenshot({ path: shot('glossary') });
    await page.mouse.move(5, 700);
    await tip.waitFor({ state: 'hidden' });
  });

  e2eIt('asks the question about a message with its answer hidden until revealed, and steps to the end', async () => {
    const page = b!.page;
    while ((await page.locator('#step-count').textContent()) !== '5 / 14') await page.keyboard.press('ArrowRight');
    const question = page.locator('.step-questions .question').first();
    await expect(question.locator('.question-text').textContent()).resolves.toMatch(/Max-Forwards/);
    expect(await question.locator('.answer').isHidden()).toBe(true);
    await question.locator('.answer-toggle').click();
    expect(await question.locator('.answer').isVisible()).toBe(true);
    await expect(question.locator('.answer').textContent()).resolves.toMatch(/68/);
    await page.screenshot({ path: shot('answer') });
    await page.locator('.step-panel').focus();
    for (let i = 0; i < 14 && !(await page.locator('#step-next').isDisabled()); i++) await page.keyboard.press(' ');
    await expect(page.locator('#step-count').textContent()).resolves.toBe('14 / 14');
    expect(await page.locator('g.step-arrow').count()).toBe(14);
    await page.locator('.step-end').waitFor();
  });

  e2eIt('switches to French: the screens, the explanations and the lesson speak French, and the choice is kept', async () => {
    const page = b!.page;
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.locator('#language-select').selectOption('fr');
    await page.waitForFunction(() => document.querySelector('.step-counter')?.textContent === 'Message 1 sur 14');
    await expect(page.locator('#tab-lessons').textContent()).resolves.toBe('Leçons');
    await expect(page.locator('.step-section.step-explanation h3').textContent()).resolves.toBe('Explication');
    await expect(page.locator('.step-title').textContent()).resolves.toMatch(/trapèze|Trapèze/);
    await page.waitForFunction(() => /demande à .* d'ouvrir une session/.test(document.querySelector('.explanations')?.textContent ?? ''));
    expect(await page.evaluate(() => localStorage.getItem('sipladder-language'))).toBe('fr');
    await page.screenshot({ path: shot('french') });
  });

  e2eIt('presents: high contrast, large type, no top bar, and slide keys', async () => {
    const page = b!.page;
    await page.locator('.step-panel').focus();
    await page.keyboard.press('f');
    await page.waitForFunction(() => document.documentElement.dataset.presenter === 'on');
    expect(await page.locator('.topbar').isHidden()).toBe(true);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(0, 0, 0)');
    const labelPx = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.step-label')!).fontSize));
    expect(labelPx).toBeGreaterThanOrEqual(26);
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('#step-count')?.textContent === '5 / 14');
    await page.keyboard.press('h');
    await page.locator('.step-hop').waitFor({ state: 'detached' });
    await page.keyboard.press('h');
    await page.locator('.step-hop').waitFor();
    await page.keyboard.press('n');
    await page.locator('.step-note').waitFor({ state: 'detached' });
    await page.keyboard.press('n');
    await page.screenshot({ path: shot('presenter') });
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.documentElement.dataset.presenter === undefined);
    expect(await page.locator('.topbar').isVisible()).toBe(true);
    await page.locator('#language-select').selectOption('en');
  });

  e2eIt('steps through any capture: the call open in the ladder, played back at the recorded timing', async () => {
    const page = b!.page;
    await page.locator('#file-input').setInputFiles(TRAPEZOID_PATH);
    // The lesson's call list looked the same (an answered call): wait for the new capture to be analysed.
    await page.waitForFunction(() => document.querySelector('#capture-name')?.textContent === 'trapezoid.pcap'
      && /done/.test(document.querySelector('#status-line')?.textContent ?? ''), undefined, { timeout: 30_000 });
    await page.locator('.call-row[aria-rowindex="2"] .cell', { hasText: 'answered' }).waitFor({ timeout: 30_000 });
    await page.locator('.call-grid').focus();
    await page.keyboard.press('Enter');
    // The ladder view has drawn the call (its rows are what the classroom steps through).
    await page.waitForFunction(() => document.querySelectorAll('#view-ladder svg path').length >= 14);
    await page.locator('#tab-lessons').click();
    await page.locator('#step-call:not([disabled])').click();
    await page.waitForFunction(() => document.querySelector('#step-count')?.textContent === '0 / 14');
    await page.locator('#step-pacing').selectOption('recorded');
    await page.locator('#step-speed').selectOption('10');
    await page.locator('#step-play').click();
    await page.waitForFunction(() => document.querySelector('#step-count')?.textContent === '14 / 14', undefined, { timeout: 20_000 });
    expect(await page.locator('#step-play').getAttribute('aria-label')).toBe('Play');
    expect(await page.locator('g.step-arrow').count()).toBe(14);
    await page.locator('g.step-arrow[data-index="2"] rect.hit').click();
    await page.waitForFunction(() => document.querySelector('#step-count')?.textContent === '3 / 14');
    await page.locator('.step-raw summary').click();
    await page.locator('.step-raw pre.raw .hn').first().hover();
    await page.locator('#glossary-tip').waitFor({ state: 'visible' });
    await page.screenshot({ path: shot('any-capture') });
    // The same hover help in the app's own message detail.
    await page.locator('#tab-ladder').click();
    await page.mouse.move(5, 700);
    await page.locator('#glossary-tip').waitFor({ state: 'hidden' });
    await page.locator('#view-ladder pre.raw .hn').first().hover();
    await page.locator('#glossary-tip').waitFor({ state: 'visible' });
    await expect(page.locator('#glossary-tip').textContent()).resolves.toMatch(/RFC/);
  });

  e2eIt('keeps the page safe: no script dialogs, no request off the server, no page errors', async () => {
    expect(b!.dialogs).toEqual([]);
    expect(b!.offsite).toEqual([]);
    expect(b!.pageErrors).toEqual([]);
    expect(b!.console.filter((line) => /Content Security Policy|Refused to/i.test(line))).toEqual([]);
    expect(await b!.page.locator('img, iframe, a[href]').count()).toBe(0);
  });
});
