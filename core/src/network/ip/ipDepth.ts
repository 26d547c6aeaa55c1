/** Counts IP headers passed in one frame, so hostile tunnel-in-tunnel nesting stops at a fixed depth. */
import type { LayerContext } from '../link/layerContext.ts';
import type { PacketResult } from '../packetResult.ts';

/** IP headers allowed per frame: the outer one plus seven tunnels. */
export const MAX_IP_HEADERS = 8;

/** Records `header` as the innermost IP header; returns a malformed result when nesting is too deep. */
export function enterIpHeader(ctx: LayerContext, header: Uint8Array, version: 4 | 6): PacketResult | undefined {
  ctx.ipHeaderCount++;
  if (ctx.ipHeaderCount > MAX_IP_HEADERS) return ctx.malformed('packet.too_deep', ctx.ipHeaderCount);
  ctx.ipHeader = header;
  ctx.ipVersion = version;
  return undefined;
}
