/**
 * IPv4 header (RFC 791 §3.1): trims link padding by Total Length, skips options, and hands fragments
 * (MF set or offset > 0) to the reassembler. The header checksum is not verified (offload makes it noise).
 *
 *   0       1       2       3
 *   |ver|ihl| tos   | total length  |
 *   | identification|flags| offset  |
 *   | ttl   | proto | checksum      |
 *   | source address                |
 *   | destination address           |
 */
import { readU16 } from '../link/bigEndian.ts';
import type { LayerContext } from '../link/layerContext.ts';
import { bound, type LayerStep } from '../link/layerStep.ts';
import { formatIpv4 } from './ipAddress.ts';
import { enterIpHeader } from './ipDepth.ts';

const MIN_HEADER_BYTES = 20;
const FRAGMENT_RESULT: LayerStep = Object.freeze({ kind: 'fragment' });

export function decodeIpv4(bytes: Uint8Array, ctx: LayerContext): LayerStep {
  if (bytes.length < MIN_HEADER_BYTES) return ctx.short('ipv4.too_short', bytes.length);
  const version = bytes[0]! >> 4;
  if (version !== 4) return ctx.malformed('ipv4.bad_version', version);
  const headerBytes = (bytes[0]! & 0x0f) * 4;
  if (headerBytes < MIN_HEADER_BYTES) return ctx.malformed('ipv4.bad_header_length', headerBytes);
  let totalLength = readU16(bytes, 2);
  if (totalLength === 0) {
    ctx.issue('ipv4.total_length_zero');
    totalLength = bytes.length;
  }
  if (totalLength < headerBytes) return ctx.malformed('ipv4.bad_total_length', totalLength);
  if (totalLength > bytes.length) {
    const cut = ctx.overlong('ipv4.total_length_exceeds_frame', totalLength);
    if (cut) return cut;
    totalLength = bytes.length;
  }

  const tooDeep = enterIpHeader(ctx, bytes, 4);
  if (tooDeep !== undefined) return tooDeep;

  const protocol = bytes[9]!;
  const payload = bytes.subarray(headerBytes, totalLength);
  const flagsAndOffset = readU16(bytes, 6);
  const moreFragments = (flagsAndOffset & 0x2000) !== 0;
  const offsetBytes = (flagsAndOffset & 0x1fff) * 8;
  if (!moreFragments && offsetBytes === 0) return bound('ipProtocol', protocol, payload);

  const key = `${formatIpv4(bytes, 12)}>${formatIpv4(bytes, 16)} proto ${protocol} id ${readU16(bytes, 4)}`;
  const datagram = ctx.state.fragments.add(
    {
      family: 'ipv4', key, offsetBytes, payload, moreFragments,
      frames: ctx.frames, frame: ctx.frame.number, timestamp: ctx.frame.timestamp,
    },
    ctx.issues,
  );
  if (datagram === undefined) return FRAGMENT_RESULT;
  ctx.frames = datagram.frames;
  return bound('ipProtocol', protocol, datagram.payload);
}
