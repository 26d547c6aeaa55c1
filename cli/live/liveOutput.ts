/**
 * What `capture` and `listen-hep` print: one line per completed call (or one JSON object with --json), a
 * statistics line on a terminal, and a summary when the capture stops.
 */
import type { CallAnalysis } from '../../core/src/analyze/analysis.ts';
import { buildFilterData } from '../../core/src/analyze/filter/filterData.ts';
import { rowJson } from '../../core/src/export/jsonExport.ts';
import type { LiveDetail, LiveEntry } from '../../core/src/pipeline/liveSession.ts';
import { formatIsoTimestamp } from '../../core/src/shared/time.ts';
import { printable, type Style } from '../format.ts';
import type { FeedStats, FeedSummary } from './liveFeed.ts';

const n = (value: number): string => value.toLocaleString('en');
/** Memory for people, in MiB (--limit-mb counts MiB too). */
const mib = (bytes: number): string => `${Math.round(bytes / 1048576)} MiB`;

export function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  return `${h}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

function seconds(ms: number | undefined): string {
  return ms === undefined ? '—' : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)}s`;
}

/** `10:00:01.234  answered   200  PDD 0.12s  dur 3.40s  7 msgs  sip:alice@a → sip:bob@b  [a84b4c76e66710]` */
export function callLine(entry: LiveEntry, call: CallAnalysis, style: Style): string {
  const outcome = call.outcome.padEnd(10);
  const painted = call.outcome === 'answered' ? style.green(outcome) : call.outcome === 'inProgress' ? outcome : style.yellow(outcome);
  const notes = [entry.updates > 0 ? `update ${entry.updates}` : '', entry.closedBy === 'idle' ? 'closed after silence' : '',
    entry.closedBy === 'limit' ? 'closed early: memory limit' : '', call.legs > 1 ? `${call.legs} legs` : '', call.issues.length ? `${call.issues.length} issues` : '']
    .filter(Boolean);
  return [
    formatIsoTimestamp(call.start, 3).slice(11, 23), painted, String(call.finalStatus || '—').padStart(3),
    `PDD ${seconds(call.postDialDelayMs)}`.padEnd(10), `dur ${seconds(call.durationMs)}`.padEnd(10), `${call.messages} msgs`.padStart(8),
    `${printable(call.from ?? '?')} → ${printable(call.to ?? '?')}`, style.dim(`[${printable(call.callIds.join(' '))}]`),
    notes.length ? style.dim(`(${notes.join(', ')})`) : '',
  ].join('  ').trimEnd();
}

/** Non-call entries for --all: `10:00:01.234  registration  REGISTER  2 msgs  [callid]`. */
export function usageLine(entry: LiveEntry, style: Style): string {
  const u = entry.usages[0];
  const what = u?.registration ? `${u.kind} ${u.registration.outcome} ${printable(u.registration.aor ?? '')}` : u?.kind ?? 'other';
  return [formatIsoTimestamp(entry.firstTimestamp, 3).slice(11, 23), what, (u?.methods ?? []).join(','), `${entry.messages} msgs`,
    style.dim(`[${printable(entry.callIds.join(' '))}]`)].join('  ');
}

/**
 * The entry's rows as `calls --json` writes them (docs/export-schemas.md, "calls[]"), plus what live output adds:
 * `event` ("call" or "usage"), `id` (the live id, also written as `row`), `closedBy` and `updates`.
 */
export function entryObjects(entry: LiveEntry, detail: LiveDetail, digits: number): Record<string, unknown>[] {
  const data = buildFilterData(detail.model, detail.analysis, detail.lookup);
  return data.rows.map((row) => ({
    event: row.kind === 'call' ? 'call' : 'usage', id: entry.id, closedBy: entry.closedBy, updates: entry.updates,
    ...rowJson({ data, precisionDigits: digits }, row), row: entry.id,
  }));
}

