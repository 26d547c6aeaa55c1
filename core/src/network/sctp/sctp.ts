/**
 * SCTP packet (RFC 9260 §3): common header, then chunks padded to 4 bytes. DATA (type 0, §3.3.1) and
 * I-DATA (type 64, RFC 8260 §2.1) chunks go through the SctpReassembler, which delivers unfragmented ones
 * at once, joins fragments and drops retransmissions. Other chunks are control traffic and yield no message.
 * The CRC32c checksum is not verified.
 *
 *   common: 0: source port (2) | 2: destination port (2) | 4: verification tag (4) | 8: checksum (4)
 *   chunk:  0: type | 1: flags | 2: length (2, without padding) | 4: value
 *   DATA:   4: TSN (4) | 8: stream id (2) | 10: SSN (2) | 12: PPID (4) | 16: user data
 *   I-DATA: 4: TSN (4) | 8: stream id (2) | 10: reserved (2) | 12: MID (4) | 16: PPID or FSN (4) | 20: data
 */
import { readU16, readU32 } from '../link/bigEndian.ts';
import type { LayerContext } from '../link/layerContext.ts';
import type { LayerStep } from '../link/layerStep.ts';
import type { SctpUserMessage } from '../packetResult.ts';
import type { SctpDataChunk } from './sctpReassembler.ts';

const COMMON_HEADER_BYTES = 12;
const CHUNK_DATA = 0;
const CHUNK_I_DATA = 64;
const DATA_HEADER_BYTES = 16;
const I_DATA_HEADER_BYTES = 20;

export function decodeSctp(bytes: Uint8Array, ctx: LayerContext): LayerStep {
  if (bytes.length < COMMON_HEADER_BYTES) return ctx.short('sctp.too_short', bytes.length);
  const src = { ip: ctx.sourceIp(), port: readU16(bytes, 0) };
  const dst = { ip: ctx.destinationIp(), port: readU16(bytes, 2) };
  const messages: SctpUserMessage[] = [];
  let associationKey: string | undefined;

  for (let at = COMMON_HEADER_BYTES; at + 4 <= bytes.length; ) {
    const type = bytes[at]!;
    const length = readU16(bytes, at + 2);
    if (length < 4 || at + length > bytes.length) {
      if (length >= 4 && ctx.frame.capturedLength < ctx.frame.originalLength) ctx.issue('packet.truncated', 'sctp.bad_chunk_length');
      else ctx.issue('sctp.bad_chunk_length', length);
      break;
    }
    if (type === CHUNK_DATA || type === CHUNK_I_DATA) {
      const chunk = readDataChunk(bytes, at, length, type === CHUNK_I_DATA);
      if (chunk === undefined) {
        ctx.issue('sctp.data_chunk_too_short', length);
      } else {
        associationKey ??= `${src.ip}:${src.port}>${dst.ip}:${dst.port}`;
        const message = ctx.state.sctp.add(associationKey, chunk, ctx.frames, ctx.frame.number, ctx.issues);
        if (message !== undefined) messages.push(message);
      }
    }
    at += (length + 3) & ~3;
  }
  return { kind: 'sctp', src, dst, messages, encapsulation: ctx.encapsulation };
}

function readDataChunk(bytes: Uint8Array, at: number, length: number, interleaved: boolean): SctpDataChunk | undefined {
  const headerBytes = interleaved ? I_DATA_HEADER_BYTES : DATA_HEADER_BYTES;
  if (length < headerBytes) return undefined;
  return {
    interleaved,
    flags: bytes[at + 1]!,
    tsn: readU32(bytes, at + 4),
    streamIdentifier: readU16(bytes, at + 8),
    messageNumber: interleaved ? readU32(bytes, at + 12) : readU16(bytes, at + 10),
    ppidOrFsn: readU32(bytes, at + (interleaved ? 16 : 12)),
    payload: bytes.subarray(at + headerBytes, at + length),
  };
}
