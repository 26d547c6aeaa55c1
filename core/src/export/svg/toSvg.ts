/**
 * The ladder as a standalone SVG 1.1 picture drawn from the shared pure layout, no browser involved:
 * lanes with headers and lifelines, one arrow group per message row (retransmissions folded), labels,
 * hop notes, transaction brackets and times. Style and font stack are embedded; no external references.
 */
import type { LadderModel } from '../../analyze/ladder/ladderModel.ts';
import { selectLadder, timeDigits, type ExportSource, type LadderSelectionOptions } from '../exportSource.ts';
import { layoutLadder, type LadderGeometry, type PlacedRow, type PlacedText } from '../ladder/layoutLadder.ts';
import { ladderSubtitle, ladderTitle } from '../ladder/ladderTitle.ts';
import { ladderTexts } from '../ladder/ladderTexts.ts';
import { displayWidth } from '../ladder/displayWidth.ts';
import { laneHeader } from '../ladder/rowText.ts';
import { rowTimes, type TimeMode } from '../ladder/timeLabel.ts';
import { rowClass, SVG_CELL_PX, SVG_FONT_PX, SVG_LINE_PX, SVG_NOTE_FONT_PX, SVG_STYLE } from './svgStyle.ts';
import { num, xmlText } from './xmlText.ts';

export interface SvgOptions extends LadderSelectionOptions {
  /** Hop annotations under each arrow (default true). */
  readonly hops?: boolean;
  /** In the notes, every Via entry (default true) or only the one pushed or popped. */
  readonly viaStack?: boolean;
  readonly time?: TimeMode;
  readonly timeDigits?: number;
  /** Start with `<?xml …?>` (default true; false to inline the picture in HTML). */
  readonly xmlDeclaration?: boolean;
}

const HEADING_PX = 48;
const measure = (text: string): number => displayWidth(text) * SVG_CELL_PX;

export interface SvgLadder {
  svg: string;
  ladder: LadderModel;
  geometry: LadderGeometry;
  warnings: string[];
}

function textLines(t: PlacedText, cls: string): string {
  const anchor = t.anchor === 'middle' ? ' text-anchor="middle"' : '';
  const spans = t.lines.map((line, i) => `<tspan x="${num(t.x)}" y="${num(t.y + (i + 1) * SVG_LINE_PX - 4)}">${xmlText(line)}</tspan>`).join('');
  return `<text class="${cls}"${anchor}>${spans}</text>`;
}

/** A box behind text; `scale` shrinks the measured width for text drawn smaller than the layout measured (notes). */
function background(t: PlacedText, cls: string, pad: number, scale = 1): string {
  const width = t.width * scale;
  const left = t.anchor === 'middle' ? t.x - width / 2 : t.x;
  return `<rect class="${cls}" x="${num(left - pad)}" y="${num(t.y)}" width="${num(width + 2 * pad)}" height="${num(t.lines.length * SVG_LINE_PX + 2)}" rx="3"/>`;
}

function arrowHead(row: PlacedRow): string {
  const tip = row.points[row.points.length - 1]!;
  const back = row.direction === 'right' ? -8 : 8;
  return `<polygon points="${num(tip.x)},${num(tip.y)} ${num(tip.x + back)},${num(tip.y - 4)} ${num(tip.x + back)},${num(tip.y + 4)}"/>`;
}

