/**
 * SIP text as people write it → SIP bytes on the wire (RFC 3261 §7: CRLF line ends, an empty line
 * between headers and body, §20.14 Content-Length = body length in bytes).
 */

export interface SipTextOptions {
  /** Leave Content-Length as written, even absent or wrong (malformed cases). */
  readonly keepContentLength?: boolean;
}

const encoder = new TextEncoder();

/**
 * Removes the indentation of the start line from every line, so texts can be indented inside code.
 * Folded header lines keep their extra indentation (they are indented deeper than the start line).
 */
function dedent(lines: string[]): string[] {
  const first = lines.find((l) => l.trim() !== '');
  const indent = first ? /^[ \t]*/.exec(first)![0].length : 0;
  if (indent === 0) return lines;
  return lines.map((l) => {
    let cut = 0;
    while (cut < indent && (l[cut] === ' ' || l[cut] === '\t')) cut++;
    return l.slice(cut);
  });
}

/**
 * Rules:
 * - a leading line break (template literal style) and the start line's indentation are removed;
 * - every line end becomes CRLF;
 * - headers end at the first empty line; without one the message has no body;
 * - trailing empty lines after the headers of a bodiless message are dropped, a non-empty body gets a
 *   final CRLF when it has none (SDP and most bodies are line based);
 * - Content-Length (or compact `l`) is set to the UTF-8 body length, or appended as the last header.
 */
export function normaliseSipText(text: string, options: SipTextOptions = {}): Uint8Array {
  let lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines[0]!.trim() === '') lines = lines.slice(1);
  lines = dedent(lines);
  const blank = lines.findIndex((l) => l === '');
  const headers = blank < 0 ? lines : lines.slice(0, blank);
  let bodyLines = blank < 0 ? [] : lines.slice(blank + 1);
  // A body made only of empty lines is no body: "headers\n\n" (or "\n\n\n") ends the message.
  if (bodyLines.every((l) => l === '')) bodyLines = [];
  let body = bodyLines.join('\r\n');
  if (body !== '' && !body.endsWith('\r\n')) body += '\r\n';
  const bodyBytes = encoder.encode(body);

  if (!options.keepContentLength) {
    const lengthHeader = /^(content-length|l)[ \t]*:/i;
    const at = headers.findIndex((h, i) => i > 0 && lengthHeader.test(h));
    if (at > 0) {
      const name = /^[^:]*/.exec(headers[at]!)![0].trimEnd();
      headers[at] = `${name}: ${bodyBytes.length}`;
    } else {
      headers.push(`Content-Length: ${bodyBytes.length}`);
    }
  }
  const head = encoder.encode(headers.join('\r\n') + '\r\n\r\n');
  const out = new Uint8Array(head.length + bodyBytes.length);
  out.set(head, 0);
  out.set(bodyBytes, head.length);
  return out;
}
