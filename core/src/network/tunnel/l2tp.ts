/**
 * L2TP version 2 over UDP 1701 (RFC 2661 §3.1): data messages carry PPP (possibly still with the ff 03
 * address/control bytes); control messages (T bit) are 'l2tp' traffic. Version 3 over UDP is classified
 * 'l2tpv3'; anything else declines (the datagram stays plain UDP). Recorded as 'l2tp'.
 *
 *   0: T L x x S x O P x x x x ver(4) | 2: [length (2)] if L | tunnel id (2) | session id (2)
 *      | [Ns (2) Nr (2)] if S | [offset size (2) + offset pad] if O
 */
import { readU16 } from '../link/bigEndian.ts';
import type { LayerContext } from '../link/layerContext.ts';
import { DECLINE, named, other, type LayerStep } from '../link/layerStep.ts';

const FLAG_TYPE = 0x8000;
const FLAG_LENGTH = 0x4000;
const FLAG_SEQUENCE = 0x0800;
const FLAG_OFFSET = 0x0200;

export function decodeL2tp(bytes: Uint8Array, ctx: LayerContext): LayerStep {
  if (bytes.length < 2) return DECLINE;
  const flags = readU16(bytes, 0);
  const version = flags & 0x000f;
  if (version === 3) return other('l2tpv3');
  if (version !== 2) return DECLINE;
  if ((flags & FLAG_TYPE) !== 0) return other('l2tp');

  let at = 2;
  let end = bytes.length;
  if ((flags & FLAG_LENGTH) !== 0) {
    if (bytes.length < 4) return ctx.short('l2tp.too_short', bytes.length);
    end = readU16(bytes, 2);
    if (end > bytes.length) return ctx.short('l2tp.too_short', end);
    at += 2;
  }
  at += 4; // tunnel id, session id
  if ((flags & FLAG_SEQUENCE) !== 0) at += 4;
  if ((flags & FLAG_OFFSET) !== 0) {
    if (at + 2 > end) return ctx.short('l2tp.too_short', at + 2);
    at += 2 + readU16(bytes, at);
  }
  if (at > end) return ctx.short('l2tp.too_short', at);
  return named('ppp', bytes.subarray(at, end), 'l2tp');
}
