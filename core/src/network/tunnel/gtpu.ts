/**
 * GTP-U version 1 (3GPP TS 29.281 §5.1, UDP 2152): G-PDU messages (type 0xff) carry a user IP packet after
 * the optional sequence/N-PDU/next-extension fields and any chain of extension headers. Other message
 * types (echo, error indication, end marker) are 'gtpu' traffic. Declines when it is not GTPv1 (PT = 1).
 * Recorded as 'gtpu'.
 *
 *   0: ver(3) PT(1) spare(1) E(1) S(1) PN(1) | 1: message type | 2: length (2, after byte 8) | 4: TEID (4)
 *   8: [sequence (2) | N-PDU (1) | next extension type (1)] when any of E, S, PN is set
 *   each extension: length (1, in 4-octet units, whole header) | content | next extension type (1)
 */
import { readU16 } from '../link/bigEndian.ts';
import type { LayerContext } from '../link/layerContext.ts';
import { DECLINE, named, other, type LayerStep } from '../link/layerStep.ts';

const MANDATORY_BYTES = 8;
const OPTIONAL_BYTES = 4;
const G_PDU = 0xff;

export function decodeGtpu(bytes: Uint8Array, ctx: LayerContext): LayerStep {
  if (bytes.length < MANDATORY_BYTES) return DECLINE;
  const flags = bytes[0]!;
  if (flags >> 5 !== 1 || (flags & 0x10) === 0) return DECLINE;
  const end = MANDATORY_BYTES + readU16(bytes, 2);
  if (end > bytes.length) return ctx.short('gtpu.too_short', end);
  if (bytes[1] !== G_PDU) return other('gtpu');

  let at = MANDATORY_BYTES;
  if ((flags & 0x07) !== 0) {
    at += OPTIONAL_BYTES;
    if (at > end) return ctx.short('gtpu.too_short', at);
    let nextType = (flags & 0x04) !== 0 ? bytes[at - 1]! : 0;
    while (nextType !== 0) {
      if (at + 1 > end) return ctx.short('gtpu.too_short', at);
      const length = bytes[at]! * 4;
      if (length === 0) return ctx.malformed('gtpu.bad_extension', nextType);
      if (at + length > end) return ctx.short('gtpu.too_short', at + length);
      nextType = bytes[at + length - 1]!;
      at += length;
    }
  }
  const payload = bytes.subarray(at, end);
  const version = payload.length > 0 ? payload[0]! >> 4 : 0;
  if (version !== 4 && version !== 6) return other('gtpu');
  return named('ipByVersion', payload, 'gtpu');
}
