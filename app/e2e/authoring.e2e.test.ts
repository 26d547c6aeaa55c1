// Authoring a lesson in Chromium at 1280×720 (issue #7): the trapezoid sample opened as any capture, its call
// stepped through, a title, a story, two notes on arrows picked in the ladder and a question written in the
// author panel, the lesson saved anonymised as one file (a download, as in any browser), that file checked
// by `sipladder lesson check`, then opened again from the Lessons screen with the notes on the same arrows.
// Screenshots: test-artifacts/classroom-authoring*.png, and app/docs/classroom-authoring.png for the README.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { lessonMain } from '../../cli/commands/lesson.ts';
import { parseLessonBundle } from '../../core/src/explain/lesson/lessonBundle.ts';
import { TRAPEZOID_PATH } from '../engine/testCaptures.ts';
import { e2eIt, UNAVAILABLE } from './e2eTest.ts';
import { ARTIFACTS, type Browsing, downloadOf, openApp, type OpenedApp } from './harness.ts';

const shot = (name: string): string => join(ARTIFACTS, `classroom-${name}.png`);
const DOCS_SHOT = join(__dirname, '../docs/classroom-authoring.png');
const NOTE_ON_3 = 'atlanta pushes its own Via on top and forwards the INVITE to biloxi.';
const NOTE_ON_8 = '<img src=x onerror=alert(1)> Bob’s phone rings: the 180 comes back along the Via stack.';
const QUESTION = 'How many Via headers does this 180 carry when it reaches alice?';
const ANSWER = 'One: each proxy removed its own on the way back.';

