/**
 * Text safe inside a Mermaid 11 sequenceDiagram statement. Its lexer ends a message or note at `;`, `#`
 * or a line end, treats `%%` as a comment and `%%{…}%%` as a directive, and renders labels as HTML.
 * Mermaid's own entity codes (`#59;` — decoded only at render time) carry every such character through:
 * `; # < > & " % \``, plus the colon of a leading `wrap:`/`nowrap:` (a label prefix Mermaid would eat).
 */
import { visibleText } from '../ladder/visibleText.ts';

const SPECIAL = /[;#<>&"%`]/g;
const CODES: Record<string, string> = { ';': '#59;', '#': '#35;', '<': '#60;', '>': '#62;', '&': '#38;', '"': '#34;', '%': '#37;', '`': '#96;' };

export function mermaidText(text: string): string {
  let out = visibleText(text).replace(SPECIAL, (c) => CODES[c]!);
  const prefix = /^(\s*(?:no)?wrap):/i.exec(out);
  if (prefix !== null) out = `${prefix[1]}#58;${out.slice(prefix[0].length)}`;
  return out.trim() === '' ? '#32;' : out;
}

/** Several lines as one Mermaid label (`<br/>` is Mermaid's line break; capture text can no longer hold a `<`). */
export function mermaidLines(lines: readonly string[]): string {
  return lines.map(mermaidText).join('<br/>');
}
