/** How the live bar words a live capture's status: elapsed time, counts, drops, the memory limit, the state. */
import type { LiveState, LiveStatus } from '../../shared/ipcContract.ts';

/** "0:01:23" (hours grow past 9 as needed). */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en');
}

export const STATE_TEXT: Readonly<Record<LiveState, string>> = {
  starting: 'Starting…', running: 'Capturing', stopping: 'Stopping…', stopped: 'Stopped', failed: 'Capture failed',
};

/** The tool's drops; dumpcap only tells when it stops. */
export function dropsText(s: Pick<LiveStatus, 'drops' | 'tool' | 'state'>): { text: string; title: string } {
  if (s.drops !== null) return { text: formatCount(s.drops), title: `packets ${s.tool || 'the capture tool'} reports it dropped` };
  const later = s.tool === 'dumpcap' && (s.state === 'running' || s.state === 'stopping');
  return { text: '—', title: later ? 'dumpcap reports its drops when it stops' : 'not reported by the capture tool yet' };
}

/** "256 MiB" or "1,000 calls" (or both): what bounds the calls kept in memory. */
export function limitText(s: Pick<LiveStatus, 'limitBytes' | 'limitCalls'>): string {
  const parts: string[] = [];
  if (s.limitCalls !== null) parts.push(`${formatCount(s.limitCalls)} calls`);
  if (s.limitBytes > 0) parts.push(`${Math.round(s.limitBytes / 2 ** 20)} MiB`);
  return parts.join(', ');
}

export function rateText(perSecond: number): string {
  return perSecond >= 100 ? `${formatCount(Math.round(perSecond))}/s` : `${perSecond.toFixed(1)}/s`;
}

/** The live metrics in display order: id suffix, label, value, tooltip. */
export function liveMetrics(s: LiveStatus): { key: string; label: string; value: string; title: string }[] {
  const drops = dropsText(s);
  const evicted = s.evictedCalls + s.evictedUsages;
  return [
    { key: 'elapsed', label: 'Elapsed', value: formatElapsed(s.elapsedMs), title: 'time since the capture started' },
    { key: 'packets', label: 'Packets', value: formatCount(s.packets), title: `${formatCount(s.bytes)} bytes captured` },
    { key: 'messages', label: 'SIP', value: `${formatCount(s.sipMessages)} (${rateText(s.messagesPerSecond)})`, title: 'SIP messages read, and per second' },
    { key: 'calls', label: 'Calls', value: `${formatCount(s.completedCalls)} done, ${formatCount(s.activeCalls)} active`, title: 'calls completed, and in progress' },
    { key: 'drops', label: 'Drops', value: drops.text, title: drops.title },
    {
      key: 'evicted', label: 'Evicted', value: formatCount(evicted),
      title: `calls (${formatCount(s.evictedCalls)}) and other dialogs (${formatCount(s.evictedUsages)}) dropped from memory by the limit (${limitText(s)}); save the live capture to keep everything`,
    },
  ];
}
