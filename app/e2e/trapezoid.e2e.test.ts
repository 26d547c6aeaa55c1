import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mermaid from 'mermaid';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { CaptureReader } from '../../core/src/capture/captureReader.ts';
import { findElements, hasClass, parseXml } from '../../core/src/export/svg/parseXml.ts';
import { readCapture, TRAPEZOID_PATH } from '../engine/testCaptures.ts';
import { e2eIt, UNAVAILABLE } from './e2eTest.ts';
import { ARTIFACTS, type Browsing, downloadOf, openApp, type OpenedApp, type Served } from './harness.ts';

/** Width and height from a PNG's IHDR chunk (PNG spec §11.2.2), after checking the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!signature.every((b, i) => bytes[i] === b) || bytes.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function arrowsOf(svg: string): string[] {
  const xml = parseXml(svg);
  if (!xml.ok) throw new Error(`not well-formed XML: ${xml.error} at ${xml.offset}`);
  return findElements(xml.root, (e) => hasClass(e, 'arrow')).map((e) => e.attributes['data-index'] ?? '');
}

describe('the app in Chromium on the trapezoid sample (two proxies)', () => {
  let app: OpenedApp | undefined;
  let served: Served | undefined;
  let b: Browsing | undefined;

  beforeAll(async () => {
    if (UNAVAILABLE !== undefined) return;
    app = await openApp({ file: TRAPEZOID_PATH });
    ({ served, b } = app);
  });

  afterAll(async () => {
    await app?.close();
  });

  e2eIt('lists the call with its parties, outcome and message count', async () => {
    const page = b!.page;
    const row = page.locator('.call-row[aria-rowindex="2"]');
    await row.locator('.cell', { hasText: 'answered' }).waitFor({ timeout: 30_000 });
    await expect(row.textContent()).resolves.toContain('a84b4c76e66710');
    await expect(row.textContent()).resolves.toContain('sip:alice@atlanta.example.com');
    await expect(page.locator('#status-line').textContent()).resolves.toMatch(/14 messages · 1 row · done/);
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
    expect(labels.slice(0, 3)).toEqual(['INVITE (SDP PCMU/8000)', '100 Trying', 'INVITE (SDP PCMU/8000)']);
    expect(await page.locator('g.brackets path.bracket').count()).toBeGreaterThan(3);
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

  e2eIt('draws hop notes under every arrow when asked, rows growing to fit them', async () => {
    const page = b!.page;
    const before = await page.locator('#ladder-msg-4').boundingBox();
    await page.locator('#ladder-notes').check();
    await page.waitForFunction(() => (document.querySelector('#ladder-msg-2 text.note')?.textContent ?? '').includes('bigbox3'));
    const after = await page.locator('#ladder-msg-4').boundingBox();
    expect(after!.y).toBeGreaterThan(before!.y + 40);
    await page.screenshot({ path: join(ARTIFACTS, 'ladder-hop-notes.png') });
    await page.locator('#ladder-notes').uncheck();
    await page.waitForFunction(() => document.querySelector('#ladder-msg-2 text.note')?.textContent === '');
    await page.locator('#ladder-via').check();
    await page.waitForFunction(() => document.querySelector('#ladder-msg-4 text.via')?.textContent === 'Via 3');
    await page.locator('#ladder-via').uncheck();
  });

  e2eIt('exports the ladder as SVG and Mermaid files that parse, from the export bar', async () => {
    const page = b!.page;
    await page.locator('#export-toggle').click();
    const svg = await downloadOf(page, '#export-svg');
    expect(svg.name).toBe('sipladder-call-1.svg');
    expect(arrowsOf(svg.bytes.toString('utf8'))).toHaveLength(14);
    expect(svg.bytes.toString('utf8')).not.toMatch(/href|url\(|<script|<image|<foreignObject/i);
    writeFileSync(join(ARTIFACTS, 'ui-export.svg'), svg.bytes);
    const mmd = await downloadOf(page, '#export-mermaid');
    expect(mmd.name).toBe('sipladder-call-1.mmd');
    expect(await mermaid.parse(mmd.bytes.toString('utf8'))).toMatchObject({ diagramType: 'sequence' });
    await page.locator('.export-status', { hasText: 'downloaded sipladder-call-1.mmd' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'ladder-export-bar.png') });
  });

  e2eIt('exports a PNG of the ladder, drawn from the SVG in the page', async () => {
    const page = b!.page;
    const png = await downloadOf(page, '#export-png');
    expect(png.name).toBe('sipladder-call-1.png');
    const size = pngSize(png.bytes);
    expect(size).toBeDefined();
    expect(size!.width).toBeGreaterThan(600);
    expect(size!.height).toBeGreaterThan(size!.width / 2);
    writeFileSync(join(ARTIFACTS, 'ui-export.png'), png.bytes);
  });

  e2eIt('exports only the part of the ladder on screen when asked', async () => {
    const page = b!.page;
    await page.setViewportSize({ width: 1366, height: 420 });
    await page.locator('#ladder-msg-0 rect.hit').click();
    await page.locator('#export-scope').selectOption('visible');
    const svg = await downloadOf(page, '#export-svg');
    expect(svg.name).toBe('sipladder-call-1-part.svg');
    const arrows = arrowsOf(svg.bytes.toString('utf8'));
    expect(arrows.length).toBeGreaterThan(2);
    expect(arrows.length).toBeLessThan(14);
    expect(arrows[0]).toBe('0');
    await page.locator('#export-scope').selectOption('call');
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  e2eIt('copies the Mermaid text to the clipboard', async () => {
    const page = b!.page;
    await b!.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: served!.origin });
    await page.locator('#export-copy-mermaid').click();
    await page.locator('.export-status', { hasText: 'Mermaid copied to the clipboard' }).waitFor();
    const text = await page.evaluate(() => navigator.clipboard.readText());
    expect(text).toMatch(/^%% .*\nsequenceDiagram\n/);
    expect(await mermaid.parse(text)).toMatchObject({ diagramType: 'sequence' });
  });

  e2eIt('exports the frames of the call unchanged as pcap, and the HTML report and JSON', async () => {
    const page = b!.page;
    const pcap = await downloadOf(page, '#export-pcap');
    expect(pcap.name).toBe('sipladder-call-1.pcap');
    const reader = new CaptureReader();
    const frames = [...reader.push(new Uint8Array(pcap.bytes)).frames, ...reader.end().frames];
    const original = new CaptureReader();
    const expected = [...original.push(readCapture(TRAPEZOID_PATH)).frames, ...original.end().frames];
    expect(frames.map((f) => Buffer.from(f.data).toString('hex'))).toEqual(expected.map((f) => Buffer.from(f.data).toString('hex')));
    const html = await downloadOf(page, '#export-html');
    expect(html.name).toBe('sipladder-call-1.html');
    expect(parseXml(html.bytes.toString('utf8'), { allowDoctype: true }).ok).toBe(true);
    const json = await downloadOf(page, '#export-json');
    expect((JSON.parse(json.bytes.toString('utf8')) as { messages: unknown[] }).messages).toHaveLength(14);
    await page.locator('#export-toggle').click();
  });

  e2eIt('filters the call list with / and the CLI\'s filter language, showing where an expression is wrong', async () => {
    const page = b!.page;
    await page.locator('#tab-calls').click();
    await page.keyboard.press('/');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('call-filter');
    await page.keyboard.type('status >= 400');
    await page.waitForFunction(() => document.querySelector('.filter-status')?.textContent === '0 of 1 row');
    await page.locator('#call-filter').fill('from contains alice and method == INVITE and msg.status == 180');
    await page.waitForFunction(() => document.querySelector('.filter-status')?.textContent === '1 row');
    await page.locator('#call-filter').fill('method == INVITE and stauts >= 400');
    const problem = page.locator('#filter-problem');
    await problem.locator('.filter-message', { hasText: "column 22: unknown field 'stauts' (did you mean 'status'?)" }).waitFor();
    await expect(problem.locator('mark').textContent()).resolves.toBe('stauts');
    await expect(page.locator('.filter-status').textContent()).resolves.toBe('filter not applied');
    await page.screenshot({ path: join(ARTIFACTS, 'call-list-filter-error.png') });
    await page.locator('#call-filter').fill('');
    await page.waitForFunction(() => document.querySelector('#filter-problem')?.hasAttribute('hidden') === true);
    await page.locator('#hide-noise').check();
    await page.waitForFunction(() => document.querySelector('.filter-status')?.textContent === '1 row');
  });

  e2eIt('made no request off the page, opened no dialog and threw no error', async () => {
    expect(b!.offsite).toEqual([]);
    expect(b!.dialogs).toEqual([]);
    expect(b!.pageErrors).toEqual([]);
    expect(b!.console.filter((l) => l.startsWith('error'))).toEqual([]);
  });
});
