/**
 * compactRecords must change memory, never results: on every capture of the fixtures (81 real ones, the golden
 * scenarios, the samples, the hostile one), the analysis with records compacted — facts let go right after
 * correlation read them (lag 0) or with the default lag, bytes kept or read again from the input — gives the same
 * JSON export, byte for byte, the same facts and the same message bytes for every message as the analysis that
 * keeps everything.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFilterData } from '../src/analyze/filter/filterData.ts';
import { jsonExportPieces } from '../src/export/jsonExport.ts';
import { analyzeCaptureBytes, type CaptureAnalyzerOptions } from '../src/pipeline/captureAnalysis.ts';
import type { InputBytes } from '../src/pipeline/compactRecord.ts';
import type { SipFacts } from '../src/sip/sipFacts.ts';

const FIXTURES = join(__dirname, '../../fixtures');

function captures(): string[] {
  const out: string[] = [];
  const corpus = join(FIXTURES, 'corpus/captures');
  for (const f of readdirSync(corpus)) out.push(join(corpus, f));
  for (const dir of ['scenarios', 'samples']) {
    for (const d of readdirSync(join(FIXTURES, dir), { withFileTypes: true })) {
      if (!d.isDirectory()) continue;
      for (const f of readdirSync(join(FIXTURES, dir, d.name))) if (/\.pcapn?g?$/.test(f)) out.push(join(FIXTURES, dir, d.name, f));
    }
  }
  out.push(join(FIXTURES, 'hostile/hostile.pcap'));
  return out;
}

const FACT_KEYS: readonly (keyof SipFacts)[] = [
  'kind', 'method', 'requestUri', 'statusCode', 'reasonPhrase', 'callId', 'cseqNumber', 'cseqMethod', 'vias', 'from', 'to',
  'contacts', 'recordRoutes', 'routes', 'maxForwards', 'expires', 'minExpires', 'reasons', 'contentType', 'contentLength',
  'bodyLength', 'userAgent', 'server', 'sdp', 'extraHeaders',
];

function plainFacts(facts: SipFacts): string {
  return JSON.stringify(FACT_KEYS.map((k) => [k, facts[k]]));
}

function exported(bytes: Uint8Array, options: CaptureAnalyzerOptions): { json: string; facts: string[]; raw: string[] } {
  const result = analyzeCaptureBytes(bytes, options);
  const data = buildFilterData(result.model, result.analysis, result.lookup);
  const json = [...jsonExportPieces({ data, precisionDigits: 6 }, data.rows, {
    generator: 'test', inputs: [], capture: {}, selection: {}, issues: [],
  })].join('');
  const hex = (b: Uint8Array | undefined): string => (b === undefined ? '-' : Buffer.from(b).toString('hex'));
  return { json, facts: result.records.map((r) => plainFacts(r.facts)), raw: result.records.map((r) => hex(r.raw)) };
}

describe('compactRecords', () => {
  for (const path of captures()) {
    const name = path.slice(FIXTURES.length + 1);
    it(`changes nothing in the analysis of ${name}`, () => {
      const bytes = new Uint8Array(readFileSync(path));
      const full = exported(bytes, { keepRawMessages: true });
      expect(exported(bytes, { compactRecords: true, compactReleaseLag: 0 })).toEqual(full);
      expect(exported(bytes, { compactRecords: true })).toEqual(full);
      const input: InputBytes = { read: (offset, length) => bytes.slice(offset, offset + length) };
      expect(exported(bytes, { compactRecords: true, compactReleaseLag: 0, input })).toEqual(full);
    });
  }

  it('reads the messages of a plain UDP capture from the input, keeping none of their bytes', () => {
    const bytes = new Uint8Array(readFileSync(join(FIXTURES, 'samples/trapezoid/trapezoid.pcap')));
    let reads = 0;
    const input: InputBytes = { read: (offset, length) => { reads++; return bytes.slice(offset, offset + length); } };
    const result = analyzeCaptureBytes(bytes, { compactRecords: true, compactReleaseLag: 0, input });
    expect(result.records.length).toBe(14);
    for (const r of result.records) expect([r.inputOffset, r.byteLength]).toEqual([expect.any(Number), expect.any(Number)]);
    expect(reads).toBeGreaterThan(0);
    const text = new TextDecoder().decode(result.records[0]!.raw);
    expect(text.startsWith('INVITE sip:')).toBe(true);
  });

  it('keeps the bytes of messages that do not lie in the input as they are (TCP segments)', () => {
    const bytes = new Uint8Array(readFileSync(join(FIXTURES, 'corpus/captures/HIST__tests__sip-method-tcp__sip-tcp.pcap')));
    const result = analyzeCaptureBytes(bytes, { compactRecords: true, input: { read: () => undefined } });
    expect(result.records.length).toBeGreaterThan(0);
    for (const r of result.records) {
      expect(r.inputOffset).toBeUndefined();
      expect(r.raw?.length).toBeGreaterThan(0);
    }
  });
});