/** The picture and the data it was drawn from (the HTML export lists the same rows). */
export function svgLadder(source: ExportSource, calls: readonly number[], options: SvgOptions = {}): SvgLadder {
  const { ladder, warnings } = selectLadder(source, calls, options);
  const digits = timeDigits(source, options.timeDigits);
  const texts = ladderTexts(source, ladder, { hops: options.hops ?? true, viaStack: options.viaStack ?? true });
  const times = rowTimes(options.time ?? 'rel', ladder.rows.map((r) => r.timestamp), ladder.start, digits);
  const timeChars = times.reduce((m, t) => Math.max(m, displayWidth(t)), 4);
  const geometry = layoutLadder(
    {
      lanes: ladder.lanes.map((lane) => ({ header: laneHeader(lane) })),
      rows: ladder.rows.map((row, i) => ({ from: row.from, to: row.to, label: [texts[i]!.label], notes: texts[i]!.notes })),
      brackets: ladder.brackets,
    },
    {
      measure, lineHeight: SVG_LINE_PX, headerLineHeight: SVG_LINE_PX, headerGap: 14, timeWidth: timeChars * SVG_CELL_PX + 10,
      laneGapMin: 150, labelPad: 10, labelGap: 4, arrowHeight: 8, noteGap: 2, noteIndent: 12, rowGap: 8, loopWidth: 36,
      loopHeight: 14, bracketStep: 6, bracketSlots: 6, bracketPad: 6, margin: 16, maxLabelWidth: 520, maxNoteWidth: 700, noteHang: '    ',
    },
  );
  const title = ladderTitle(source, ladder, calls);
  const subtitle = ladderSubtitle(ladder, digits);
  const width = Math.max(geometry.width, measure(title) + 32, measure(subtitle) + 32);
  const height = geometry.height + HEADING_PX;
  const out: string[] = [];
  if (options.xmlDeclaration ?? true) out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="sipladder" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}" role="img" aria-labelledby="sipladder-title">`);
  out.push(`<title id="sipladder-title">${xmlText(title)}</title>`, `<desc>${xmlText(subtitle)}</desc>`);
  out.push(`<style>${SVG_STYLE}</style>`);
  out.push(`<rect x="0" y="0" width="${num(width)}" height="${num(height)}" fill="#ffffff"/>`);
  out.push(`<text class="heading" x="16" y="22">${xmlText(title)}</text>`, `<text class="subheading" x="16" y="40">${xmlText(subtitle)}</text>`);
  out.push(`<g transform="translate(0,${HEADING_PX})">`);
  out.push('<g class="lanes">');
  for (const lane of geometry.lanes) {
    const model = ladder.lanes[lane.lane]!;
    out.push(`<g class="lane" data-lane="${lane.lane}" data-key="${xmlText(model.key)}">`);
    out.push(`<line class="lifeline" x1="${num(lane.x)}" y1="${num(geometry.lifelineTop)}" x2="${num(lane.x)}" y2="${num(geometry.lifelineBottom)}"/>`);
    out.push(background(lane.header, 'lane-box', 8));
    const [first = '', ...rest] = lane.header.lines;
    out.push(textLines({ ...lane.header, lines: [first] }, 'lane-name'));
    if (rest.length > 0) out.push(textLines({ ...lane.header, lines: rest, y: lane.header.y + SVG_LINE_PX }, 'lane-detail'));
    out.push('</g>');
  }
  out.push('</g>', '<g class="brackets">');
  geometry.brackets.forEach((b) => {
    const span = ladder.brackets[b.span]!;
    out.push(`<path class="bracket" d="M${num(b.x + 4)},${num(b.y1 - 3)} H${num(b.x)} V${num(b.y2 + 3)} H${num(b.x + 4)}"><title>${xmlText(`${span.method} transaction ${span.transaction}, hop ${span.depth}`)}</title></path>`);
  });
  out.push('</g>', '<g class="rows">');
  geometry.rows.forEach((placed, i) => {
    const row = ladder.rows[i]!;
    const tip = `frame ${row.frame} · ${times[i]} s · ${row.srcEndpoint} → ${row.dstEndpoint} ${row.transport.toUpperCase()}${row.callId !== undefined ? ` · Call-ID ${row.callId}` : ''}`;
    out.push(`<g class="arrow ${rowClass(row)}" data-row="${i}" data-index="${row.index}" data-frame="${row.frame}" data-retransmissions="${row.retransmissions.length}">`);
    out.push(`<title>${xmlText(tip)}</title>`);
    out.push(`<text class="time" x="${num(geometry.timeX)}" y="${num(placed.y + 4)}">${xmlText(times[i] ?? '')}</text>`);
    out.push(background(placed.label, 'label-bg', 3), textLines(placed.label, 'label'));
    out.push(`<path d="${placed.path}"/>`, arrowHead(placed), '</g>');
    if (placed.notes !== undefined) {
      out.push(`<g class="hop-note" data-row="${i}">`, background(placed.notes, 'note-bg', 5, SVG_NOTE_FONT_PX / SVG_FONT_PX), textLines(placed.notes, 'note'), '</g>');
    }
  });
  out.push('</g>', '</g>', '</svg>');
  return { svg: out.join('\n') + '\n', ladder, geometry, warnings };
}

export function toSvg(source: ExportSource, calls: readonly number[], options: SvgOptions = {}): string {
  return svgLadder(source, calls, options).svg;
}
