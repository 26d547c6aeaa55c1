/**
 * A copy of a string that shares no storage with the text it was cut from. Engines keep a slice of a long
 * string as a view of its parent, so one kept Call-ID or tag would keep the whole decoded header section of
 * its message alive; state that outlives the message (live transactions, dialogs, Call-ID groups) copies.
 */

/** Engines copy slices this short anyway (V8: SlicedString::kMinLength is 13). */
const SHORT = 13;

export function detachString(text: string): string {
  // Joining two pieces builds one fresh flat string (no view of anything, no extra view object either).
  return text.length < SHORT ? text : [text.slice(0, 1), text.slice(1)].join('');
}

export function detachOptional(text: string | undefined): string | undefined {
  return text === undefined ? undefined : detachString(text);
}

const interned = new Map<string, string>();
const MAX_INTERNED = 512;

/** Method names and other tokens from a small vocabulary: one shared copy each (a plain copy past the cap). */
export function internToken(token: string): string {
  const known = interned.get(token);
  if (known !== undefined) return known;
  const copy = detachString(token);
  if (interned.size < MAX_INTERNED) interned.set(copy, copy);
  return copy;
}
