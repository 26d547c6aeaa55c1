/**
 * IEEE 802.1Q VLAN tags (C-tag, ethertype 0x8100, recorded as 'vlan:<id>') and 802.1ad service tags
 * (0x88a8, and the pre-standard 0x9100/0x9200, recorded as 'qinq:<id>'). Any stack of tags is a chain of
 * these layers. Also used inside Linux cooked captures whose protocol is 0x8100.
 *
 *   0: | PCP(3) DEI(1) VID(12) | 2: inner type/length (2) | 4: payload
 */
import { readU16 } from './bigEndian.ts';
import { typeOrLength } from './ethernet.ts';
import type { LayerContext } from './layerContext.ts';
import type { LayerStep } from './layerStep.ts';

const TAG_BYTES = 4;

export function decodeVlan(bytes: Uint8Array, ctx: LayerContext): LayerStep {
  return decodeTag(bytes, ctx, 'vlan:');
}

export function decodeServiceVlan(bytes: Uint8Array, ctx: LayerContext): LayerStep {
  return decodeTag(bytes, ctx, 'qinq:');
}

function decodeTag(bytes: Uint8Array, ctx: LayerContext, prefix: string): LayerStep {
  if (bytes.length < TAG_BYTES) return ctx.short('vlan.too_short', bytes.length);
  const vlanId = readU16(bytes, 0) & 0x0fff;
  return typeOrLength(readU16(bytes, 2), bytes.subarray(TAG_BYTES), prefix + vlanId);
}
