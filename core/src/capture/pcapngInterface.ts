/**
 * pcapng Interface Description Block (draft-ietf-opsawg-pcapng §4.2) → the interface state packet blocks
 * need: link type, snapshot length, FCS length and a tick clock (if_tsresol, if_tsoffset).
 *
 *   +0 type = 1 | +4 total length | +8 LinkType u16 | +10 reserved u16 | +12 SnapLen u32 | +16 options…
 */
import type { CaptureInterface } from './frame.ts';
import { readPcapngOptions } from './pcapngOptions.ts';
import { DEFAULT_TSRESOL, TickClock } from './tickClock.ts';

export const IDB_MIN_BYTES = 20;

const IF_NAME = 2;
const IF_DESCRIPTION = 3;
const IF_TSRESOL = 9;
const IF_FCSLEN = 13;
const IF_TSOFFSET = 14;

export interface PcapngInterface {
  /** Unique across the file: interfaces of later sections are numbered after those of earlier ones. */
  readonly id: number;
  readonly linkType: number;
  /** 0 means no limit. */
  readonly snapLength: number;
  /** FCS bytes at the end of each packet (if_fcslen), unless a packet's flags say otherwise. */
  readonly fcsLength: number;
  readonly clock: TickClock;
  readonly description: CaptureInterface;
}

export interface ReadInterfaceResult {
  readonly iface: PcapngInterface;
  /** Offset of a malformed option, or -1. */
  readonly badOptionAt: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** Reads the IDB at `pos` (its length already checked to be ≥ IDB_MIN_BYTES). */
export function readInterfaceDescription(
  view: DataView,
  pos: number,
  blockLength: number,
  littleEndian: boolean,
  id: number,
): ReadInterfaceResult {
  const linkType = view.getUint16(pos + 8, littleEndian);
  const snapLength = view.getUint32(pos + 12, littleEndian);
  const { options, badOptionAt } = readPcapngOptions(view, pos + 16, pos + blockLength - 4, littleEndian);
  let name: string | undefined;
  let description: string | undefined;
  let tsresol = DEFAULT_TSRESOL;
  let offsetSeconds = 0;
  let fcsLength = 0;
  for (const option of options) {
    const { code, valueStart, length } = option;
    if (code === IF_NAME) name = decodeText(view, valueStart, length);
    else if (code === IF_DESCRIPTION) description = decodeText(view, valueStart, length);
    else if (code === IF_TSRESOL && length >= 1) tsresol = view.getUint8(valueStart);
    else if (code === IF_FCSLEN && length >= 1) fcsLength = fcsBytes(view.getUint8(valueStart));
    else if (code === IF_TSOFFSET && length >= 8) {
      // Signed 64-bit seconds; exact while under 2^53, which any real offset is.
      const highAt = valueStart + (littleEndian ? 4 : 0);
      const lowAt = valueStart + (littleEndian ? 0 : 4);
      offsetSeconds = view.getInt32(highAt, littleEndian) * 4294967296 + view.getUint32(lowAt, littleEndian);
    }
  }
  const clock = new TickClock(tsresol, offsetSeconds);
  const info: { -readonly [K in keyof CaptureInterface]: CaptureInterface[K] } = {
    id,
    linkType,
    snapLength,
    timePrecisionDigits: clock.precisionDigits,
  };
  if (name !== undefined) info.name = name;
  if (description !== undefined) info.description = description;
  return { iface: { id, linkType, snapLength, fcsLength, clock, description: info }, badOptionAt };
}

/**
 * if_fcslen is specified in bits (Wireshark converts it so); a value that is not a multiple of 8 can only
 * have been written in bytes by a confused writer, so it is taken as bytes.
 */
function fcsBytes(value: number): number {
  return value % 8 === 0 ? value / 8 : value;
}

function decodeText(view: DataView, start: number, length: number): string {
  const bytes = new Uint8Array(view.buffer, view.byteOffset + start, length);
  // Strings are UTF-8 without a terminator, but some writers add a NUL: drop trailing NULs.
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return utf8.decode(bytes.subarray(0, end));
}
