/**
 * The ladder's geometry, pure (no DOM): lanes get x positions, messages get rows (retransmissions
 * folded into their original with a count, RFC 3261 §17.1.1.2 / §17.2.1), arrows get paths and labels,
 * and transactions per hop get brackets in a gutter, assigned to slots so overlapping ones sit side by
 * side. Coordinates are in the ladder body (below the lane headers), y growing down.
 */
import type { LadderData, LadderMessage } from '../../shared/apiTypes.ts';
import { assignLanes, type Lane, type LaneMode } from './lanes.ts';

export interface LadderLayoutOptions {
  laneMode: LaneMode;
  aliases: Readonly<Record<string, string>>;
  foldRetransmissions: boolean;
  rowHeightPx: number;
  laneSpacingPx: number;
  timeColumnPx: number;
  headerHeightPx: number;
  /** When set, lane spacing stretches or shrinks (within ×0.75–×1.5 of laneSpacingPx) to fill this width. */
  fitWidthPx?: number;
}

export const DEFAULT_LAYOUT: LadderLayoutOptions = {
  laneMode: 'node', aliases: {}, foldRetransmissions: true, rowHeightPx: 30, laneSpacingPx: 190, timeColumnPx: 120, headerHeightPx: 50,
};

export interface PlacedLane extends Lane {
  x: number;
}

export interface LadderRow {
  message: LadderMessage;
  /** Row number (0-based) in the body. */
  row: number;
  /** The arrow's line, body coordinates. */
  y: number;
  x1: number;
  x2: number;
  /** SVG path of the arrow shaft (a loop back to the same lane when both ends merge). */
  path: string;
  labelX: number;
  labelAnchor: 'middle' | 'start';
  label: string;
  /** "SDP PCMU/8000" when the message carries SDP. */
  badge: string;
  /** Retransmissions folded into this row. */
  folded: number;
  /** A retransmission shown on its own row (folding off). */
  retransmission: boolean;
}

export interface Bracket {
  transaction: number;
  slot: number;
  x: number;
  y1: number;
  y2: number;
}

export interface LadderLayout {
  lanes: PlacedLane[];
  rows: LadderRow[];
  brackets: Bracket[];
  width: number;
  /** Height of the body (all rows), without the header. */
  bodyHeight: number;
  rowHeight: number;
  headerHeight: number;
  timeColumnPx: number;
  /** Row number of each message index shown (folded retransmissions map to their original's row). */
  rowOfMessage: Map<number, number>;
}

const BRACKET_SLOTS = 6;
const BRACKET_STEP_PX = 5;
const LOOP_WIDTH_PX = 36;

export function messageLabel(m: LadderMessage): string {
  return m.request ? m.method : `${m.statusCode} ${m.reason}`.trim();
}

export function layoutLadder(data: Pick<LadderData, 'messages' | 'nodes'>, options: LadderLayoutOptions = DEFAULT_LAYOUT): LadderLayout {
  const { messages } = data;
  const { lanes, src, dst } = assignLanes(messages, data.nodes, options.laneMode, options.aliases);
  const rowH = options.rowHeightPx;
  const shown: number[] = [];
  const rowOfMessage = new Map<number, number>();
  const foldedCount = new Map<number, number>();
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i]!;
    if (options.foldRetransmissions && m.retransmissionOf >= 0 && rowOfMessage.has(m.retransmissionOf)) {
      const row = rowOfMessage.get(m.retransmissionOf)!;
      rowOfMessage.set(m.index, row);
      foldedCount.set(row, (foldedCount.get(row) ?? 0) + 1);
      continue;
    }
    rowOfMessage.set(m.index, shown.length);
    shown.push(i);
  }

  const brackets = placeBrackets(shown.map((i) => messages[i]!.transaction), rowH);
  const slotsUsed = brackets.reduce((max, b) => Math.max(max, b.slot + 1), 0);
  const gutter = 6 + slotsUsed * BRACKET_STEP_PX + 8;
  for (const b of brackets) b.x = options.timeColumnPx + 6 + b.slot * BRACKET_STEP_PX;
  const spacing = laneSpacing(options, gutter, lanes.length);
  const x0 = options.timeColumnPx + gutter + spacing / 2;
  const placed: PlacedLane[] = lanes.map((l, i) => ({ ...l, x: Math.round(x0 + i * spacing) }));
  const lastLaneX = placed.length > 0 ? placed[placed.length - 1]!.x : x0;
  const width = Math.ceil(lastLaneX + spacing / 2);

  const rows: LadderRow[] = shown.map((i, row) => {
    const m = messages[i]!;
    const x1 = placed[src[i]!]!.x;
    const x2 = placed[dst[i]!]!.x;
    const y = row * rowH + Math.round(rowH * 0.62);
    const loop = x1 === x2;
    const path = loop
      ? `M${x1},${y - 6}h${LOOP_WIDTH_PX}v12h${-LOOP_WIDTH_PX}`
      : `M${x1},${y}H${x2}`;
    const badge = m.sdp ? (m.codec ? `SDP ${m.codec}` : 'SDP') : '';
    return {
      message: m, row, y, x1, x2, path, labelX: loop ? x1 + LOOP_WIDTH_PX + 6 : (x1 + x2) / 2, labelAnchor: loop ? 'start' : 'middle',
      label: messageLabel(m), badge, folded: foldedCount.get(row) ?? 0, retransmission: m.retransmissionOf >= 0,
    };
  });
  return {
    lanes: placed, rows, brackets, width, bodyHeight: rows.length * rowH + 8, rowHeight: rowH,
    headerHeight: options.headerHeightPx, timeColumnPx: options.timeColumnPx, rowOfMessage,
  };
}

export function laneSpacing(options: LadderLayoutOptions, gutterPx: number, lanes: number): number {
  const base = options.laneSpacingPx;
  if (options.fitWidthPx === undefined || lanes === 0) return base;
  const fit = Math.floor((options.fitWidthPx - options.timeColumnPx - gutterPx) / lanes);
  return Math.max(Math.round(base * 0.75), Math.min(Math.round(base * 1.5), fit));
}

/** One bracket per transaction from its first to its last row; overlapping brackets get different slots. */
export function placeBrackets(transactionOfRow: readonly number[], rowH: number): Bracket[] {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  transactionOfRow.forEach((tx, row) => {
    if (tx < 0) return;
    if (!first.has(tx)) first.set(tx, row);
    last.set(tx, row);
  });
  const spans = [...first.entries()].map(([tx, a]) => ({ tx, a, b: last.get(tx)! })).sort((p, q) => p.a - q.a || p.tx - q.tx);
  const slotEnd: number[] = [];
  return spans.map(({ tx, a, b }) => {
    let slot = slotEnd.findIndex((end) => end < a);
    if (slot < 0) slot = slotEnd.length < BRACKET_SLOTS ? slotEnd.length : BRACKET_SLOTS - 1;
    slotEnd[slot] = Math.max(slotEnd[slot] ?? -1, b);
    return { transaction: tx, slot, x: 0, y1: a * rowH + rowH * 0.3, y2: b * rowH + rowH * 0.85 };
  });
}
