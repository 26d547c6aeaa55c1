/** SCTP packets carrying DATA chunks (RFC 9260 §3.1 common header, §3.3.1 DATA) with the CRC32c checksum. */
import { crc32c } from './checksum.ts';

export interface SctpDataChunk {
  readonly tsn: number;
  readonly streamId: number;
  readonly streamSeq: number;
  /** Payload protocol identifier; 0 = unspecified (SIP has no IANA PPID). */
  readonly ppid: number;
  /** B (first piece of a user message) and E (last piece) flags. */
  readonly beginning: boolean;
  readonly ending: boolean;
  readonly data: Uint8Array;
}

const CHUNK_DATA = 0;

/**
 * Common header: src port(2) dst port(2) verification tag(4) checksum(4); then per chunk:
 * type=0(1) flags U|B|E(1) length(2) TSN(4) stream id(2) stream seq(2) PPID(4) data, padded to 4.
 */
export function encodeSctp(srcPort: number, dstPort: number, verificationTag: number, chunks: readonly SctpDataChunk[]): Uint8Array {
  let total = 12;
  for (const c of chunks) total += (16 + c.data.length + 3) & ~3;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint16(0, srcPort);
  view.setUint16(2, dstPort);
  view.setUint32(4, verificationTag >>> 0);
  let at = 12;
  for (const c of chunks) {
    out[at] = CHUNK_DATA;
    out[at + 1] = (c.beginning ? 0x02 : 0) | (c.ending ? 0x01 : 0);
    view.setUint16(at + 2, 16 + c.data.length); // chunk length excludes the padding
    view.setUint32(at + 4, c.tsn >>> 0);
    view.setUint16(at + 8, c.streamId);
    view.setUint16(at + 10, c.streamSeq & 0xffff);
    view.setUint32(at + 12, c.ppid >>> 0);
    out.set(c.data, at + 16);
    at += (16 + c.data.length + 3) & ~3;
  }
  // The CRC is computed with the checksum field zero and stored least significant byte first
  // (RFC 9260 appendix A: the reflected CRC's bytes go out in that order).
  view.setUint32(8, crc32c(out), true);
  return out;
}
