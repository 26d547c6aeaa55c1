/**
 * compactRecords must change memory, never results: on every capture of the fixtures (81 real ones, the golden
 * scenarios, the samples, the hostile one), the analysis with records compacted — facts let go right after
 * correlation read them (lag 0) or with the default lag — gives the same JSON export, byte for byte, and the same
 * facts for every message as the analysis that keeps full facts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFilterData } from '../src/analyze/filter/filterData.ts';
import { jsonExportPieces } from '../src/export/jsonExport.ts';
import { analyzeCaptureBytes, type CaptureAnalyzerOptions } from '../src/pipeline/captureAnalysis.ts';
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

function exported(bytes: Uint8Array, options: CaptureAnalyzerOptions): { json: string; facts: string[] } {
  const result = analyzeCaptureBytes(bytes, options);
  const data = buildFilterData(result.model, result.analysis, result.lookup);
  const json = [...jsonExportPieces({ data, precisionDigits: 6 }, data.rows, {
    generator: 'test', inputs: [], capture: {}, selection: {}, issues: [],
  })].join('');
  return { json, facts: result.records.map((r) => plainFacts(r.facts)) };
}

describe('compactRecords', () => {
  for (const path of captures()) {
    const name = path.slice(FIXTURES.length + 1);
    it(`changes nothing in the analysis of ${name}`, () => {
      const bytes = new Uint8Array(readFileSync(path));
      const full = exported(bytes, {});
      expect(exported(bytes, { compactRecords: true, compactReleaseLag: 0 })).toEqual(full);
      expect(exported(bytes, { compactRecords: true })).toEqual(full);
    });
  }
});
