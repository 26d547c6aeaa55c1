/**
 * Greedy line wrapping by measured width, for labels and notes that must stay whole (never cut): breaks
 * after a space or a SIP separator (`;` `,` `>`), before `<`, and splits a word only when it alone is wider
 * than the line. Lines keep every character except the spaces they broke at.
 */
export type Measure = (text: string) => number;

function isBreakAfter(c: string): boolean {
  return c === ' ' || c === ';' || c === ',' || c === '>' || c === '&' || c === '?';
}

/** Pieces of `text` each ending at a break opportunity (the separator stays on the left piece). */
function pieces(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (isBreakAfter(c)) {
      out.push(text.slice(start, i + 1));
      start = i + 1;
    } else if (c === '<' && i > start) {
      out.push(text.slice(start, i));
      start = i;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/** Splits by characters (code points, so astral characters stay whole). */
function charSplit(piece: string, width: number, measure: Measure, out: string[]): string {
  let line = '';
  let used = 0;
  for (const ch of piece) {
    const w = measure(ch);
    if (used + w > width && line !== '') {
      out.push(line);
      line = '';
      used = 0;
    }
    line += ch;
    used += w;
  }
  return line;
}

/** Splits one piece wider than `width`: after `.` `/` `@` `:` `=` first (host names, URIs), else by characters. */
function hardSplit(piece: string, width: number, measure: Measure): string[] {
  const out: string[] = [];
  const parts = piece.split(/(?<=[./@:=])/);
  let line = '';
  let used = 0;
  for (const part of parts) {
    const w = measure(part);
    if (used + w <= width) {
      line += part;
      used += w;
      continue;
    }
    if (line !== '') out.push(line);
    line = w <= width ? part : charSplit(part, width, measure, out);
    used = measure(line);
  }
  if (line !== '') out.push(line);
  return out;
}

export function wrapText(text: string, width: number, measure: Measure): string[] {
  if (!(width > 0) || measure(text) <= width) return [text];
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const piece of pieces(text)) {
    const trimmed = piece.trimEnd();
    const pieceWidth = measure(piece);
    // Trailing spaces may hang past the edge: they vanish at the break.
    if (used + measure(trimmed) <= width) {
      line += piece;
      used += pieceWidth;
      continue;
    }
    if (line.trim() !== '') lines.push(line.trimEnd());
    const start = piece.trimStart();
    if (measure(start.trimEnd()) <= width) {
      line = start;
      used = measure(start);
      continue;
    }
    const parts = hardSplit(start, width, measure);
    line = parts.pop() ?? '';
    used = measure(line);
    lines.push(...parts);
  }
  if (line.trim() !== '' || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

/** Wraps every line of `texts`; continuation lines start with `hang` (a hanging indent). */
export function wrapLines(texts: readonly string[], width: number, measure: Measure, hang = ''): string[] {
  const out: string[] = [];
  const hangWidth = measure(hang);
  for (const t of texts) {
    const first = wrapText(t, width, measure);
    if (first.length === 1 || hangWidth === 0 || width - hangWidth < 8) {
      out.push(...first);
      continue;
    }
    // Re-wrap what follows the first line into the narrower hanging width.
    const head = first[0]!;
    out.push(head);
    const rest = t.slice(head.length).trimStart();
    for (const line of wrapText(rest, width - hangWidth, measure)) out.push(hang + line);
  }
  return out;
}
