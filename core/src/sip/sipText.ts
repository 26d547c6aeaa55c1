/**
 * Bytes → text for SIP. RFC 3261 §7.3.1 text is UTF-8; old user agents send Latin-1, so invalid
 * UTF-8 falls back to one character per byte rather than to U+FFFD.
 */

const latin1 = new TextDecoder('latin1');
const lenientUtf8 = new TextDecoder('utf-8');
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** One character per byte (offsets in the string equal byte offsets); exact for ASCII. */
export function decodeLatin1(bytes: Uint8Array, start: number, end: number): string {
  return latin1.decode(bytes.subarray(start, end));
}

/**
 * Decodes [start, end) with one character per byte and says whether the bytes were all ASCII.
 * UTF-8 decoding is tried first because engines have a fast path for ASCII: the bytes were ASCII
 * exactly when every byte became one character and none became U+FFFD.
 */
export function decodeWindow(bytes: Uint8Array, start: number, end: number): { text: string; ascii: boolean } {
  const view = bytes.subarray(start, end);
  const text = lenientUtf8.decode(view);
  if (text.length === view.length && text.indexOf('\uFFFD') < 0) return { text, ascii: true };
  return { text: latin1.decode(view), ascii: false };
}

/** UTF-8 when the bytes are valid UTF-8, else one character per byte. */
export function decodeSipText(bytes: Uint8Array, start: number, end: number): string {
  const view = bytes.subarray(start, end);
  const text = lenientUtf8.decode(view);
  // No U+FFFD: valid UTF-8 (the common case, decoded once). Otherwise tell a real U+FFFD from an error.
  if (text.indexOf('\uFFFD') < 0) return text;
  try {
    return strictUtf8.decode(view);
  } catch {
    return latin1.decode(view);
  }
}
