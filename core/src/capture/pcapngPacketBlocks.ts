/**
 * pcapng packet-carrying blocks → frames (draft-ietf-opsawg-pcapng §4.3 EPB, §4.4 SPB, Appendix A obsolete
 * Packet Block). Each is handed a block whose total length already matches its trailer.
 *
 *   EPB (6): +8 Interface ID u32 | +12 ts high | +16 ts low | +20 captured | +24 original | +28 data… options
 *   PB  (2): +8 Interface ID u16 | +10 drops u16 | then as EPB
 *   SPB (3): +8 original length | +12 data (captured = min(original, snaplen))
 */
import { ZERO_TIME } from '../shared/time.ts';
import type { CaptureContext } from './captureContext.ts';
import { findUint32Option } from './pcapngOptions.ts';
import type { PcapngInterface } from './pcapngInterface.ts';

export const TIMED_PACKET_MIN_BYTES = 32;
export const SIMPLE_PACKET_MIN_BYTES = 16;
/** epb_flags and pack_flags share code 2; bits 5–8 are the FCS length in bytes (0: use if_fcslen). */
const OPT_PACKET_FLAGS = 2;

/** What a packet block needs from the section it sits in. */
export interface PcapngSection {
  readonly ctx: CaptureContext;
  readonly littleEndian: boolean;
  /** This section's interfaces, by the section-local id packet blocks use. */
  readonly interfaces: readonly PcapngInterface[];
}

function unknownInterface(section: PcapngSection, localId: number, blockOffset: number, blockName: string): void {
  section.ctx.recordsSkipped++;
  section.ctx.report(
    'pcapng.unknown_interface',
    `${blockName} at offset ${blockOffset} names interface ${localId}, but its section describes ` +
      `${section.interfaces.length}; the packet was skipped.`,
    localId,
  );
}

/** Enhanced Packet Block (`localId` read as u32) or obsolete Packet Block (`localId` read as u16). */
export function readTimedPacketBlock(
  section: PcapngSection,
  view: DataView,
  bytes: Uint8Array,
  pos: number,
  blockLength: number,
  blockOffset: number,
  localId: number,
  blockName: string,
): void {
  const le = section.littleEndian;
  const ctx = section.ctx;
  const capturedLength = view.getUint32(pos + 20, le);
  const dataStart = pos + 28;
  const optionsEnd = pos + blockLength - 4;
  // Float arithmetic: capturedLength may be near 2^32 in a damaged block.
  const paddedEnd = dataStart + capturedLength + ((4 - (capturedLength & 3)) & 3);
  if (paddedEnd > optionsEnd) {
    ctx.recordsSkipped++;
    ctx.report(
      'pcapng.caplen_exceeds_block',
      `${blockName} at offset ${blockOffset} claims ${capturedLength} captured bytes but holds ` +
        `${Math.max(0, optionsEnd - dataStart)}; the packet was skipped.`,
      capturedLength,
    );
    return;
  }
  const iface = section.interfaces[localId];
  if (iface === undefined) {
    unknownInterface(section, localId, blockOffset, blockName);
    return;
  }
  const timestamp = iface.clock.toTimestamp(view.getUint32(pos + 12, le), view.getUint32(pos + 16, le));
  let fcsLength = iface.fcsLength;
  if (paddedEnd < optionsEnd) {
    const flags = findUint32Option(view, paddedEnd, optionsEnd, le, OPT_PACKET_FLAGS);
    if (flags > 0 && (flags >>> 5) & 0xf) fcsLength = (flags >>> 5) & 0xf;
  }
  const number = ctx.addFrame(
    timestamp,
    iface.clock.precisionDigits,
    iface.linkType,
    bytes.subarray(dataStart, dataStart + capturedLength),
    view.getUint32(pos + 24, le),
    iface.id,
    blockOffset,
    fcsLength,
    blockOffset + (dataStart - pos),
  );
  if (iface.snapLength !== 0 && capturedLength > iface.snapLength) {
    ctx.report(
      'pcapng.caplen_exceeds_snaplen',
      `${blockName} at offset ${blockOffset} holds ${capturedLength} bytes, more than interface ` +
        `${iface.id}'s snapshot length ${iface.snapLength}.`,
      capturedLength,
      number,
    );
  }
}

/**
 * Simple Packet Block: interface 0 of the section, no timestamp. The captured length is the original
 * length cut to the snaplen; a block too short for that is damaged (its padding cannot be told from data).
 * Returns whether a frame was made.
 */
export function readSimplePacketBlock(
  section: PcapngSection,
  view: DataView,
  bytes: Uint8Array,
  pos: number,
  blockLength: number,
  blockOffset: number,
): boolean {
  const ctx = section.ctx;
  const iface = section.interfaces[0];
  if (iface === undefined) {
    unknownInterface(section, 0, blockOffset, 'Simple packet block');
    return false;
  }
  const originalLength = view.getUint32(pos + 8, section.littleEndian);
  const capturedLength = iface.snapLength !== 0 ? Math.min(originalLength, iface.snapLength) : originalLength;
  const room = blockLength - SIMPLE_PACKET_MIN_BYTES;
  if (capturedLength > room) {
    ctx.recordsSkipped++;
    ctx.report(
      'pcapng.caplen_exceeds_block',
      `Simple packet block at offset ${blockOffset} should hold ${capturedLength} bytes but holds ${room}; ` +
        'the packet was skipped.',
      capturedLength,
    );
    return false;
  }
  const dataStart = pos + 12;
  ctx.addFrame(
    ZERO_TIME,
    iface.clock.precisionDigits,
    iface.linkType,
    bytes.subarray(dataStart, dataStart + capturedLength),
    originalLength,
    iface.id,
    blockOffset,
    iface.fcsLength,
    blockOffset + (dataStart - pos),
  );
  return true;
}
