/**
 * MPLS label stack (RFC 3032 §2.1): labels until the bottom-of-stack bit, then the payload is guessed the
 * usual way (first nibble 4 → IPv4, 6 → IPv6, 0 → a pseudowire control word then Ethernet, RFC 4385).
 *
 *   each entry: | label (20) | TC (3) | S (1) | TTL (8) |
 */
import type { LayerContext } from './layerContext.ts';
import { named, other, type LayerStep } from './layerStep.ts';

const ENTRY_BYTES = 4;

export function decodeMpls(bytes: Uint8Array, ctx: LayerContext): LayerStep {
  let at = 0;
  for (;;) {
    if (at + ENTRY_BYTES > bytes.length) return ctx.short('mpls.too_short', bytes.length);
    const bottomOfStack = (bytes[at + 2]! & 0x01) !== 0;
    at += ENTRY_BYTES;
    if (bottomOfStack) break;
  }
  const payload = bytes.subarray(at);
  if (payload.length === 0) return other('mpls');
  const nibble = payload[0]! >> 4;
  if (nibble === 4) return named('ipv4', payload, 'mpls');
  if (nibble === 6) return named('ipv6', payload, 'mpls');
  if (nibble === 0 && payload.length >= ENTRY_BYTES) return named('ethernet', payload.subarray(ENTRY_BYTES), 'mpls');
  return other('mpls');
}
