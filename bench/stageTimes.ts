/**
 * Development aid: times each pipeline stage on one capture (read → frames → network → SIP → correlate →
 * analyze) so a regression can be pinned to its stage. Usage: tsx bench/stageTimes.ts FILE [stage]
 * where stage is read|frames|network|sip|summary|full (default full).
 */
import { openSync, readSync, closeSync } from 'node:fs';
import { CaptureReader } from '../core/src/capture/captureReader.ts';
import { NetworkDecoder } from '../core/src/network/networkDecoder.ts';
import { SipPipeline } from '../core/src/pipeline/sipPipeline.ts';
import { CaptureAnalyzer } from '../core/src/pipeline/captureAnalysis.ts';
import { SummaryAnalyzer } from '../core/src/pipeline/summaryAnalyzer.ts';

const [file, stage = 'full'] = process.argv.slice(2);
if (!file) throw new Error('usage: stageTimes FILE [read|frames|network|sip|summary|full]');

function* chunks(): Generator<Uint8Array> {
  const fd = openSync(file!, 'r');
  try {
    for (;;) {
      const buf = new Uint8Array(1 << 20);
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) return;
      yield buf.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

const started = performance.now();
let count = 0;
let peakRss = 0;
const sample = (): void => {
  const rss = process.memoryUsage.rss();
  if (rss > peakRss) peakRss = rss;
};
const timer = setInterval(sample, 50);
if (stage === 'read') {
  for (const c of chunks()) count += c.length;
} else if (stage === 'frames' || stage === 'network') {
  const reader = new CaptureReader();
  const net = new NetworkDecoder();
  for (const c of chunks()) {
    for (const f of reader.push(c).frames) {
      count++;
      if (stage === 'network') net.decode(f);
    }
    sample();
  }
} else if (stage === 'sip') {
  const p = new SipPipeline();
  for (const c of chunks()) {
    count += p.push(c).records.length;
    sample();
  }
  count += p.end().records.length;
} else if (stage === 'summary') {
  const a = new SummaryAnalyzer();
  for (const c of chunks()) {
    count += a.push(c);
    sample();
  }
  const result = a.end();
  process.stderr.write(JSON.stringify(result.summary) + '\n');
} else {
  const a = new CaptureAnalyzer();
  for (const c of chunks()) {
    a.push(c);
    sample();
  }
  const result = a.end();
  count = result.records.length;
}
sample();
clearInterval(timer);
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`${stage}: ${count} in ${seconds.toFixed(2)} s, peak RSS ${(peakRss / 1048576).toFixed(0)} MB\n`);
