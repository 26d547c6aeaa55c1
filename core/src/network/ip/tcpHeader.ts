/**
 * TCP header (RFC 9293 §3.1) → one segment for the TcpReassembler (../tcp/). Options are skipped; the
 * checksum is not verified. Byte-stream reassembly is not done here.
 *
 *   0: | source port | destination port |
 *   4: | sequence number                |
 *   8: | acknowledgment number          |
 *  12: |off|rsv| flags | window         |
 *  16: | checksum    | urgent pointer   |
 */
import type { LayerContext } from '../link/layerContext.ts';
import { readU16, readU32 } from '../link/bigEndian.ts';
import type { LayerStep } from '../link/layerStep.ts';

const MIN_HEADER_BYTES = 20;

export function decodeTcpHeader(bytes: Uint8Array, ctx: LayerContext): LayerStep {
  if (bytes.length < MIN_HEADER_BYTES) return ctx.short('tcp.too_short', bytes.length);
  const dataOffset = (bytes[12]! >> 4) * 4;
  if (dataOffset < MIN_HEADER_BYTES) return ctx.malformed('tcp.bad_data_offset', dataOffset);
  if (dataOffset > bytes.length) return ctx.short('tcp.bad_data_offset', dataOffset);
  const frame = ctx.frame;
  return {
    kind: 'tcp',
    segment: {
      src: { ip: ctx.sourceIp(), port: readU16(bytes, 0) },
      dst: { ip: ctx.destinationIp(), port: readU16(bytes, 2) },
      sequenceNumber: readU32(bytes, 4),
      acknowledgmentNumber: readU32(bytes, 8),
      flags: bytes[13]!, // the whole flags byte (ECE 0x40 and CWR 0x80 included)
      payload: bytes.subarray(dataOffset),
      timestamp: frame.timestamp,
      frame: frame.number,
      encapsulation: ctx.encapsulation,
    },
    frames: ctx.frames,
  };
}
