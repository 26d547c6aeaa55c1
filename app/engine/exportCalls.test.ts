import mermaid from 'mermaid';
import { describe, expect, it } from 'vitest';
import { CaptureReader } from '../../core/src/capture/captureReader.ts';
import type { Frame } from '../../core/src/capture/frame.ts';
import { findElements, hasClass, parseXml, textContent } from '../../core/src/export/svg/parseXml.ts';
import type { ExportRequest, ExportResult } from '../shared/apiTypes.ts';
import { CaptureSession } from './captureSession.ts';
import { exportCalls, exportFileName } from './exportCalls.ts';
import { encodeBase64 } from '../../core/src/shared/base64.ts';
import { chunked, readCapture, TRAPEZOID_PATH } from './testCaptures.ts';
import { retransmissionCapture } from './testFlows.ts';

const TRAPEZOID = readCapture(TRAPEZOID_PATH);

function loaded(bytes: Uint8Array): CaptureSession {
  const s = new CaptureSession({ session: 1, name: 'trapezoid.pcap', totalBytes: bytes.length });
  for (const c of chunked(bytes, 4096)) s.push(c);
  s.finish();
  return s;
}

const session = loaded(TRAPEZOID);
const request = (kind: ExportRequest['kind'], over: Partial<ExportRequest> = {}): ExportRequest => ({
  kind, rows: [0], records: null, merge: 'node', fold: true, hops: true, time: 'rel', ...over,
});
const run = (r: ExportRequest, reread?: () => AsyncIterable<Uint8Array>): Promise<ExportResult> =>
  exportCalls({ session, reread, generator: 'sipladder test' }, r);
const bytesOf = (base64: string): Uint8Array => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));

function framesOf(bytes: Uint8Array): Frame[] {
  const reader = new CaptureReader();
  return [...reader.push(bytes).frames, ...reader.end().frames];
}

async function* again(): AsyncGenerator<Uint8Array> {
  yield* chunked(TRAPEZOID, 1000);
}

describe('exports from the app (the core export stage)', () => {
  it('makes a well-formed standalone SVG of the call, one arrow per message, named after the row', async () => {
    const r = await run(request('svg'));
    expect(r).toMatchObject({ ok: true, fileName: 'sipladder-call-1.svg', mediaType: 'image/svg+xml', base64: null });
    const xml = parseXml(r.text!);
    expect(xml.ok).toBe(true);
    if (!xml.ok) return;
    expect(xml.root.name).toBe('svg');
    expect(findElements(xml.root, (e) => hasClass(e, 'arrow'))).toHaveLength(14);
    expect(r.text).not.toMatch(/href|url\(|@import|<script|<image|<foreignObject/i);
    expect(textContent(xml.root)).toContain('Via');
    expect(r.message).toMatch(/^14 arrows/);
  });

  it('draws only the records asked for (the part of the ladder on screen)', async () => {
    const r = await run(request('svg', { records: [2, 3, 4, 999] }));
    expect(r.fileName).toBe('sipladder-call-1-part.svg');
    const xml = parseXml(r.text!);
    expect(xml.ok && findElements(xml.root, (e) => hasClass(e, 'arrow')).map((e) => e.attributes['data-index'])).toEqual(['2', '3', '4']);
  });

  it('makes Mermaid that Mermaid itself parses, with the lanes merged as asked', async () => {
    const r = await run(request('mermaid', { merge: 'host', hops: false }));
    expect(r.fileName).toBe('sipladder-call-1.mmd');
    expect(await mermaid.parse(r.text!)).toMatchObject({ diagramType: 'sequence' });
    expect(r.text!.match(/^ {2}participant /gm)).toHaveLength(4);
    expect(r.text!.match(/->>|-->>/g)).toHaveLength(14);
  });

  it('makes the standalone HTML report with each message\'s raw text, well-formed and without scripts', async () => {
    const r = await run(request('html'));
    expect(r.mediaType).toBe('text/html');
    expect(parseXml(r.text!, { allowDoctype: true }).ok).toBe(true);
    expect(r.text).toContain('INVITE sip:bob@biloxi.example.com SIP/2.0');
    expect(r.text).not.toContain('Raw text not included');
    expect(r.text).not.toMatch(/<script/i);
  });

  it('makes JSON (schema version 1) and CSV of the rows, whole whatever the picture scope', async () => {
    const json = JSON.parse((await run(request('json', { records: [1] }))).text!) as { schemaVersion: number; calls: unknown[]; messages: { frame: number }[]; issues: unknown[]; selection: { rows: number[] } };
    expect(json.schemaVersion).toBe(1);
    expect(json.calls).toHaveLength(1);
    expect(json.messages.map((m) => m.frame)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(json.selection.rows).toEqual([1]);
    expect(Array.isArray(json.issues)).toBe(true);
    const csv = (await run(request('csv'))).text!.trimEnd().split('\n');
    expect(csv[0]).toMatch(/^index,frame,/);
    expect(csv).toHaveLength(15);
  });

  it('copies the frames of the call unchanged into pcap and pcapng, reading the capture again', async () => {
    const original = framesOf(TRAPEZOID);
    for (const kind of ['pcap', 'pcapng'] as const) {
      const r = await run(request(kind), again);
      expect(r).toMatchObject({ ok: true, text: null, fileName: `sipladder-call-1.${kind}`, message: '14 frames' });
      const frames = framesOf(bytesOf(r.base64!));
      expect(frames.map((f) => [...f.data])).toEqual(original.map((f) => [...f.data]));
      expect(frames.map((f) => f.timestamp)).toEqual(original.map((f) => f.timestamp));
    }
  });

  it('refuses pcap when the capture cannot be read again, exports before correlation, and unknown rows', async () => {
    expect(await run(request('pcap'))).toMatchObject({ ok: false, message: expect.stringMatching(/cannot be read a second time/) });
    const loading = new CaptureSession({ session: 2, name: 'x', totalBytes: null });
    loading.push(TRAPEZOID.subarray(0, 2000));
    expect(await exportCalls({ session: loading, reread: undefined, generator: 't' }, request('svg'))).toMatchObject({ ok: false, message: expect.stringMatching(/correlated/) });
    expect(await run(request('svg', { rows: [7] }))).toMatchObject({ ok: false, message: 'no such rows in the call list' });
  });

  it('exports several rows together, named by their numbers as the CLI\'s --index takes them', async () => {
    const s = loaded(retransmissionCapture());
    const r = await exportCalls({ session: s, reread: undefined, generator: 't' }, request('json', { rows: [1, 0] }));
    expect(r.fileName).toBe('sipladder-calls-1-2.json');
    expect((JSON.parse(r.text!) as { calls: unknown[] }).calls).toHaveLength(2);
    expect(exportFileName(Array.from({ length: 6 }, (_, i) => ({ number: i + 1, kind: 'call', call: i, usage: -1, firstIndex: 0, messages: [] })), false, 'svg'))
      .toBe('sipladder-calls-1-2-3-4-more.svg');
  });
});

describe('base64 of export bytes', () => {
  it('encodes like the platform, across slice boundaries', () => {
    const bytes = Uint8Array.from({ length: 3 * 8192 * 2 + 5 }, (_, i) => (i * 7919) & 0xff);
    expect(encodeBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(encodeBase64(new Uint8Array(0))).toBe('');
  });
});
