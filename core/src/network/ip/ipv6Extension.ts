/**
 * IPv6 extension headers walked as layers (RFC 8200 §4): the generic TLV-style ones (hop-by-hop, routing,
 * destination options, mobility, HIP, shim6: length in 8-octet units, not counting the first 8), the
 * Authentication Header (RFC 4302 §2.2: length in 4-octet units minus 2; also used over IPv4), and the
 * Fragment header (RFC 8200 §4.5), which feeds the reassembler.
 */
import { readU16, readU32 } from '../link/bigEndian.ts';
import type { LayerContext } from '../link/layerContext.ts';
import { bound, type LayerStep } from '../link/layerStep.ts';

const FRAGMENT_RESULT: LayerStep = Object.freeze({ kind: 'fragment' });

export function decodeIpv6Extension(bytes: Uint8Array, ctx: LayerContext): LayerStep {
  if (bytes.length < 2) return ctx.short('ipv6.extension_too_short', bytes.length);
  const length = (bytes[1]! + 1) * 8;
  if (length > bytes.length) return ctx.short('ipv6.extension_too_short', length);
  return bound('ipProtocol', bytes[0]!, bytes.subarray(length));
}

export function decodeIpAuthentication(bytes: Uint8Array, ctx: LayerContext): LayerStep {
  if (bytes.length < 2) return ctx.short('ah.too_short', bytes.length);
  const length = (bytes[1]! + 2) * 4;
  if (length > bytes.length) return ctx.short('ah.too_short', length);
  return bound('ipProtocol', bytes[0]!, bytes.subarray(length));
}

/**
 *   0: | next hdr | reserved | fragment offset (13) |res|M|
 *   4: | identification (32)                            |
 */
export function decodeIpv6Fragment(bytes: Uint8Array, ctx: LayerContext): LayerStep {
  if (bytes.length < 8) return ctx.short('ipv6.extension_too_short', bytes.length);
  const nextHeader = bytes[0]!;
  const offsetAndFlags = readU16(bytes, 2);
  const offsetBytes = offsetAndFlags & 0xfff8;
  const moreFragments = (offsetAndFlags & 1) !== 0;
  const payload = bytes.subarray(8);
  // An atomic fragment (RFC 6946) is a whole datagram.
  if (offsetBytes === 0 && !moreFragments) return bound('ipProtocol', nextHeader, payload);

  const family = ctx.ipVersion === 6 ? 'ipv6' : 'ipv4';
  const key = `${ctx.sourceIp()}>${ctx.destinationIp()} proto ${nextHeader} id ${readU32(bytes, 4)}`;
  const datagram = ctx.state.fragments.add(
    {
      family, key, offsetBytes, payload, moreFragments,
      frames: ctx.frames, frame: ctx.frame.number, timestamp: ctx.frame.timestamp,
    },
    ctx.issues,
  );
  if (datagram === undefined) return FRAGMENT_RESULT;
  ctx.frames = datagram.frames;
  return bound('ipProtocol', nextHeader, datagram.payload);
}