export function statsObject(stats: FeedStats, label: string): Record<string, unknown> {
  const s = stats.session;
  return {
    event: 'stats', source: label, elapsedMs: Math.round(stats.elapsedMs), packets: stats.source.packets, bytes: stats.source.bytes,
    sipMessages: stats.source.sipMessages, messagesPerSecond: Math.round(stats.messagesPerSecond),
    drops: stats.source.drops ?? null, dropsByInterface: stats.source.dropsByInterface ?? [],
    calls: { completed: s.completedCalls, active: s.activeCalls, kept: s.keptCalls, evicted: s.evictedCalls, forcedClosures: s.forcedClosures, updates: s.updates },
    usages: { completed: s.completedUsages, active: s.activeUsages, kept: s.keptUsages, evicted: s.evictedUsages },
    outcomes: s.outcomes, estimatedBytes: s.estimatedBytes, limitBytes: s.limitBytes, ...(s.limitCalls !== undefined ? { limitCalls: s.limitCalls } : {}),
    rssBytes: stats.rssBytes, heapUsedBytes: stats.heapUsedBytes, issues: stats.source.issues,
  };
}

function dropsText(stats: FeedStats, tool: string | undefined): string {
  if (stats.source.drops !== undefined) return n(stats.source.drops);
  return tool === 'dumpcap' ? 'told at stop' : '—';
}

function dropsPart(stats: FeedStats, tool: string | undefined): string {
  return tool === undefined && stats.source.drops === undefined ? '' : `drops ${dropsText(stats, tool)}`;
}

/** The terminal's statistics line (redrawn in place). */
export function statsLine(stats: FeedStats, label: string, tool: string | undefined): string {
  const s = stats.session;
  return [`● ${label}`, clock(stats.elapsedMs), `packets ${n(stats.source.packets)}`,
    `SIP ${n(stats.source.sipMessages)} (${n(Math.round(stats.messagesPerSecond))}/s)`,
    `calls ${n(s.completedCalls)} +${n(s.activeCalls)} active`, dropsPart(stats, tool),
    s.evictedCalls + s.evictedUsages > 0 ? `evicted ${n(s.evictedCalls + s.evictedUsages)}` : '', `mem ${mib(stats.rssBytes)}`]
    .filter(Boolean).join('  ');
}

export function summaryText(summary: FeedSummary, label: string, tool: string | undefined): string {
  const st = summary.stats;
  const s = st.session;
  const outcomes = Object.entries(s.outcomes).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${n(v)}`).join(', ');
  const lines = [
    `${summary.endedBy === 'input' ? 'Read' : 'Captured'} for ${clock(st.elapsedMs)} from ${label}: ${n(st.source.packets)} packets, ${n(st.source.sipMessages)} SIP messages.`,
    `Calls: ${n(s.completedCalls)}${outcomes ? ` (${outcomes})` : ''}; other dialogs and usages: ${n(s.completedUsages)}.`,
    tool === undefined && st.source.drops === undefined ? '' : `Drops reported by ${tool ?? 'the source'}: ${st.source.drops !== undefined ? n(st.source.drops) : 'none reported'}` +
      (st.source.dropsByInterface && st.source.dropsByInterface.length > 1
        ? ` (${st.source.dropsByInterface.map((d) => `${d.name} ${n(d.dropped)}`).join(', ')})` : '') + '.',
    `Kept in memory: ${n(s.keptCalls)} calls, ${n(s.keptUsages)} others (≈ ${mib(s.estimatedBytes)} of ${mib(s.limitBytes)}${s.limitCalls !== undefined ? `, limit ${n(s.limitCalls)} calls` : ''}); ` +
      `evicted ${n(s.evictedCalls)} calls, ${n(s.evictedUsages)} others` + (s.forcedClosures ? `; ${n(s.forcedClosures)} closed early by the limit` : '') + '.',
  ];
  const issues = Object.entries(st.source.issues);
  lines.splice(0, lines.length, ...lines.filter(Boolean));
  if (issues.length > 0) lines.push(`Issues: ${issues.slice(0, 6).map(([code, count]) => `${code} ${n(count)}`).join(', ')}${issues.length > 6 ? ', …' : ''}.`);
  return lines.join('\n');
}
