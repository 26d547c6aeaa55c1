/**
 * Ethernet II / IEEE 802.3 (IEEE 802.3 §3.2.6): a type ≥ 0x0600 is an ethertype; ≤ 1500 is an 802.3
 * length and an 802.2 LLC header follows. The FCS, when the capture kept it, is trimmed before this layer.
 *
 *   0: destination MAC (6) | 6: source MAC (6) | 12: type/length (2) | 14: payload
 */
import { readU16 } from './bigEndian.ts';
import type { LayerContext } from './layerContext.ts';
import { bound, named, type LayerStep } from './layerStep.ts';

const HEADER_BYTES = 14;
const MAX_802_3_LENGTH = 1500;

export function decodeEthernet(bytes: Uint8Array, ctx: LayerContext): LayerStep {
  if (bytes.length < HEADER_BYTES) return ctx.short('ethernet.too_short', bytes.length);
  return typeOrLength(readU16(bytes, 12), bytes.subarray(HEADER_BYTES));
}

/** Shared by Ethernet and VLAN tags: the 2-byte field is an ethertype or an 802.3 length. */
export function typeOrLength(value: number, payload: Uint8Array, wrapper?: string): LayerStep {
  if (value > MAX_802_3_LENGTH) return bound('etherType', value, payload, wrapper);
  return named('llc', payload.length > value ? payload.subarray(0, value) : payload, wrapper);
}
