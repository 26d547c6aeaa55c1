/**
 * VXLAN (RFC 7348 §5, UDP 4789): an 8-byte header with the I flag, then an Ethernet frame. Declines (the
 * datagram stays plain UDP) when the I flag is missing. Recorded as 'vxlan'.
 *
 *   0: flags (I = 0x08) | 1: reserved (3) | 4: VNI (3) | 7: reserved
 */
import type { LayerContext } from '../link/layerContext.ts';
import { DECLINE, named, type LayerStep } from '../link/layerStep.ts';

const HEADER_BYTES = 8;
const FLAG_VNI_VALID = 0x08;

export function decodeVxlan(bytes: Uint8Array, _ctx: LayerContext): LayerStep {
  if (bytes.length < HEADER_BYTES || (bytes[0]! & FLAG_VNI_VALID) === 0) return DECLINE;
  return named('ethernet', bytes.subarray(HEADER_BYTES), 'vxlan');
}
