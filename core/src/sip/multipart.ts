/**
 * multipart/* bodies (RFC 2046 §5.1.1): parts separated by CRLF "--" boundary lines, the last one
 * "--" boundary "--". The CRLF before a delimiter belongs to the delimiter, not to the part.
 * Works on bytes so binary parts (RFC 4475 §3.1.1.11) stay intact.
 */
import { decodeSipText } from './sipText.ts';
import { trimWsp } from './tokenChars.ts';

export interface MultipartPart {
  /** The part's Content-Type value as written, undefined when it has none. */
  readonly contentType: string | undefined;
  readonly body: Uint8Array;
}

const encoder = new TextEncoder();
const LF = 0x0a;
const CR = 0x0d;

function startsWithAt(haystack: Uint8Array, needle: Uint8Array, at: number): boolean {
  if (at + needle.length > haystack.length) return false;
  for (let i = 0; i < needle.length; i++) if (haystack[at + i] !== needle[i]) return false;
  return true;
}

/** Where the header block of a part ends: the index after the empty line, or -1. */
function partHeaderEnd(part: Uint8Array): number {
  if (part[0] === CR && part[1] === LF) return 2;
  if (part[0] === LF) return 1;
  let at = part.indexOf(LF);
  while (at >= 0) {
    if (part[at + 1] === LF) return at + 2;
    if (part[at + 1] === CR && part[at + 2] === LF) return at + 3;
    at = part.indexOf(LF, at + 1);
  }
  return -1;
}

function readPartContentType(headerBytes: Uint8Array): string | undefined {
  const text = decodeSipText(headerBytes, 0, headerBytes.length);
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = trimWsp(line.slice(0, colon)).toLowerCase();
    if (name === 'content-type' || name === 'c') return trimWsp(line.slice(colon + 1).replace(/\r$/, ''));
  }
  return undefined;
}

/** The parts of a multipart body; undefined when the boundary never occurs. */
export function splitMultipart(body: Uint8Array, boundary: string): MultipartPart[] | undefined {
  // RFC 2046 §5.1.1: 1 to 70 characters.
  if (boundary === '' || boundary.length > 70) return undefined;
  const delimiter = encoder.encode('--' + boundary);
  const starts: number[] = [];
  // A delimiter counts only at the start of the body or of a line, so only line starts are compared.
  let lineStart = 0;
  while (lineStart >= 0 && lineStart < body.length) {
    if (startsWithAt(body, delimiter, lineStart)) starts.push(lineStart);
    const lf = body.indexOf(LF, lineStart);
    lineStart = lf < 0 ? -1 : lf + 1;
  }
  if (starts.length === 0) return undefined;
  const parts: MultipartPart[] = [];
  for (let k = 0; k < starts.length; k++) {
    const after = starts[k]! + delimiter.length;
    if (body[after] === 0x2d && body[after + 1] === 0x2d) break; // close delimiter
    const lineEnd = body.indexOf(LF, after);
    if (lineEnd < 0) break;
    const partStart = lineEnd + 1;
    let partEnd = k + 1 < starts.length ? starts[k + 1]! : body.length;
    if (partEnd > partStart && body[partEnd - 1] === LF) partEnd--;
    if (partEnd > partStart && body[partEnd - 1] === CR) partEnd--;
    const part = body.subarray(partStart, Math.max(partStart, partEnd));
    const headerEnd = partHeaderEnd(part);
    if (headerEnd < 0) {
      parts.push({ contentType: undefined, body: part });
      continue;
    }
    parts.push({ contentType: readPartContentType(part.subarray(0, headerEnd)), body: part.subarray(headerEnd) });
  }
  return parts;
}
