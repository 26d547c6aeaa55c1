/**
 * pcapng block framing (draft-ietf-opsawg-pcapng §3.1, §4.1): sections in either byte order, interface ids
 * made unique across sections, packet blocks → frames, every other block type skipped and counted.
 *
 *   block: type u32 | total length u32 | body… | total length u32      (total length % 4 = 0, ≥ 12)
 *   SHB:   0x0A0D0D0A | length | byte-order magic 0x1A2B3C4D | major u16 | minor u16 | section length i64 | opts
 */
import type { CaptureContext } from './captureContext.ts';
import { PCAPNG_SECTION_HEADER } from './detectCaptureFormat.ts';
import type { CaptureIssueCode } from './issues.ts';
import type { PcapngInterface } from './pcapngInterface.ts';
import { IDB_MIN_BYTES, readInterfaceDescription } from './pcapngInterface.ts';
import type { PcapngSection } from './pcapngPacketBlocks.ts';
import {
  readSimplePacketBlock,
  readTimedPacketBlock,
  SIMPLE_PACKET_MIN_BYTES,
  TIMED_PACKET_MIN_BYTES,
} from './pcapngPacketBlocks.ts';
import type { RecordParser } from './recordParser.ts';

const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const BLOCK_IDB = 1;
const BLOCK_PB = 2;
const BLOCK_SPB = 3;
const BLOCK_EPB = 6;
const SHB_MIN_BYTES = 28;
/** Type, length and the SHB byte-order magic: enough to validate any block header. */
const BLOCK_HEAD_BYTES = 12;
/** Wireshark's bound: the largest packet of any link type plus room for an EPB and its options. */
const MAX_BLOCK_BYTES = 256 * 1024 * 1024 + 131072 + 32;

export class PcapngReader implements RecordParser, PcapngSection {
  needBytes = BLOCK_HEAD_BYTES;
  stoppedAt = -1;
  littleEndian = true;
  interfaces: PcapngInterface[] = [];
  private reportedSimplePacketTime = false;

  constructor(readonly ctx: CaptureContext) {}

  parse(bytes: Uint8Array, start: number, end: number, fileOffset: number): number {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let pos = start;
    for (;;) {
      const available = end - pos;
      if (available < BLOCK_HEAD_BYTES) {
        this.needBytes = BLOCK_HEAD_BYTES;
        break;
      }
      const blockOffset = fileOffset + (pos - start);
      const type = view.getUint32(pos, this.littleEndian);
      if (type === PCAPNG_SECTION_HEADER && !this.readByteOrder(view, pos, blockOffset)) break;
      const le = this.littleEndian;
      const length = view.getUint32(pos + 4, le);
      if (!this.checkLength(length, blockOffset)) break;
      if (available < length) {
        this.needBytes = length;
        break;
      }
      const trailer = view.getUint32(pos + length - 4, le);
      if (trailer !== length) {
        this.stop(
          'pcapng.block_length_mismatch',
          blockOffset,
          `pcapng block of type ${type} at offset ${blockOffset} has length ${length} but trailing length ` +
            `${trailer}; reading stopped there.`,
          trailer,
        );
        break;
      }
      this.ctx.blocksRead++;
      this.readBlock(view, bytes, type, pos, length, blockOffset);
      pos += length;
    }
    return pos - start;
  }

  finish(bytes: Uint8Array, start: number, end: number, fileOffset: number): void {
    const left = end - start;
    if (left === 0) return;
    let detail = `pcapng block header at offset ${fileOffset} has ${left} of its ${BLOCK_HEAD_BYTES} bytes.`;
    if (left >= BLOCK_HEAD_BYTES) {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const length = view.getUint32(start + 4, this.littleEndian);
      detail = `pcapng block at offset ${fileOffset} has ${left} of its ${length} bytes.`;
    }
    this.ctx.report('pcapng.truncated_block', detail, left);
  }

