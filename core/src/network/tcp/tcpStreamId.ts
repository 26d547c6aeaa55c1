/**
 * Names of TCP byte streams: one id per direction of one connection incarnation,
 * `tcp:10.0.0.1:5060>10.0.0.2:40000`, with `#2`, `#3`… when the same 4-tuple is reused after a new SYN.
 * Both directions of one incarnation share the suffix, so the reverse direction's id is a pure rename.
 */

/** Stream id of one direction; `generation` 1 has no suffix. */
export function tcpStreamId(srcText: string, dstText: string, generation: number): string {
  return generation > 1 ? `tcp:${srcText}>${dstText}#${generation}` : `tcp:${srcText}>${dstText}`;
}

/**
 * The id of the opposite direction of the same connection, e.g. for pairing the two halves of a
 * WebSocket connection. Endpoints never contain '>' or '#' (IPv6 is bracketed), so splitting is safe.
 * Returns undefined for ids not made by tcpStreamId.
 */
export function pairedStreamId(streamId: string): string | undefined {
  if (!streamId.startsWith('tcp:')) return undefined;
  const hash = streamId.indexOf('#');
  const body = hash < 0 ? streamId.slice(4) : streamId.slice(4, hash);
  const suffix = hash < 0 ? '' : streamId.slice(hash);
  const arrow = body.indexOf('>');
  if (arrow < 0) return undefined;
  return `tcp:${body.slice(arrow + 1)}>${body.slice(0, arrow)}${suffix}`;
}
