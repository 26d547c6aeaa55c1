/**
 * BSD loopback encapsulations: LINKTYPE_NULL (0) has a 4-byte address family in the capturing host's byte
 * order; LINKTYPE_LOOP (108) has it in network order. AF_INET is 2 everywhere; AF_INET6 is 24 (NetBSD,
 * OpenBSD), 28 (FreeBSD) or 30 (macOS).
 */
import { readU32 } from './bigEndian.ts';
import type { LayerContext } from './layerContext.ts';
import { named, other, type LayerStep } from './layerStep.ts';

const HEADER_BYTES = 4;

export function decodeBsdNull(bytes: Uint8Array, ctx: LayerContext): LayerStep {
  if (bytes.length < HEADER_BYTES) return ctx.short('null.too_short', bytes.length);
  let family = readU32(bytes, 0);
  // Families are small numbers: if the value only fits the other byte order, the capturer was little-endian.
  if (family > 0xffff) family = (bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16) | (bytes[3]! << 24)) >>> 0;
  return byFamily(family, bytes.subarray(HEADER_BYTES));
}

export function decodeBsdLoop(bytes: Uint8Array, ctx: LayerContext): LayerStep {
  if (bytes.length < HEADER_BYTES) return ctx.short('null.too_short', bytes.length);
  return byFamily(readU32(bytes, 0), bytes.subarray(HEADER_BYTES));
}

function byFamily(family: number, payload: Uint8Array): LayerStep {
  if (family === 2) return named('ipv4', payload);
  if (family === 24 || family === 28 || family === 30) return named('ipv6', payload);
  return other(`null-family-${family}`);
}
