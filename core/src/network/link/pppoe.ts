/**
 * PPPoE session stage (RFC 2516 §4, ethertype 0x8864): a 6-byte header, then `length` bytes of PPP
 * (starting with the PPP protocol field). Recorded as 'pppoe'.
 *
 *   0: ver(4)=1 type(4)=1 | 1: code = 0 | 2: session id (2) | 4: length (2) | 6: PPP protocol + payload
 */
import { readU16 } from './bigEndian.ts';
import type { LayerContext } from './layerContext.ts';
import { named, type LayerStep } from './layerStep.ts';

const HEADER_BYTES = 6;

export function decodePppoeSession(bytes: Uint8Array, ctx: LayerContext): LayerStep {
  if (bytes.length < HEADER_BYTES) return ctx.short('pppoe.too_short', bytes.length);
  if (bytes[0] !== 0x11) return ctx.malformed('pppoe.bad_version', bytes[0]);
  const length = readU16(bytes, 4);
  if (HEADER_BYTES + length > bytes.length) return ctx.short('pppoe.length_exceeds_frame', length);
  return named('ppp', bytes.subarray(HEADER_BYTES, HEADER_BYTES + length), 'pppoe');
}
