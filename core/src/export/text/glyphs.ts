/**
 * The characters a text ladder is drawn with: Unicode box drawing (U+2500 block) and arrows, or plain
 * ASCII for terminals and logs that cannot show them. `asciiText` turns anything else into ASCII.
 */
export interface Glyphs {
  lifeline: string;
  shaft: string;
  headRight: string;
  headLeft: string;
  loopTop: string;
  loopBottom: string;
  bracketTop: string;
  bracketMid: string;
  bracketBottom: string;
  bracketSingle: string;
}

export const UNICODE_GLYPHS: Glyphs = {
  lifeline: '│', shaft: '─', headRight: '▶', headLeft: '◀', loopTop: '┐', loopBottom: '┘',
  bracketTop: '┌', bracketMid: '│', bracketBottom: '└', bracketSingle: '╶',
};

export const ASCII_GLYPHS: Glyphs = {
  lifeline: '|', shaft: '-', headRight: '>', headLeft: '<', loopTop: '+', loopBottom: '+',
  bracketTop: '+', bracketMid: '|', bracketBottom: '+', bracketSingle: '-',
};

const REPLACEMENTS: Record<string, string> = { '→': '->', '−': '-', '×': 'x', '≠': '!=', '…': '...', '·': '-' };

/** ASCII only: our own symbols get ASCII spellings, any other character a \u{…} escape. */
export function asciiText(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\u0000-\u007f]*$/.test(text)) return text;
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    out += code < 0x80 ? ch : (REPLACEMENTS[ch] ?? `\\u{${code.toString(16)}}`);
  }
  return out;
}
