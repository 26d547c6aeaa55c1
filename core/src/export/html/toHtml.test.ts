import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeCaptureBytes } from '../../pipeline/captureAnalysis.ts';
import { findElements, hasClass, parseXml, textContent, type XmlElement } from '../svg/parseXml.ts';
import { hostileCapture } from '../testHostileCapture.ts';
import { rawMessageHtml } from './htmlText.ts';
import { toHtml } from './toHtml.ts';

const trapezoid = analyzeCaptureBytes(new Uint8Array(readFileSync(new URL('../../../../fixtures/samples/trapezoid/trapezoid.pcap', import.meta.url))));
const built = hostileCapture();
const hostile = analyzeCaptureBytes(built.bytes);

function htmlRoot(html: string): XmlElement {
  const r = parseXml(html, { allowDoctype: true });
  if (!r.ok) throw new Error(`not well-formed at ${r.offset}: ${r.error} …${html.slice(Math.max(0, r.offset - 60), r.offset + 60)}…`);
  return r.root;
}

const all = (root: XmlElement, name: string) => findElements(root, (e) => e.name === name);

describe('the HTML report', () => {
  const html = toHtml(trapezoid, [0]);
  const root = htmlRoot(html);

  it('is one self-contained file: inline style, no script, nothing fetched, a CSP that forbids fetching', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(all(root, 'script')).toHaveLength(0);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|src=|href=|url\(|@import/i);
    // The only URL is the SVG namespace name, which is never fetched.
    expect(html.match(/https?:\/\/[^\s"']+/g)).toEqual(['http://www.w3.org/2000/svg']);
    const csp = all(root, 'meta').find((m) => m.attributes['http-equiv'] === 'Content-Security-Policy');
    expect(csp?.attributes.content).toMatch(/^default-src 'none'/);
    expect(all(root, 'style').length).toBeGreaterThanOrEqual(1);
  });

  it('holds the call, the SVG ladder and every message with its hop annotation', () => {
    expect(textContent(all(root, 'h1')[0]!)).toMatch(/^Call 0 · a84b4c76e66710/);
    expect(textContent(all(root, 'table')[0]!)).toContain('answered');
    const svg = all(root, 'svg');
    expect(svg).toHaveLength(1);
    expect(findElements(svg[0]!, (e) => hasClass(e, 'arrow'))).toHaveLength(14);
    const details = all(root, 'details');
    expect(details).toHaveLength(14);
    expect(details[4]!.attributes.id).toBe('m4');
    expect(textContent(details[4]!)).toContain('Max-Forwards: 69 → 68');
    expect(textContent(details[4]!)).toContain('Raw text not included');
  });

  it('shows raw messages escaped, hostile ones included', () => {
    const page = toHtml(hostile, [], { rawMessage: (i) => built.messages[i]?.payload });
    const hroot = htmlRoot(page);
    expect(all(hroot, 'script')).toHaveLength(0);
    const pres = all(hroot, 'pre').map(textContent);
    expect(pres).toHaveLength(5);
    expect(pres[3]).toContain('SIP/2.0 486 Busy <script>alert("x")</script> --> %% end; #59; & \\x1b[31m \\u{202e} evil');
    expect(pres[2]).toContain('nul=a\\x00b');
    expect(pres[0]!.split('\n')[0]).toBe('INVITE sip:bob@example.com SIP/2.0');
    expect(textContent(all(hroot, 'h1')[0]!)).toContain('Whole capture');
    expect(textContent(hroot)).toContain('<script>alert(1)</script> %% end');
  });

  it('cuts only raw messages longer than 64 KiB, saying how much is left out', () => {
    expect(rawMessageHtml('a<b\r\nc')).toBe('a&lt;b\nc');
    const long = rawMessageHtml('x'.repeat(70_000));
    expect(long).toContain(`… ${70_000 - 65_536} more characters not shown`);
  });
});
