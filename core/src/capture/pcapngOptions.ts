/**
 * pcapng options (draft-ietf-opsawg-pcapng §3.5): a list of TLVs, each value padded to 32 bits, ended by
 * opt_endofopt or by the end of the options area.
 *
 *   code u16 | length u16 | value (length bytes) | padding to a multiple of 4
 */

export const OPT_ENDOFOPT = 0;

/** One option's place in the block; the value is bytes[valueStart, valueStart + length). */
export interface PcapngOption {
  readonly code: number;
  readonly valueStart: number;
  readonly length: number;
}

export interface PcapngOptions {
  readonly options: PcapngOption[];
  /** Offset of an option that ran past `end`, or -1 when the list was well formed. */
  readonly badOptionAt: number;
}

/** Lists the options in view[start, end). Not for the per-packet path: it allocates. */
export function readPcapngOptions(view: DataView, start: number, end: number, littleEndian: boolean): PcapngOptions {
  const options: PcapngOption[] = [];
  let pos = start;
  while (end - pos >= 4) {
    const code = view.getUint16(pos, littleEndian);
    const length = view.getUint16(pos + 2, littleEndian);
    if (code === OPT_ENDOFOPT) break;
    const valueStart = pos + 4;
    if (valueStart + length > end) return { options, badOptionAt: pos };
    options.push({ code, valueStart, length });
    pos = valueStart + ((length + 3) & ~3);
  }
  return { options, badOptionAt: -1 };
}

/**
 * The value of a 4-byte option `code` in view[start, end), or -1 when absent or malformed. Allocation-free,
 * for per-packet flags (epb_flags, pack_flags).
 */
export function findUint32Option(
  view: DataView,
  start: number,
  end: number,
  littleEndian: boolean,
  wantedCode: number,
): number {
  let pos = start;
  while (end - pos >= 4) {
    const code = view.getUint16(pos, littleEndian);
    const length = view.getUint16(pos + 2, littleEndian);
    if (code === OPT_ENDOFOPT || pos + 4 + length > end) return -1;
    if (code === wantedCode && length === 4) return view.getUint32(pos + 4, littleEndian);
    pos += 4 + ((length + 3) & ~3);
  }
  return -1;
}
