/**
 * Capture text made safe to show anywhere (terminal, SVG, HTML, Mermaid): control characters become
 * visible escapes (`\x1b` — a raw ESC would drive the terminal), and invisible format characters
 * (bidirectional overrides, zero-width spaces, BOM: the "Trojan Source" tricks) become `\u{202e}`.
 * A tab becomes a space. Lone surrogates (not valid in XML or UTF-8) become `\u{d800}`.
 */

// C0 and C1 controls, DEL, zero-width and bidi format characters, BOM, interlinear annotation marks, noncharacters, surrogates.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\ufffe\uffff\ud800-\udfff]/;
// eslint-disable-next-line no-control-regex
const UNSAFE_ALL = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\ufffe\uffff]|[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]/g;

function escapeOne(c: string): string {
  if (c.length === 2) return c; // a valid surrogate pair (astral character) stays
  const code = c.charCodeAt(0);
  if (code === 0x09) return ' ';
  if (code < 0xa0) return `\\x${code.toString(16).padStart(2, '0')}`;
  return `\\u{${code.toString(16)}}`;
}

export function visibleText(text: string): string {
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, escapeOne) : text;
}
