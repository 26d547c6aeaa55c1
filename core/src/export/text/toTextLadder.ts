/**
 * The ladder as terminal text (what `sipladder ladder` prints): a title, then the classic ladder when its
 * lanes fit the width with at least 14 columns between them, else the compact ladder (lettered lane
 * columns, labels at the right). Labels are never cut: they wrap. Streams as chunks of lines.
 */
import { selectLadder, timeDigits, type ExportSource, type LadderSelectionOptions } from '../exportSource.ts';
import { ladderSubtitle, ladderTitle } from '../ladder/ladderTitle.ts';
import { ladderTexts } from '../ladder/ladderTexts.ts';
import { laneHeader } from '../ladder/rowText.ts';
import { rowTimes, type TimeMode } from '../ladder/timeLabel.ts';
import { displayWidth } from '../ladder/displayWidth.ts';
import { wrapText } from '../ladder/wrapText.ts';
import { ASCII_GLYPHS, asciiText, UNICODE_GLYPHS } from './glyphs.ts';
import { compactLadder } from './textCompact.ts';
import { PALETTE, STYLE, type TextRows } from './textStyles.ts';
import { textGeometry, wideHeader, wideRows } from './textWide.ts';
import type { TextCanvas } from './textCanvas.ts';

export type TextLayoutMode = 'auto' | 'wide' | 'compact';

export interface TextLadderOptions extends LadderSelectionOptions {
  /** Columns available (a terminal's width, or --width). */
  readonly width: number;
  readonly time?: TimeMode;
  /** Via stack, Record-Route, Route, Max-Forwards, Request-URI and NAT notes under each arrow. */
  readonly hops?: boolean;
  readonly ascii?: boolean;
  /** ANSI colours (only for a terminal that wants them). */
  readonly color?: boolean;
  /** 'auto' (default): wide when the lanes fit the width, else compact. */
  readonly layout?: TextLayoutMode;
  readonly timeDigits?: number;
  /** With hops: every Via entry (default) or only the pushed/popped one. */
  readonly viaStack?: boolean;
}

const TIME_TITLES: Record<TimeMode, string> = { abs: 'time UTC', rel: 'time (s)', delta: 'delta (s)' };

/** The text ladder in chunks of whole lines (each chunk ends with a newline). */
export function* textLadderChunks(source: ExportSource, calls: readonly number[], options: TextLadderOptions): Generator<string> {
  const width = Math.max(40, Math.floor(options.width));
  const ascii = options.ascii ?? false;
  const fold = (s: string): string => (ascii ? asciiText(s) : s);
  const { ladder, warnings } = selectLadder(source, calls, options);
  const digits = timeDigits(source, options.timeDigits);
  const mode = options.time ?? 'rel';
  const texts = ladderTexts(source, ladder, { hops: options.hops ?? false, ascii, viaStack: options.viaStack });
  const rows: TextRows = {
    headers: ladder.lanes.map((lane) => laneHeader(lane).map(fold)),
    labels: texts.map((t) => fold(t.label)),
    notes: texts.map((t) => t.notes.map(fold)),
    times: rowTimes(mode, ladder.rows.map((r) => r.timestamp), ladder.start, digits),
  };
  const palette = options.color ? PALETTE : undefined;
  const bold = (s: string): string => (palette ? `\u001b[${palette[STYLE.header]}m${s}\u001b[0m` : s);
  const wrap = (text: string): string[] => wrapText(fold(text), width, displayWidth);
  let head = wrap(ladderTitle(source, ladder, calls)).map(bold).join('\n') + '\n' + wrap(ladderSubtitle(ladder, digits)).join('\n') + '\n';
  for (const w of warnings) head += wrap(`warning: ${w}`).join('\n') + '\n';
  yield head + '\n';
  if (ladder.rows.length === 0) return;

  const g = ascii ? ASCII_GLYPHS : UNICODE_GLYPHS;
  const layout = options.layout ?? 'auto';
  const geometry = layout === 'compact' ? undefined : textGeometry(rows, ladder, width, options.hops ?? false);
  const canvases: Iterable<TextCanvas> = geometry !== undefined && (geometry.fits || layout === 'wide')
    ? (function* () {
      yield wideHeader(geometry, g, TIME_TITLES[mode]);
      yield* wideRows(geometry, ladder, rows.times, g);
    })()
    : compactLadder(ladder, rows, width, g, TIME_TITLES[mode]);
  let chunk = '';
  for (const canvas of canvases) {
    chunk += canvas.lines(palette).join('\n') + '\n';
    if (chunk.length > 1 << 16) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

export function toTextLadder(source: ExportSource, calls: readonly number[], options: TextLadderOptions): string {
  let out = '';
  for (const chunk of textLadderChunks(source, calls, options)) out += chunk;
  return out;
}
