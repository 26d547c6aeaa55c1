import { describe, expect, it } from 'vitest';
import type { LiveStatus } from '../../shared/ipcContract.ts';
import { dropsText, formatElapsed, limitText, liveMetrics, rateText } from './liveFormat.ts';

const STATUS: LiveStatus = {
  session: 3, packets: 12_345, bytes: 2_000_000, sipMessages: 9_876, messagesPerSecond: 123.4, rows: 40, activeCalls: 4, completedCalls: 30,
  keptCalls: 30, evictedCalls: 7, evictedUsages: 2, forcedClosures: 0, estimatedBytes: 1e6, limitBytes: 256 * 2 ** 20, limitCalls: null,
  version: 9, changed: [], changedOverflow: false, state: 'running', label: 'lo (dumpcap)', interfaces: ['lo'], tool: 'dumpcap',
  filter: 'port 5060', startedAtMs: 1, elapsedMs: 3_723_000, drops: null, dropsByInterface: [], savedBytes: 100, error: null,
};

describe('the live bar wording', () => {
  it('writes elapsed time as h:mm:ss', () => {
    expect([formatElapsed(0), formatElapsed(59_999), formatElapsed(3_723_000), formatElapsed(36_000_000 * 3)]).toEqual(['0:00:00', '0:00:59', '1:02:03', '30:00:00']);
    expect(formatElapsed(-5)).toBe('0:00:00');
  });

  it('says when the tool has not told its drops yet, and why', () => {
    expect(dropsText(STATUS)).toEqual({ text: '—', title: 'dumpcap reports its drops when it stops' });
    expect(dropsText({ ...STATUS, tool: 'tcpdump' }).title).toBe('not reported by the capture tool yet');
    expect(dropsText({ ...STATUS, drops: 1234, state: 'stopped' }).text).toBe('1,234');
  });

  it('names the memory limit and the rate', () => {
    expect(limitText(STATUS)).toBe('256 MiB');
    expect(limitText({ ...STATUS, limitCalls: 1000 })).toBe('1,000 calls, 256 MiB');
    expect([rateText(123.4), rateText(5.25), rateText(0)]).toEqual(['123/s', '5.3/s', '0.0/s']);
  });

  it('lists the counters in order, evicted calls and usages together with the limit in the tooltip', () => {
    const metrics = liveMetrics(STATUS);
    expect(metrics.map((m) => `${m.label} ${m.value}`)).toEqual([
      'Elapsed 1:02:03', 'Packets 12,345', 'SIP 9,876 (123/s)', 'Calls 30 done, 4 active', 'Drops —', 'Evicted 9',
    ]);
    expect(metrics.at(-1)!.title).toMatch(/^calls \(7\) and other dialogs \(2\) dropped from memory by the limit \(256 MiB\)/);
  });
});
