/**
 * A small character grid for terminal drawings: cells hold one character (a wide East Asian character
 * takes two cells, the second left empty) and a style number; lines come out with ANSI SGR colour codes
 * (ECMA-48 §8.3.117) only when asked, and trailing blanks trimmed.
 */
import { codePointWidth, displayWidth } from '../ladder/displayWidth.ts';

/** SGR parameters per style number; style 0 is plain. */
export type Palette = readonly string[];

const CONTINUATION = '';

export class TextCanvas {
  private readonly chars: string[][] = [];
  private readonly styles: number[][] = [];
  private rows = 0;

  constructor(readonly width: number, height: number) {
    this.reset(height);
  }

  get height(): number {
    return this.rows;
  }

  /** Blank, `height` lines tall, reusing the line buffers (a long ladder draws row after row in one canvas). */
  reset(height: number): this {
    for (let y = 0; y < height; y++) {
      if (y >= this.chars.length) {
        this.chars.push(new Array<string>(this.width).fill(' '));
        this.styles.push(new Array<number>(this.width).fill(0));
      } else {
        this.chars[y]!.fill(' ');
        this.styles[y]!.fill(0);
      }
    }
    this.rows = height;
    return this;
  }

  /** One cell; outside the canvas is ignored. */
  put(x: number, y: number, ch: string, style = 0): void {
    if (y < 0 || y >= this.height || x < 0 || x >= this.width) return;
    const row = this.chars[y]!;
    // Overwriting half of a wide character blanks the other half, so columns stay aligned.
    if (row[x] === CONTINUATION && x > 0) row[x - 1] = ' ';
    if (row[x + 1] === CONTINUATION && ch !== CONTINUATION) row[x + 1] = ' ';
    row[x] = ch;
    this.styles[y]![x] = style;
  }

  get(x: number, y: number): string {
    return this.chars[y]?.[x] ?? ' ';
  }

  /** Text from column x; wide characters take two cells, zero-width ones join the previous cell. */
  text(x: number, y: number, text: string, style = 0): void {
    if (y < 0 || y >= this.height) return;
    let col = x;
    for (const ch of text) {
      const w = codePointWidth(ch.codePointAt(0)!);
      if (w === 0) {
        if (col > x && col - 1 < this.width) this.chars[y]![col - 1] += ch;
        continue;
      }
      if (col + w > this.width) break;
      this.put(col, y, ch, style);
      if (w === 2) this.put(col + 1, y, CONTINUATION, style);
      col += w;
    }
  }

  /** Text centred on column cx. */
  centred(cx: number, y: number, text: string, style = 0): void {
    this.text(Math.round(cx - displayWidth(text) / 2), y, text, style);
  }

  lines(palette?: Palette): string[] {
    const out: string[] = [];
    for (let y = 0; y < this.height; y++) {
      const chars = this.chars[y]!;
      let end = chars.length;
      while (end > 0 && chars[end - 1] === ' ') end--;
      if (palette === undefined) {
        out.push(chars.slice(0, end).join(''));
        continue;
      }
      const styles = this.styles[y]!;
      let line = '';
      let current = 0;
      for (let x = 0; x < end; x++) {
        const s = chars[x] === ' ' ? current : styles[x]!;
        if (s !== current) {
          line += current !== 0 ? '\u001b[0m' : '';
          if (s !== 0 && palette[s]) line += `\u001b[${palette[s]}m`;
          current = s;
        }
        line += chars[x];
      }
      if (current !== 0) line += '\u001b[0m';
      out.push(line);
    }
    return out;
  }
}
