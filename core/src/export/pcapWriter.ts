/**
 * Classic libpcap file writer (tcpdump.org pcap-savefile(5); draft-ietf-opsawg-pcap §4–5), little-endian,
 * microsecond magic 0xa1b2c3d4 or nanosecond magic 0xa1b23c4d. Pure: returns bytes, never touches files.
 */
import type { Timestamp } from '../shared/time.ts';

/** What a writer needs of a frame. A capture `Frame` fits as it is, so read frames copy byte for byte. */
export interface WritableFrame {
  readonly timestamp: Timestamp;
  readonly data: Uint8Array;
  /** Length on the wire; defaults to `data.length`. */
  readonly originalLength?: number;
  /** pcapng interface the frame belongs to (0 when absent); classic pcap has a single link and ignores it. */
  readonly interfaceId?: number;
  /** pcapng opt_comment; classic pcap has nowhere to put it. */
  readonly comment?: string;
}

export interface PcapWriterOptions {
  /** LINKTYPE_* value of every record; default 1 (Ethernet). */
  readonly linkType?: number;
  /** Nanosecond magic and fractions; default microseconds (sub-µs digits are truncated). */
  readonly nanosecond?: boolean;
  /** Longest data kept per record (longer data is cut, originalLength keeps the wire length); default 262144. */
  readonly snapLength?: number;
}

export const PCAP_MAGIC_MICROSECONDS = 0xa1b2c3d4;
export const PCAP_MAGIC_NANOSECONDS = 0xa1b23c4d;
export const PCAP_DEFAULT_SNAP_LENGTH = 262144;

const FILE_HEADER_BYTES = 24;
const RECORD_HEADER_BYTES = 16;

/**
 * Streaming form: `header()` once, then `frame(f)` per record; concatenating the pieces is the file.
 * Lets an export write a selection of any size without holding it all.
 */
export class PcapWriter {
  readonly linkType: number;
  readonly nanosecond: boolean;
  readonly snapLength: number;

  constructor(options: PcapWriterOptions = {}) {
    this.linkType = options.linkType ?? 1;
    this.nanosecond = options.nanosecond ?? false;
    this.snapLength = options.snapLength ?? PCAP_DEFAULT_SNAP_LENGTH;
  }

  /**
   * File header, 24 bytes:
   * magic(4) version_major=2(2) version_minor=4(2) thiszone=0(4) sigfigs=0(4) snaplen(4) linktype(4)
   */
  header(): Uint8Array {
    const out = new Uint8Array(FILE_HEADER_BYTES);
    const view = new DataView(out.buffer);
    view.setUint32(0, this.nanosecond ? PCAP_MAGIC_NANOSECONDS : PCAP_MAGIC_MICROSECONDS, true);
    view.setUint16(4, 2, true);
    view.setUint16(6, 4, true);
    view.setUint32(16, this.snapLength, true);
    view.setUint32(20, this.linkType, true);
    return out;
  }

  /** Byte size of `frame(f)`'s output, for callers that preallocate. */
  recordLength(f: WritableFrame): number {
    return RECORD_HEADER_BYTES + Math.min(f.data.length, this.snapLength);
  }

  /** One record: ts_sec(4) ts_frac(4) incl_len(4) orig_len(4) data(incl_len). */
  frame(f: WritableFrame): Uint8Array {
    const out = new Uint8Array(this.recordLength(f));
    this.writeRecord(f, out, 0);
    return out;
  }

  /** Writes one record into `out` at `offset`; returns the offset after it. */
  writeRecord(f: WritableFrame, out: Uint8Array, offset: number): number {
    const capturedLength = Math.min(f.data.length, this.snapLength);
    const view = new DataView(out.buffer, out.byteOffset + offset, RECORD_HEADER_BYTES);
    const fraction = this.nanosecond ? f.timestamp.nanoseconds : Math.floor(f.timestamp.nanoseconds / 1000);
    view.setUint32(0, f.timestamp.seconds >>> 0, true);
    view.setUint32(4, fraction, true);
    view.setUint32(8, capturedLength, true);
    view.setUint32(12, (f.originalLength ?? f.data.length) >>> 0, true);
    out.set(capturedLength === f.data.length ? f.data : f.data.subarray(0, capturedLength), offset + RECORD_HEADER_BYTES);
    return offset + RECORD_HEADER_BYTES + capturedLength;
  }
}

/** A whole classic pcap file in one allocation. */
export function writePcap(frames: readonly WritableFrame[], options: PcapWriterOptions = {}): Uint8Array {
  const writer = new PcapWriter(options);
  let total = FILE_HEADER_BYTES;
  for (const f of frames) total += writer.recordLength(f);
  const out = new Uint8Array(total);
  out.set(writer.header(), 0);
  let offset = FILE_HEADER_BYTES;
  for (const f of frames) offset = writer.writeRecord(f, out, offset);
  return out;
}
