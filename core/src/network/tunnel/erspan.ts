/**
 * Cisco ERSPAN headers inside GRE (draft-foschiano-erspan-03): type II (8 bytes, version 1) and type III
 * (12 bytes, version 2, plus an 8-byte platform sub-header when the O bit is set). The mirrored frame
 * follows; type III may say (frame type FT ≠ 0) that it is not Ethernet.
 *
 *   II:  0: ver(4) VLAN(12) | 2: COS(3) En(2) T(1) session(10) | 4: reserved(12) index(20)
 *   III: 0: ver(4) VLAN(12) | 2: COS BSO T session(10) | 4: timestamp (4) | 8: SGT (2)
 *        | 10: P(1) FT(5) HW id(6) D(1) Gra(2) O(1)
 */
import { readU16 } from '../link/bigEndian.ts';
import type { LayerContext } from '../link/layerContext.ts';
import { named, other, type LayerStep } from '../link/layerStep.ts';

export function decodeErspan2(bytes: Uint8Array, ctx: LayerContext): LayerStep {
  if (bytes.length < 8) return ctx.short('erspan.too_short', bytes.length);
  const version = bytes[0]! >> 4;
  if (version !== 1) return ctx.malformed('erspan.bad_version', version);
  return named('ethernet', bytes.subarray(8), 'erspan2');
}

export function decodeErspan3(bytes: Uint8Array, ctx: LayerContext): LayerStep {
  if (bytes.length < 12) return ctx.short('erspan.too_short', bytes.length);
  const version = bytes[0]! >> 4;
  if (version !== 2) return ctx.malformed('erspan.bad_version', version);
  const bits = readU16(bytes, 10);
  const frameType = (bits >> 10) & 0x1f;
  const headerBytes = (bits & 0x0001) !== 0 ? 20 : 12;
  if (bytes.length < headerBytes) return ctx.short('erspan.too_short', bytes.length);
  ctx.wrap('erspan3');
  const payload = bytes.subarray(headerBytes);
  if (frameType === 0) return named('ethernet', payload);
  if (frameType === 2) return named('ipByVersion', payload);
  return other(`erspan3-frame-type-${frameType}`);
}
