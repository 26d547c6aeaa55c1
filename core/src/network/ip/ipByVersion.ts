/** Raw IP with no link header (LINKTYPE_RAW, GTP-U payloads, MPLS): the version nibble says IPv4 or IPv6. */
import type { LayerContext } from '../link/layerContext.ts';
import { named, type LayerStep } from '../link/layerStep.ts';

export function decodeIpByVersion(bytes: Uint8Array, ctx: LayerContext): LayerStep {
  if (bytes.length < 1) return ctx.short('ipv4.too_short', 0);
  const version = bytes[0]! >> 4;
  if (version === 4) return named('ipv4', bytes);
  if (version === 6) return named('ipv6', bytes);
  return ctx.malformed('ip.bad_version', version);
}
