import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hex } from '../shared/bytes.ts';
import { analyzeCaptureBytes } from './captureAnalysis.ts';
import { SummaryAnalyzer, summarizeCaptureBytes } from './summaryAnalyzer.ts';

const FIXTURES = join(__dirname, '../../../fixtures');

/** Every capture under a fixtures folder (real corpus, scenarios, samples, hostile input). */
function capturesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...capturesUnder(path));
    else if (/\.(pcap|pcapng|cap)(\.gz|\.v2)?$/i.test(name)) out.push(path);
  }
  return out;
}

const files = ['corpus/captures', 'scenarios', 'samples', 'hostile'].flatMap((d) => capturesUnder(join(FIXTURES, d)));

describe('SummaryAnalyzer (streamed summary)', () => {
  it('finds captures to compare', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  for (const file of files) {
    it(`gives the whole analysis's numbers for ${file.slice(FIXTURES.length + 1)}`, () => {
      const bytes = new Uint8Array(readFileSync(file));
      const whole = analyzeCaptureBytes(bytes, {}, 65536);
      // A chunk size that splits records anywhere, so the streamed side sees other boundaries too.
      const streamed = summarizeCaptureBytes(bytes, {}, 997);
      expect(streamed.summary).toEqual(whole.summary);
      expect(streamed.capture).toEqual(whole.capture);
    });
  }

  it('counts the seed trapezoid as one answered call through two proxies', () => {
    const bytes = new Uint8Array(readFileSync(join(FIXTURES, 'samples/trapezoid/trapezoid.pcap')));
    const { summary } = summarizeCaptureBytes(bytes);
    expect(summary).toMatchObject({ messages: 14, transactions: 5, logicalTransactions: 3, dialogs: 1, calls: 1, nodes: 4 });
    expect(summary.outcomes.answered).toBe(1);
  });

  it('reports an empty input as an empty summary', () => {
    const { capture, summary } = new SummaryAnalyzer().end();
    expect(capture.contentFormat).toBe('unknown');
    expect(summary).toMatchObject({ messages: 0, transactions: 0, calls: 0, nodes: 0, issues: {} });
  });

  it('reports a truncated capture the way the whole analysis does', () => {
    const bytes = new Uint8Array(readFileSync(join(FIXTURES, 'samples/trapezoid/trapezoid.pcap')));
    const cut = bytes.subarray(0, Math.floor(bytes.length * 0.6));
    expect(summarizeCaptureBytes(cut)).toMatchObject({ summary: analyzeCaptureBytes(cut).summary, capture: analyzeCaptureBytes(cut).capture });
  });

  it('reads garbage as no capture at all, without throwing', () => {
    // Not a pcap magic number, not SIP text: eight arbitrary bytes.
    const garbage = hex('de ad be ef 00 11 22 33');
    const { capture, summary } = summarizeCaptureBytes(garbage);
    expect(capture.contentFormat).toBe('unknown');
    expect(summary.messages).toBe(0);
  });
});
