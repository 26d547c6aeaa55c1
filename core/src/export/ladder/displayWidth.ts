/**
 * How many terminal cells a string takes (the idea of POSIX wcwidth, Unicode UAX #11 East Asian Width):
 * combining marks take none, East Asian wide and fullwidth characters and most emoji take two. A small
 * range table, not the whole Unicode database: good enough to keep a text ladder's columns aligned.
 */

/** [first, last] code point ranges, ascending. */
const ZERO: readonly (readonly [number, number])[] = [
  [0x0300, 0x036f], [0x0483, 0x0489], [0x0591, 0x05bd], [0x0610, 0x061a], [0x064b, 0x065f], [0x0e31, 0x0e31],
  [0x0e34, 0x0e3a], [0x1ab0, 0x1aff], [0x1dc0, 0x1dff], [0x20d0, 0x20ff], [0xfe00, 0xfe0f], [0xfe20, 0xfe2f],
  [0xe0100, 0xe01ef],
];
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], [0x2e80, 0x303e], [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa4cf],
  [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe30, 0xfe4f], [0xff00, 0xff60], [0xffe0, 0xffe6], [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff], [0x20000, 0x2fffd], [0x30000, 0x3fffd],
];

function inRanges(code: number, ranges: readonly (readonly [number, number])[]): boolean {
  for (const [a, b] of ranges) {
    if (code < a) return false;
    if (code <= b) return true;
  }
  return false;
}

/** Cells taken by one code point: 0, 1 or 2. */
export function codePointWidth(code: number): number {
  if (code < 0x300) return 1;
  if (inRanges(code, ZERO)) return 0;
  return inRanges(code, WIDE) ? 2 : 1;
}

// Printable ASCII and Latin-1 only: one cell per UTF-16 unit.
// eslint-disable-next-line no-control-regex
const NARROW = /^[\u0020-\u02ff]*$/;

export function displayWidth(text: string): number {
  if (NARROW.test(text)) return text.length;
  let width = 0;
  for (const ch of text) width += codePointWidth(ch.codePointAt(0)!);
  return width;
}
