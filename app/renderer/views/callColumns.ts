/** The call list's columns: what each shows, how wide, how a row's value reads. */
import type { CallRow, SortKey } from '../../shared/apiTypes.ts';

export interface CallColumn {
  key: SortKey;
  title: string;
  /** CSS grid track. */
  width: string;
  numeric: boolean;
  text(row: CallRow): string;
}

export function formatStart(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '';
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

export function formatMs(ms: number | null): string {
  if (ms === null) return '';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export const CALL_COLUMNS: readonly CallColumn[] = [
  { key: 'start', title: 'Start (UTC)', width: 'minmax(15em, 1.2fr)', numeric: false, text: (r) => formatStart(r.startMs) },
  { key: 'from', title: 'From', width: 'minmax(8em, 2fr)', numeric: false, text: (r) => r.from },
  { key: 'to', title: 'To', width: 'minmax(8em, 2fr)', numeric: false, text: (r) => r.to },
  { key: 'callId', title: 'Call-ID', width: 'minmax(8em, 2fr)', numeric: false, text: (r) => r.callId },
  { key: 'method', title: 'Method', width: '6.5em', numeric: false, text: (r) => r.method },
  { key: 'outcome', title: 'Outcome', width: '7.5em', numeric: false, text: (r) => r.outcome },
  { key: 'status', title: 'Status', width: '4.8em', numeric: true, text: (r) => (r.status ? String(r.status) : '') },
  { key: 'pdd', title: 'PDD', width: '5.5em', numeric: true, text: (r) => formatMs(r.pddMs) },
  { key: 'duration', title: 'Duration', width: '6.5em', numeric: true, text: (r) => formatMs(r.durationMs) },
  { key: 'messages', title: 'Msgs', width: '4.5em', numeric: true, text: (r) => String(r.messages) },
  { key: 'legs', title: 'Legs', width: '4em', numeric: true, text: (r) => String(r.legs) },
  { key: 'issues', title: 'Issues', width: '4.8em', numeric: true, text: (r) => (r.issues ? String(r.issues) : '') },
];

export const GRID_TEMPLATE = CALL_COLUMNS.map((c) => c.width).join(' ');

/** CSS class of a status code's class (1xx…6xx). */
export function statusClass(status: number): string {
  return status >= 100 && status < 700 ? `s${Math.floor(status / 100)}xx` : 'snone';
}
