import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeCaptureBytes, type CaptureAnalysis } from '../../pipeline/captureAnalysis.ts';
import { visibleText } from '../ladder/visibleText.ts';
import { HOSTILE_REASON, hostileCapture } from '../testHostileCapture.ts';
import { findElements, hasClass, parseXml, textContent, type XmlElement } from './parseXml.ts';
import { toSvg } from './toSvg.ts';

const load = (path: string): CaptureAnalysis => analyzeCaptureBytes(new Uint8Array(readFileSync(new URL(`../../../../${path}`, import.meta.url))));
const trapezoid = load('fixtures/samples/trapezoid/trapezoid.pcap');
const hostile = analyzeCaptureBytes(hostileCapture().bytes);

function svgRoot(svg: string): XmlElement {
  const r = parseXml(svg);
  if (!r.ok) throw new Error(`not well-formed XML at ${r.offset}: ${r.error} …${svg.slice(Math.max(0, r.offset - 60), r.offset + 60)}…`);
  return r.root;
}

const byClass = (root: XmlElement, cls: string) => findElements(root, (e) => hasClass(e, cls));

describe('the SVG ladder of the trapezoid', () => {
  const svg = toSvg(trapezoid, [0]);
  const root = svgRoot(svg);

  it('is a standalone SVG document with its size, title, embedded style and no external reference', () => {
    expect(root.name).toBe('svg');
    expect(root.attributes.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(Number(root.attributes.width)).toBeGreaterThan(600);
    expect(root.attributes.viewBox).toBe(`0 0 ${root.attributes.width} ${root.attributes.height}`);
    expect(textContent(findElements(root, (e) => e.name === 'title')[0]!)).toMatch(/^Call 0 · a84b4c76e66710/);
    expect(textContent(findElements(root, (e) => e.name === 'style')[0]!)).toMatch(/font-family: ui-monospace.*monospace/);
    expect(svg).not.toMatch(/href|url\(|@import|<script|<image|<foreignObject/i);
  });

  it('has the four lanes, with their names, addresses and lifelines', () => {
    const lanes = byClass(root, 'lane');
    expect(lanes).toHaveLength(4);
    expect(lanes.map((l) => textContent(byClass(l, 'lane-name')[0]!))).toEqual(['pc33.atlanta.example.com', 'bigbox3.site3.atlanta.example.com', 'server10.biloxi.example.com', '192.0.2.4:5060']);
    expect(lanes.map((l) => byClass(l, 'lifeline').length)).toEqual([1, 1, 1, 1]);
    expect(textContent(lanes[1]!)).toContain('(stateful proxy)');
  });

  it('has one arrow per message, each with a path, a head, its label and its time', () => {
    const arrows = byClass(root, 'arrow');
    expect(arrows).toHaveLength(14);
    expect(arrows.map((a) => a.attributes['data-frame'])).toEqual(Array.from({ length: 14 }, (_, i) => String(i + 1)));
    for (const a of arrows) {
      expect(findElements(a, (e) => e.name === 'path')).toHaveLength(1);
      expect(findElements(a, (e) => e.name === 'polygon')).toHaveLength(1);
    }
    expect(arrows.map((a) => textContent(byClass(a, 'label')[0]!))).toEqual([
      'INVITE (SDP PCMU/8000)', '100 Trying', 'INVITE (SDP PCMU/8000)', '100 Trying', 'INVITE (SDP PCMU/8000)', '180 Ringing', '180 Ringing',
      '180 Ringing', '200 OK (SDP PCMU/8000)', '200 OK (SDP PCMU/8000)', '200 OK (SDP PCMU/8000)', 'ACK', 'BYE', '200 OK',
    ]);
    expect(textContent(byClass(arrows[12]!, 'time')[0]!)).toBe('+10.000000');
    expect(arrows.filter((a) => hasClass(a, 'request'))).toHaveLength(5);
    expect(arrows.filter((a) => hasClass(a, 'success'))).toHaveLength(4);
  });

  it('has the hop notes under the arrows: Via pushed, Max-Forwards, Request-URI rewrite', () => {
    const notes = byClass(root, 'hop-note');
    expect(notes).toHaveLength(14);
    const third = findElements(notes[4]!, (e) => e.name === 'tspan').map(textContent);
    expect(third[0]).toBe('+ Via: SIP/2.0/UDP server10.biloxi.example.com;branch=z9hG4bK4b43c2ff8.1');
    expect(third).toContain('Max-Forwards: 69 → 68');
    expect(third).toContain('Request-URI: sip:bob@biloxi.example.com → sip:bob@192.0.2.4');
  });

  it('brackets the five transactions', () => {
    expect(byClass(root, 'bracket')).toHaveLength(5);
  });

  it('leaves out the notes without hops, and is the same every time', () => {
    const bare = svgRoot(toSvg(trapezoid, [0], { hops: false }));
    expect(byClass(bare, 'hop-note')).toHaveLength(0);
    expect(toSvg(trapezoid, [0])).toBe(svg);
  });
});

describe('SVG from hostile and real captures', () => {
  it('escapes every header value as XML text: markup stays text, controls become visible', () => {
    const svg = toSvg(hostile, [], { viaStack: true });
    const root = svgRoot(svg);
    expect(svg).not.toContain('<script');
    // Long labels wrap into several lines (tspans): compare without the spaces they broke at.
    const labels = byClass(root, 'label').map((e) => textContent(e).replace(/\s/g, ''));
    expect(labels).toContain(`486 ${visibleText(HOSTILE_REASON)}`.replace(/\s/g, ''));
    const notes = byClass(root, 'hop-note').map(textContent).join('\n');
    expect(notes).toContain('x="<script>;%%end-->"');
    expect(notes).toContain('nul=a\\x00b');
    expect(byClass(root, 'arrow')).toHaveLength(5);
    expect(byClass(root, 'arrow')[0]!.attributes['data-retransmissions']).toBe('1');
  });

  it('is well-formed for corpus captures, with one arrow per row', () => {
    for (const path of [
      'fixtures/corpus/captures/tests__cfgs__default__pcap__fuzz-2006-06-26-2594.pcap',
      'fixtures/corpus/captures/tests__cfgs__default__pcap__sip.pcap',
      'fixtures/corpus/captures/tests__ipv6frag.pcap',
      'fixtures/corpus/captures/testing__btest__Traces__sip__sip-long-request-response-paths.pcap',
    ]) {
      const analysis = load(path);
      const root = svgRoot(toSvg(analysis, []));
      expect(byClass(root, 'arrow').length, path).toBeGreaterThan(0);
      expect(byClass(root, 'arrow').length, path).toBeLessThanOrEqual(analysis.records.length);
    }
  });

  it('draws an empty picture, still well-formed, when nothing is selected', () => {
    const root = svgRoot(toSvg(trapezoid, [3]));
    expect(byClass(root, 'arrow')).toHaveLength(0);
    expect(textContent(root)).toContain('0 messages');
  });
});
