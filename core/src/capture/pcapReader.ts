/**
 * Classic pcap records (draft-ietf-opsawg-pcap §4–5; libpcap pcap-savefile(5)): either byte order,
 * microsecond or nanosecond magic, FCS bits in the link-type word, Kuznetzov's 24-byte record headers.
 *
 *   file header (24)  magic | major u16 | minor u16 | thiszone | sigfigs | snaplen | linktype+FCS
 *   record header (16) ts_sec | ts_frac | incl_len (captured) | orig_len      then incl_len bytes
 */
import type { CaptureContext } from './captureContext.ts';
import {
  PCAP_MAGIC_KUZNETZOV,
  PCAP_MAGIC_MICROSECONDS,
  PCAP_MAGIC_NANOSECONDS,
} from './detectCaptureFormat.ts';
import type { RecordParser } from './recordParser.ts';

const FILE_HEADER_BYTES = 24;
/** Wireshark's largest packet for ordinary link types; a record above this (and the snaplen) is garbage. */
const STANDARD_MAX_PACKET = 262144;
/** Wireshark's largest packet for any link type. */
const ABSOLUTE_MAX_PACKET = 256 * 1024 * 1024;

/** Link type and FCS length in bytes from the header's link-type word. */
export function splitPcapLinkType(word: number): { linkType: number; fcsLength: number } {
  // libpcap and Wireshark (LT_FCS_LENGTH_PRESENT): bit 26 says the top 4 bits hold the FCS length in
  // 16-bit words. An older draft put a flag in bit 28 and the length in bits 29–31; accept that too.
  let words = 0;
  if (word & 0x04000000) words = word >>> 28;
  else if (word & 0x10000000) words = word >>> 29;
  return { linkType: word & 0xffff, fcsLength: words * 2 };
}

export class PcapReader implements RecordParser {
  needBytes = FILE_HEADER_BYTES;
  stoppedAt = -1;
  private headerRead = false;
  private littleEndian = true;
  private recordHeaderBytes = 16;
  private nanosPerFraction = 1000;
  private fractionLimit = 1e6;
  private precisionDigits = 6;
  private snapLength = 0;
  private maxCapturedLength = STANDARD_MAX_PACKET;
  private linkType = 0;
  private fcsLength = 0;

  constructor(private readonly ctx: CaptureContext) {}

  parse(bytes: Uint8Array, start: number, end: number, fileOffset: number): number {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let pos = start;
    if (!this.headerRead) {
      if (end - pos < FILE_HEADER_BYTES) return 0;
      this.readFileHeader(view, pos);
      pos += FILE_HEADER_BYTES;
    }
    const le = this.littleEndian;
    const headerBytes = this.recordHeaderBytes;
    const ctx = this.ctx;
    for (;;) {
      const available = end - pos;
      if (available < headerBytes) {
        this.needBytes = headerBytes;
        break;
      }
      const capturedLength = view.getUint32(pos + 8, le);
      if (capturedLength > this.maxCapturedLength) {
        this.stop(fileOffset + (pos - start), capturedLength);
        break;
      }
      const recordBytes = headerBytes + capturedLength;
      if (available < recordBytes) {
        this.needBytes = recordBytes;
        break;
      }
      const seconds = view.getUint32(pos, le);
      const fraction = view.getUint32(pos + 4, le);
      const originalLength = view.getUint32(pos + 12, le);
      const dataStart = pos + headerBytes;
      const recordOffset = fileOffset + (pos - start);
      const timestamp =
        fraction < this.fractionLimit
          ? { seconds, nanoseconds: fraction * this.nanosPerFraction }
          : this.carryFraction(seconds, fraction, recordOffset);
      const number = ctx.addFrame(
        timestamp,
        this.precisionDigits,
        this.linkType,
        bytes.subarray(dataStart, dataStart + capturedLength),
        originalLength,
        0,
        recordOffset,
        this.fcsLength,
        recordOffset + headerBytes,
      );
      if (capturedLength > this.snapLength && this.snapLength !== 0) {
        ctx.report(
          'pcap.caplen_exceeds_snaplen',
          `pcap record at offset ${recordOffset} holds ${capturedLength} bytes, more than the snapshot length ${this.snapLength}.`,
          capturedLength,
          number,
        );
      }
      pos += recordBytes;
    }
    return pos - start;
  }

  finish(bytes: Uint8Array, start: number, end: number, fileOffset: number): void {
    const left = end - start;
    if (!this.headerRead) {
      if (left > 0) {
        this.ctx.report(
          'pcap.truncated_header',
          `The pcap file is ${left} bytes long, shorter than its ${FILE_HEADER_BYTES}-byte header.`,
          left,
        );
      }
      return;
    }
    if (left === 0) return;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const detail =
      left < this.recordHeaderBytes
        ? `pcap record header at offset ${fileOffset} has ${left} of its ${this.recordHeaderBytes} bytes.`
        : `pcap record at offset ${fileOffset} has ${left - this.recordHeaderBytes} of its ` +
          `${view.getUint32(start + 8, this.littleEndian)} captured bytes.`;
    this.ctx.report('pcap.truncated_record', detail, left);
  }

  private readFileHeader(view: DataView, pos: number): void {
    const magicLe = view.getUint32(pos, true);
    const magicBe = view.getUint32(pos, false);
    this.littleEndian =
      magicLe === PCAP_MAGIC_MICROSECONDS || magicLe === PCAP_MAGIC_NANOSECONDS || magicLe === PCAP_MAGIC_KUZNETZOV;
    const magic = this.littleEndian ? magicLe : magicBe;
    const le = this.littleEndian;
    if (magic === PCAP_MAGIC_NANOSECONDS) {
      this.nanosPerFraction = 1;
      this.fractionLimit = 1e9;
      this.precisionDigits = 9;
    }
    if (magic === PCAP_MAGIC_KUZNETZOV) this.recordHeaderBytes = 24;
    const major = view.getUint16(pos + 4, le);
    const minor = view.getUint16(pos + 6, le);
    if (major !== 2) {
      this.ctx.report('pcap.unsupported_version', `pcap file version is ${major}.${minor}.`, `${major}.${minor}`);
    }
    this.snapLength = view.getUint32(pos + 16, le);
    this.maxCapturedLength = Math.max(STANDARD_MAX_PACKET, Math.min(this.snapLength, ABSOLUTE_MAX_PACKET));
    const { linkType, fcsLength } = splitPcapLinkType(view.getUint32(pos + 20, le));
    this.linkType = linkType;
    this.fcsLength = fcsLength;
    this.ctx.interfaces.push({
      id: 0,
      linkType,
      snapLength: this.snapLength,
      timePrecisionDigits: this.precisionDigits,
    });
    this.headerRead = true;
  }

  private carryFraction(seconds: number, fraction: number, recordOffset: number) {
    const units = this.fractionLimit;
    const carried = Math.floor(fraction / units);
    this.ctx.report(
      'pcap.timestamp_fraction_overflow',
      `pcap record at offset ${recordOffset} has a timestamp fraction of ${fraction} (limit ${units - 1}).`,
      fraction,
      this.ctx.frameCount + 1,
    );
    return { seconds: seconds + carried, nanoseconds: (fraction - carried * units) * this.nanosPerFraction };
  }

  private stop(recordOffset: number, capturedLength: number): void {
    this.stoppedAt = recordOffset;
    this.ctx.report(
      'pcap.record_length_absurd',
      `pcap record at offset ${recordOffset} claims ${capturedLength} captured bytes (limit ` +
        `${this.maxCapturedLength}); reading stopped there.`,
      capturedLength,
    );
  }
}
