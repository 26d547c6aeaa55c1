/**
 * PPP (RFC 1661 §2) as it appears in captures: LINKTYPE_PPP (9), inside PPPoE, L2TP and GRE — optionally
 * behind the HDLC-like address/control bytes ff 03 (RFC 1662 §3.1), with a 1-byte protocol field when
 * Protocol-Field-Compression is on (an odd first byte). LINKTYPE_PPP_HDLC (50) may instead hold Cisco HDLC,
 * which LINKTYPE_C_HDLC (104) always holds: address 0x0f/0x8f, control 0, then an ethertype.
 */
import { readU16 } from './bigEndian.ts';
import type { LayerContext } from './layerContext.ts';
import { bound, type LayerStep } from './layerStep.ts';

const CISCO_HDLC_HEADER_BYTES = 4;

export function decodePpp(bytes: Uint8Array, ctx: LayerContext): LayerStep {
  let at = 0;
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0x03) at = 2;
  if (bytes.length < at + 1) return ctx.short('ppp.too_short', bytes.length);
  if ((bytes[at]! & 0x01) === 1) return bound('pppProtocol', bytes[at]!, bytes.subarray(at + 1));
  if (bytes.length < at + 2) return ctx.short('ppp.too_short', bytes.length);
  return bound('pppProtocol', readU16(bytes, at), bytes.subarray(at + 2));
}

export function decodePppHdlc(bytes: Uint8Array, ctx: LayerContext): LayerStep {
  if (bytes.length >= 1 && (bytes[0] === 0x0f || bytes[0] === 0x8f)) return decodeCiscoHdlc(bytes, ctx);
  return decodePpp(bytes, ctx);
}

export function decodeCiscoHdlc(bytes: Uint8Array, ctx: LayerContext): LayerStep {
  if (bytes.length < CISCO_HDLC_HEADER_BYTES) return ctx.short('hdlc.too_short', bytes.length);
  return bound('etherType', readU16(bytes, 2), bytes.subarray(CISCO_HDLC_HEADER_BYTES));
}
