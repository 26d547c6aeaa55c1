/**
 * UDP header (RFC 768): payload trimmed to the UDP Length. Well-known tunnel ports (VXLAN, GTP-U, L2TP)
 * hand the payload on, keeping the plain UDP result as the answer if the tunnel header does not fit.
 *
 *   0: | source port | destination port |
 *   4: | length      | checksum         |
 */
import { readU16 } from '../link/bigEndian.ts';
import type { LayerContext } from '../link/layerContext.ts';
import { udpTunnelFor } from '../link/layerBindings.ts';
import { named, type LayerStep } from '../link/layerStep.ts';
import type { PacketResult } from '../packetResult.ts';

const HEADER_BYTES = 8;

export function decodeUdp(bytes: Uint8Array, ctx: LayerContext): LayerStep {
  if (bytes.length < HEADER_BYTES) return ctx.short('udp.too_short', bytes.length);
  const sourcePort = readU16(bytes, 0);
  const destinationPort = readU16(bytes, 2);
  let length = readU16(bytes, 4);
  // 0 is only legal for IPv6 jumbograms (RFC 2675 §4): the IP payload length rules then.
  if (length === 0) length = bytes.length;
  if (length < HEADER_BYTES) return ctx.malformed('udp.bad_length', length);
  if (length > bytes.length) {
    const cut = ctx.overlong('udp.length_exceeds_packet', length);
    if (cut) return cut;
    length = bytes.length;
  }

  const payload = bytes.subarray(HEADER_BYTES, length);
  const result: PacketResult = {
    kind: 'udp',
    src: { ip: ctx.sourceIp(), port: sourcePort },
    dst: { ip: ctx.destinationIp(), port: destinationPort },
    payload,
    frames: ctx.frames,
    encapsulation: ctx.encapsulation,
  };
  const tunnel = udpTunnelFor(sourcePort, destinationPort);
  if (tunnel === undefined) return result;
  ctx.fallback = result;
  return named(tunnel, payload);
}
