/** Terminal formatting helpers: aligned tables that fit the width, colour only on a TTY (and never with NO_COLOR). */
export interface Style {
  readonly on: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
}

export function makeStyle(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Style {
  const on = Boolean(stream.isTTY) && env.NO_COLOR === undefined && env.TERM !== 'dumb';
  const wrap = (open: number, close: number) => (text: string) => (on && text !== '' ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return { on, bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39), cyan: wrap(36, 39) };
}

/** The width to fit: the terminal's, else $COLUMNS, else none (a pipe or file gets whole cells). */
export function outputWidth(stream: { isTTY?: boolean; columns?: number }, env: NodeJS.ProcessEnv = process.env): number | undefined {
  if (stream.isTTY && stream.columns !== undefined && stream.columns > 0) return stream.columns;
  const columns = Number(env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : undefined;
}

/** Left-aligned first column, right-aligned numbers. */
export function table(rows: readonly (readonly string[])[], indent = '  '): string {
  if (rows.length === 0) return '';
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) => indent + row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd())
    .join('\n');
}

export interface Column {
  readonly header: string;
  readonly align?: 'left' | 'right';
  /** Free text that may be cut with an ellipsis to fit the width; larger shrinks first. */
  readonly shrink?: number;
  /** Narrowest a shrinking column gets. */
  readonly min?: number;
  /** When shrinking is not enough, columns are left out, the largest `drop` first. */
  readonly drop?: number;
}

/**
 * A table whose columns fit `width`: shrinkable columns lose characters (widest first, ending in …)
 * until the line fits or every one is at its minimum. `paint` colours a cell after padding (row -1: header).
 */
export function fitTable(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  width: number | undefined,
  paint: (text: string, column: number, row: number) => string = (t) => t,
): string {
  const gap = 2;
  const natural = columns.map((c, i) => Math.max(c.header.length, ...rows.map((r) => (r[i] ?? '').length)));
  const minimum = columns.map((c, i) => (c.shrink ? Math.min(natural[i]!, c.min ?? 8) : natural[i]!));
  const shown = columns.map((_, i) => i);
  const fits = (keep: readonly number[]) => keep.reduce((n, i) => n + minimum[i]!, 0) + gap * (keep.length - 1) <= width!;
  if (width !== undefined) {
    // Leave out droppable columns, largest `drop` first, until the minimum widths fit.
    const droppable = columns.map((c, i) => [c.drop ?? 0, i] as const).filter(([d]) => d > 0).sort((a, b) => b[0] - a[0]);
    for (const [, i] of droppable) {
      if (fits(shown)) break;
      shown.splice(shown.indexOf(i), 1);
    }
  }
  const widths = natural.slice();
  const total = () => shown.reduce((n, i) => n + widths[i]!, 0) + gap * (shown.length - 1);
  if (width !== undefined) {
    while (total() > width) {
      let pick = -1;
      for (const i of shown) {
        const c = columns[i]!;
        if (!c.shrink || widths[i]! <= minimum[i]!) continue;
        if (pick < 0 || widths[i]! * c.shrink > widths[pick]! * columns[pick]!.shrink!) pick = i;
      }
      if (pick < 0) break;
      widths[pick]!--;
    }
  }
  const cut = (text: string, w: number) => (text.length > w ? text.slice(0, Math.max(0, w - 1)) + '…' : text);
  const last = shown[shown.length - 1];
  const line = (cells: readonly string[], row: number) => shown
    .map((i) => {
      const text = cut(cells[i] ?? '', widths[i]!);
      const padded = columns[i]!.align === 'right' ? text.padStart(widths[i]!) : i === last ? text : text.padEnd(widths[i]!);
      return paint(padded, i, row);
    })
    .join(' '.repeat(gap))
    .trimEnd();
  return [line(columns.map((c) => c.header), -1), ...rows.map((r, i) => line(r, i))].join('\n');
}

/** Makes capture text safe for a terminal: control characters (escape sequences!) become visible. */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** A table cell: printable, and on one line. */
export function cell(text: string | undefined | null): string {
  return text == null ? '' : printable(text).replace(/\n/g, '\\n');
}

/** Milliseconds as a short human duration: 131ms, 2.51s, 7m05s, 1h02m. */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return '';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)}s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor(s / 60) % 60).padStart(2, '0')}m`;
}