describe('authoring a lesson from a capture, in Chromium at 1280×720', () => {
  let app: OpenedApp | undefined;
  let b: Browsing | undefined;
  const scratch = mkdtempSync(join(tmpdir(), 'sipladder-authoring-'));
  const savedFile = join(scratch, 'saved.sipladder-lesson.json');
  let saved: { name: string; bytes: Buffer } | undefined;
  /** The notes as saved: anonymising put the capture's pseudonyms into them too (atlanta, Bob…). */
  let savedNotes: Record<number, string> = {};
  let savedQuestion = '';

  beforeAll(async () => {
    if (UNAVAILABLE !== undefined) return;
    app = await openApp({ viewport: { width: 1280, height: 720 }, language: 'en' });
    ({ b } = app);
  });

  afterAll(async () => {
    await app?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  e2eIt('steps through the call of an ordinary capture and enters author mode with every arrow shown', async () => {
    const page = b!.page;
    await page.locator('#file-input').setInputFiles(TRAPEZOID_PATH);
    await page.waitForFunction(() => /done/.test(document.querySelector('#status-line')?.textContent ?? ''), undefined, { timeout: 30_000 });
    await page.locator('.call-row[aria-rowindex="2"] .cell', { hasText: 'answered' }).waitFor({ timeout: 30_000 });
    await page.locator('.call-grid').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('#view-ladder svg path').length >= 14);
    await page.locator('#tab-lessons').click();
    await page.locator('#step-call:not([disabled])').click();
    await page.waitForFunction(() => document.querySelector('#step-count')?.textContent === '0 / 14');
    await page.locator('#step-author').click();
    await page.locator('.author-panel').waitFor();
    expect(await page.locator('#step-author').getAttribute('aria-pressed')).toBe('true');
    await page.waitForFunction(() => document.querySelectorAll('g.step-arrow').length === 14);
  });

  e2eIt('writes the title, the story and a goal; the preview shows them as the lesson will', async () => {
    const page = b!.page;
    await page.locator('#author-title').fill('A call through two proxies');
    await page.locator('#author-narrative').fill('Alice calls Bob. Two proxies, atlanta and biloxi, stand between them.');
    await page.locator('#author-add-goal').click();
    await page.locator('.author-goal').fill('Follow the Via stack there and back.');
    await page.waitForFunction(() => document.querySelector('.step-title')?.textContent === 'A call through two proxies');
    await expect(page.locator('.step-panel .step-story').textContent()).resolves.toMatch(/Two proxies, atlanta and biloxi/);
    await expect(page.locator('.step-panel .step-goals').textContent()).resolves.toMatch(/Follow the Via stack/);
  });

  e2eIt('attaches a note to an arrow clicked in the ladder, shown on that arrow and in the step view', async () => {
    const page = b!.page;
    await page.locator('g.step-arrow[data-index="2"] rect.hit').click();
    await page.waitForFunction(() => document.querySelector('#step-count')?.textContent === '3 / 14');
    await expect(page.locator('.author-message h3').textContent()).resolves.toMatch(/^Message 3: INVITE sip:bob@biloxi/);
    await page.locator('#author-note').fill(NOTE_ON_3);
    await page.waitForFunction((text) => document.querySelector('.step-panel .step-note')?.textContent?.includes(text), NOTE_ON_3);
    await expect(page.locator('g.step-arrow[data-index="2"] text.note-mark').textContent()).resolves.toBe('✎');
    expect(await page.locator('g.step-arrow text.note-mark', { hasText: '✎' }).count()).toBe(1);
  });

  e2eIt('writes a second note (hostile text stays text) and a question with a hidden answer on another arrow', async () => {
    const page = b!.page;
    await page.locator('g.step-arrow[data-index="7"] rect.hit').click();
    await page.waitForFunction(() => document.querySelector('#step-count')?.textContent === '8 / 14');
    await page.locator('#author-note').fill(NOTE_ON_8);
    await page.locator('#author-add-question').click();
    await page.locator('.author-question .author-question-text').fill(QUESTION);
    await page.locator('.author-question .author-answer-text').fill(ANSWER);
    await page.waitForFunction((q) => document.querySelector('.step-panel .step-questions')?.textContent?.includes(q), QUESTION);
    expect(await page.locator('.step-panel .step-questions .answer').isHidden()).toBe(true);
    await expect(page.locator('.step-panel .step-note p').textContent()).resolves.toBe(NOTE_ON_8);
    expect(await page.locator('g.step-arrow text.note-mark', { hasText: '✎' }).count()).toBe(2);
    await expect(page.locator('#author-notes').textContent()).resolves.toMatch(/3\. INVITE.*8\. 180 Ringing/s);
    expect(await page.locator('img').count()).toBe(0);
    await page.locator('#author-anonymize').check();
    // The call list's "no capture is open" from before the capture was opened: not part of the picture.
    await page.locator('#toast').waitFor({ state: 'hidden', timeout: 10_000 });
    await page.locator('.author-panel').evaluate((panel) => panel.scrollTo(0, 0));
    await page.screenshot({ path: shot('authoring') });
    copyFileSync(shot('authoring'), DOCS_SHOT);
  });

  e2eIt('saves the lesson as one file that `sipladder lesson check` accepts, its capture anonymised', async () => {
    const page = b!.page;
    saved = await downloadOf(page, '#author-save');
    expect(saved.name).toBe('a-call-through-two-proxies.sipladder-lesson.json');
    await page.waitForFunction(() => /^Saved a-call-through-two-proxies/.test(document.querySelector('#author-status')?.textContent ?? ''));
    writeFileSync(savedFile, saved.bytes);
    let out = '';
    let err = '';
    const code = await lessonMain(['check', savedFile], { out: { write: (c) => ((out += String(c)), true) }, err: { write: (c) => ((err += String(c)), true) } });
    // Written in English only: the missing languages are warnings, nothing else is said.
    expect(err.split('\n').filter((l) => l !== '' && !/warning at lesson\.[\w.]+: no fr, es, pl text/.test(l))).toEqual([]);
    expect(code).toBe(0);
    expect(out).toMatch(/ok — 14 SIP messages, 2 notes, 1 questions \(bundle: a-call-through-two-proxies\.pcap, anonymised\)/);
    const { bundle } = parseLessonBundle(saved.bytes.toString('utf8'), 'saved');
    expect(Object.keys(bundle!.lesson.notes)).toEqual(['3', '8']);
    expect(bundle!.lesson.questions).toEqual([{ step: 8, question: { en: expect.stringMatching(/^How many Via headers does this 180 carry when it reaches \w{5}\?$/) }, answer: { en: ANSWER } }]);
    savedQuestion = (bundle!.lesson.questions[0]!.question as { en: string }).en;
    const capture = Buffer.from(bundle!.capture).toString('latin1');
    for (const original of ['192.0.2.1', '192.0.2.4', 'atlanta.example.com', 'biloxi.example.com']) expect(capture).not.toContain(original);
    savedNotes = Object.fromEntries(Object.entries(bundle!.lesson.notes).map(([n, text]) => [Number(n), (text as { en: string }).en]));
    expect(savedNotes[3]).toMatch(/^\w{7} pushes its own Via on top and forwards the INVITE to \w{6}\.$/);
    expect(savedNotes[3]).not.toMatch(/atlanta|biloxi/);
    expect(savedNotes[8]).toMatch(/^<img src=x onerror=alert\(1\)> \w{3}’s phone rings/);
  });

  e2eIt('opens the saved file from the Lessons screen with the notes on the same arrows and the same question', async () => {
    const page = b!.page;
    await page.locator('#step-back-to-lessons').click();
    await page.locator('#open-lesson-file').waitFor();
    await page.screenshot({ path: shot('authoring-lessons-screen') });
    await page.locator('#lesson-file-input').setInputFiles(savedFile);
    await page.waitForFunction(() => document.querySelector('.step-title')?.textContent === 'A call through two proxies', undefined, { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector('#step-count')?.textContent === '0 / 14');
    await expect(page.locator('.step-panel .step-story').textContent()).resolves.toMatch(/Two proxies, \w{7} and \w{6}, stand between them/);
    await page.locator('.step-panel').focus();
    await page.keyboard.press('End');
    await page.waitForFunction(() => document.querySelectorAll('g.step-arrow').length === 14);
    const marked = await page.locator('g.step-arrow.has-note').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-index')));
    expect(marked).toEqual(['2', '7']);
    await page.locator('g.step-arrow[data-index="2"] rect.hit').click();
    await page.waitForFunction(() => document.querySelector('#step-count')?.textContent === '3 / 14');
    await expect(page.locator('.step-label').textContent()).resolves.toMatch(/^INVITE sip:\w+@/);
    await expect(page.locator('.step-panel .step-note p').textContent()).resolves.toBe(savedNotes[3]);
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('#step-count')?.textContent === '8 / 14');
    await expect(page.locator('.step-label').textContent()).resolves.toBe('180 Ringing');
    await expect(page.locator('.step-panel .step-note p').textContent()).resolves.toBe(savedNotes[8]);
    const question = page.locator('.step-questions .question').first();
    await expect(question.locator('.question-text').textContent()).resolves.toBe(savedQuestion);
    expect(await question.locator('.answer').isHidden()).toBe(true);
    await question.locator('.answer-toggle').click();
    await expect(question.locator('.answer').textContent()).resolves.toBe(ANSWER);
    await page.screenshot({ path: shot('authoring-reopened') });
  });

  e2eIt('edits the opened lesson again, in French: the panel speaks French and holds the saved note', async () => {
    const page = b!.page;
    await page.locator('#language-select').selectOption('fr');
    await page.waitForFunction(() => document.querySelector('#step-author')?.textContent === '✎ Créer une leçon');
    await page.locator('#step-author').click();
    await page.locator('.author-panel').waitFor();
    await expect(page.locator('#author-save').textContent()).resolves.toBe('Enregistrer la leçon…');
    await expect(page.locator('.author-message h3').textContent()).resolves.toBe('Message 8 : 180 Ringing');
    // Writing in French now: the note has no French text yet, and shows the English one as what to translate.
    await expect(page.locator('#author-note').inputValue()).resolves.toBe('');
    expect(await page.locator('#author-note').getAttribute('placeholder')).toBe(`English — ${savedNotes[8]}`);
    await page.locator('#author-note').fill('Le téléphone sonne.');
    await page.waitForFunction(() => document.querySelector('.step-panel .step-note p')?.textContent === 'Le téléphone sonne.');
    await page.locator('#author-language').selectOption('en');
    await expect(page.locator('#author-note').inputValue()).resolves.toBe(savedNotes[8]);
    await page.locator('#toast').waitFor({ state: 'hidden', timeout: 10_000 });
    await page.locator('.author-panel').evaluate((panel) => panel.scrollTo(0, 0));
    await page.screenshot({ path: shot('authoring-french') });
    await page.locator('#step-author').click();
    await page.locator('.author-panel').waitFor({ state: 'detached' });
    await page.locator('#language-select').selectOption('en');
  });

  e2eIt('keeps the page safe: no script dialogs, no request off the server, no page errors', async () => {
    expect(b!.dialogs).toEqual([]);
    expect(b!.offsite).toEqual([]);
    expect(b!.pageErrors).toEqual([]);
    expect(b!.console.filter((line) => /Content Security Policy|Refused to/i.test(line))).toEqual([]);
    expect(await b!.page.locator('img, iframe, a[href]').count()).toBe(0);
  });
});
