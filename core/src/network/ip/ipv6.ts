/**
 * IPv6 fixed header (RFC 8200 §3): trims link padding by Payload Length and names the next header.
 * Extension headers are layers of their own in the IP-protocol binding space (ipv6Extension.ts).
 *
 *   0: |ver| traffic class | flow label        |
 *   4: | payload length    | next hdr | hop lim |
 *   8: source address (16)   24: destination address (16)   40: payload
 */
import { readU16 } from '../link/bigEndian.ts';
import type { LayerContext } from '../link/layerContext.ts';
import { bound, type LayerStep } from '../link/layerStep.ts';
import { enterIpHeader } from './ipDepth.ts';

const HEADER_BYTES = 40;

export function decodeIpv6(bytes: Uint8Array, ctx: LayerContext): LayerStep {
  if (bytes.length < HEADER_BYTES) return ctx.short('ipv6.too_short', bytes.length);
  const version = bytes[0]! >> 4;
  if (version !== 6) return ctx.malformed('ipv6.bad_version', version);
  let payloadLength = readU16(bytes, 4);
  if (payloadLength === 0) {
    // A jumbogram (RFC 2675) or a segmentation-offload capture: the frame is all there is.
    ctx.issue('ipv6.payload_length_zero');
    payloadLength = bytes.length - HEADER_BYTES;
  }
  if (HEADER_BYTES + payloadLength > bytes.length) return ctx.short('ipv6.payload_length_exceeds_frame', payloadLength);

  const tooDeep = enterIpHeader(ctx, bytes, 6);
  if (tooDeep !== undefined) return tooDeep;
  return bound('ipProtocol', bytes[6]!, bytes.subarray(HEADER_BYTES, HEADER_BYTES + payloadLength));
}
