/** quoted-string = SWS DQUOTE *(qdtext / quoted-pair) DQUOTE (RFC 3261 §25.1). */

/**
 * Reads the quoted string whose opening quote is at `from`. Returns its unescaped content and the index
 * just after the closing quote, or end = -1 when the string is not terminated.
 */
export function readQuotedString(text: string, from: number): { content: string; end: number } {
  let i = from + 1;
  let chunkStart = i;
  let content = '';
  const length = text.length;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) {
      // quoted-pair: keep the escaped character, drop the backslash.
      content += text.slice(chunkStart, i);
      chunkStart = i + 1;
      i += 2;
      continue;
    }
    if (c === 0x22) return { content: content + text.slice(chunkStart, i), end: i + 1 };
    i++;
  }
  return { content: content + text.slice(chunkStart, Math.min(i, length)), end: -1 };
}