  private readBlock(view: DataView, bytes: Uint8Array, type: number, pos: number, length: number, offset: number): void {
    const minimum = minimumLength(type);
    if (length < minimum) {
      this.ctx.report(
        'pcapng.block_length_too_small',
        `pcapng block of type ${type} at offset ${offset} is ${length} bytes, less than the ${minimum} it needs; ` +
          'it was skipped.',
        length,
      );
      if (type === PCAPNG_SECTION_HEADER) this.startSection();
      else if (type === BLOCK_EPB || type === BLOCK_PB || type === BLOCK_SPB) this.ctx.recordsSkipped++;
      return;
    }
    const le = this.littleEndian;
    if (type === BLOCK_EPB) {
      readTimedPacketBlock(this, view, bytes, pos, length, offset, view.getUint32(pos + 8, le), 'Enhanced packet block');
    } else if (type === BLOCK_IDB) {
      this.readInterface(view, pos, length, offset);
    } else if (type === BLOCK_SPB) {
      if (readSimplePacketBlock(this, view, bytes, pos, length, offset) && !this.reportedSimplePacketTime) {
        this.reportedSimplePacketTime = true;
        this.ctx.report(
          'pcapng.simple_packet_no_time',
          `Simple packet block at offset ${offset} (frame ${this.ctx.frameCount}) carries no timestamp; ` +
            'frames from simple packet blocks have time 0.',
          undefined,
          this.ctx.frameCount,
        );
      }
    } else if (type === BLOCK_PB) {
      readTimedPacketBlock(this, view, bytes, pos, length, offset, view.getUint16(pos + 8, le), 'Packet block');
    } else if (type === PCAPNG_SECTION_HEADER) {
      this.readSectionHeader(view, pos, offset);
    } else {
      this.ctx.skipBlock(type);
    }
  }

  /** Sets the byte order from an SHB's magic; false (and stopped) when the magic is neither order. */
  private readByteOrder(view: DataView, pos: number, offset: number): boolean {
    if (view.getUint32(pos + 8, true) === BYTE_ORDER_MAGIC) this.littleEndian = true;
    else if (view.getUint32(pos + 8, false) === BYTE_ORDER_MAGIC) this.littleEndian = false;
    else {
      const found = view.getUint32(pos + 8, false).toString(16).padStart(8, '0');
      this.stop(
        'pcapng.bad_byte_order_magic',
        offset,
        `pcapng section header at offset ${offset} has byte-order magic 0x${found}; reading stopped there.`,
        `0x${found}`,
      );
      return false;
    }
    return true;
  }

  private readSectionHeader(view: DataView, pos: number, offset: number): void {
    const major = view.getUint16(pos + 12, this.littleEndian);
    const minor = view.getUint16(pos + 14, this.littleEndian);
    if (major !== 1) {
      this.ctx.report(
        'pcapng.unsupported_version',
        `pcapng section at offset ${offset} has version ${major}.${minor}; it was read as 1.0.`,
        `${major}.${minor}`,
      );
    }
    this.startSection();
  }

  /** Interface ids restart per section; global ids continue after the previous sections' interfaces. */
  private startSection(): void {
    this.ctx.sections++;
    this.interfaces = [];
  }

  private readInterface(view: DataView, pos: number, length: number, offset: number): void {
    const id = this.ctx.interfaces.length;
    const { iface, badOptionAt } = readInterfaceDescription(view, pos, length, this.littleEndian, id);
    if (badOptionAt >= 0) {
      this.ctx.report(
        'pcapng.bad_option',
        `Interface description block at offset ${offset} has an option at block byte ${badOptionAt - pos} ` +
          'that runs past the block; the remaining options were ignored.',
        badOptionAt - pos,
      );
    }
    this.interfaces.push(iface);
    this.ctx.interfaces.push(iface.description);
  }

  private checkLength(length: number, offset: number): boolean {
    let code: CaptureIssueCode | undefined;
    let why = '';
    if (length < BLOCK_HEAD_BYTES) [code, why] = ['pcapng.block_length_too_small', `less than ${BLOCK_HEAD_BYTES}`];
    else if (length % 4 !== 0) [code, why] = ['pcapng.block_length_unaligned', 'not a multiple of 4'];
    else if (length > MAX_BLOCK_BYTES) [code, why] = ['pcapng.block_length_too_big', `over ${MAX_BLOCK_BYTES}`];
    if (code === undefined) return true;
    this.stop(code, offset, `pcapng block at offset ${offset} has length ${length}, ${why}; reading stopped there.`, length);
    return false;
  }

  private stop(code: CaptureIssueCode, offset: number, detail: string, value: string | number): void {
    this.stoppedAt = offset;
    this.ctx.report(code, detail, value);
  }
}

function minimumLength(type: number): number {
  if (type === BLOCK_EPB || type === BLOCK_PB) return TIMED_PACKET_MIN_BYTES;
  if (type === BLOCK_IDB) return IDB_MIN_BYTES;
  if (type === BLOCK_SPB) return SIMPLE_PACKET_MIN_BYTES;
  if (type === PCAPNG_SECTION_HEADER) return SHB_MIN_BYTES;
  return BLOCK_HEAD_BYTES;
}
