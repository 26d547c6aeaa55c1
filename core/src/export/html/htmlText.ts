/**
 * Capture text in HTML (the HTML Living Standard's escaping for text and attribute values), after
 * visibleText; raw SIP messages keep their line structure, each line made visible on its own.
 */
import { visibleText } from '../ladder/visibleText.ts';

const SPECIAL = /[&<>"']/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function htmlText(text: string): string {
  return visibleText(text).replace(SPECIAL, (c) => ENTITIES[c]!);
}

/** Longest raw message shown whole; longer ones are cut with a note saying how much was left out. */
export const RAW_LIMIT_CHARS = 64 * 1024;

/** A raw SIP message (bytes or text) for a <pre>: CRLF/LF line ends kept as line breaks, the rest made visible. */
export function rawMessageHtml(raw: Uint8Array | string): string {
  let text = typeof raw === 'string' ? raw : new TextDecoder('utf-8', { fatal: false }).decode(raw);
  let note = '';
  if (text.length > RAW_LIMIT_CHARS) {
    note = `\n… ${text.length - RAW_LIMIT_CHARS} more characters not shown`;
    text = text.slice(0, RAW_LIMIT_CHARS);
  }
  return text.split(/\r?\n/).map(htmlText).join('\n') + htmlText(note);
}
