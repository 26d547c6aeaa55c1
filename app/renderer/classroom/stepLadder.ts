/**
 * The step-through's ladder geometry, pure: one lane per node named as the lesson names it (sender before
 * receiver, in order of first appearance, so a call reads left to right), one row per message in time
 * order, arrows from lane to lane (a loop when both ends are the same node). Lanes spread over the width.
 */
import type { StepView } from '../../shared/classroomTypes.ts';

export interface StepLadderOptions {
  widthPx: number;
  rowHeightPx: number;
  timeColumnPx: number;
  minLaneSpacingPx: number;
  /** Font size of arrow labels, to fit them between lanes. */
  fontPx: number;
}

export interface StepLane {
  name: string;
  x: number;
  endpoints: string[];
}

export interface StepRow {
  /** Position in the step list (0-based): the row is revealed once position < revealed count. */
  position: number;
  step: StepView;
  y: number;
  x1: number;
  x2: number;
  path: string;
  head: string;
  labelX: number;
  labelAnchor: 'middle' | 'start';
  label: string;
  badge: string;
}

export interface StepLadderLayout {
  lanes: StepLane[];
  rows: StepRow[];
  width: number;
  height: number;
  rowHeight: number;
}

const LOOP_WIDTH_PX = 40;
/** Monospace glyphs are about 0.6 em wide. */
const CHAR_EM = 0.62;

/** What an arrow says: the method of a request (its URI is in the side panel), the status of a response. */
export function arrowLabel(step: Pick<StepView, 'request' | 'method' | 'label'>): string {
  return step.request ? step.method || step.label : step.label;
}

export function fitLabel(text: string, widthPx: number, fontPx: number): string {
  const max = Math.max(3, Math.floor(widthPx / (fontPx * CHAR_EM)));
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

export function layoutStepLadder(steps: readonly StepView[], options: StepLadderOptions): StepLadderLayout {
  const laneOf = new Map<string, number>();
  const lanes: StepLane[] = [];
  const lane = (name: string, endpoint: string): number => {
    let i = laneOf.get(name);
    if (i === undefined) {
      i = lanes.length;
      laneOf.set(name, i);
      lanes.push({ name, x: 0, endpoints: [] });
    }
    const l = lanes[i]!;
    if (!l.endpoints.includes(endpoint) && l.endpoints.length < 20) l.endpoints.push(endpoint);
    return i;
  };
  const ends = steps.map((s) => [lane(s.from, s.src), lane(s.to, s.dst)] as const);
  const available = options.widthPx - options.timeColumnPx;
  const spacing = Math.max(options.minLaneSpacingPx, Math.floor(available / Math.max(1, lanes.length)));
  lanes.forEach((l, i) => {
    l.x = Math.round(options.timeColumnPx + spacing / 2 + i * spacing);
  });
  const rowH = options.rowHeightPx;
  const rows = steps.map((step, position): StepRow => {
    const [from, to] = ends[position]!;
    const x1 = lanes[from]!.x;
    const x2 = lanes[to]!.x;
    const y = position * rowH + Math.round(rowH * 0.62);
    const loop = x1 === x2;
    const dir = x2 > x1 ? 1 : -1;
    const headPx = Math.max(8, Math.round(options.fontPx * 0.7));
    // A label may run past the lanes it joins (its row is its own), up to about one and a half lane widths.
    const room = loop ? spacing - LOOP_WIDTH_PX - 12 : Math.max(Math.abs(x2 - x1) - 16, Math.round(spacing * 1.5));
    return {
      position, step, y, x1, x2,
      path: loop ? `M${x1},${y - 7}h${LOOP_WIDTH_PX}v14h${-LOOP_WIDTH_PX}` : `M${x1},${y}H${x2 - dir * headPx}`,
      head: loop ? `M${x1},${y + 7}l${headPx},${-headPx / 2}v${headPx}z` : `M${x2},${y}l${-dir * headPx},${-headPx / 2}v${headPx}z`,
      labelX: loop ? x1 + LOOP_WIDTH_PX + 6 : (x1 + x2) / 2, labelAnchor: loop ? 'start' : 'middle',
      label: fitLabel(arrowLabel(step), room, options.fontPx),
      badge: step.sdp ? fitLabel(step.retransmission ? 'SDP ↻' : 'SDP', room, options.fontPx * 0.8) : step.retransmission ? '↻' : '',
    };
  });
  const lastX = lanes.length > 0 ? lanes[lanes.length - 1]!.x : options.timeColumnPx;
  return { lanes, rows, width: Math.max(options.widthPx, Math.ceil(lastX + spacing / 2)), height: rows.length * rowH + 10, rowHeight: rowH };
}

/** Rows (by position) that intersect a vertical window of the body, with a margin: only those are drawn. */
export function rowsInView(layout: Pick<StepLadderLayout, 'rowHeight'>, topPx: number, heightPx: number, count: number, marginRows = 4): { first: number; end: number } {
  const first = Math.max(0, Math.floor(topPx / layout.rowHeight) - marginRows);
  const end = Math.min(count, Math.ceil((topPx + heightPx) / layout.rowHeight) + marginRows);
  return { first, end: Math.max(first, end) };
}

/** Time since the first message, as the ladder's time column shows it: "+1.234 s". */
export function formatOffset(offsetMs: number): string {
  return `+${(Math.max(0, offsetMs) / 1000).toFixed(3)} s`;
}
