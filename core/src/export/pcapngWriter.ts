/**
 * pcapng writer (draft-ietf-opsawg-pcapng §4.1 SHB, §4.2 IDB, §4.3 EPB, §3.5 options), little-endian.
 * One section; one IDB per interface; frames as Enhanced Packet Blocks with if_tsresol honoured.
 */
import type { WritableFrame } from './pcapWriter.ts';

export interface PcapngInterfaceOptions {
  /** LINKTYPE_* value. */
  readonly linkType: number;
  readonly name?: string;
  readonly description?: string;
  /** Decimal digits of the timestamp unit (if_tsresol = 10^-digits); default 6 (µs). 0–9. */
  readonly tsresolDigits?: number;
  /** IDB snaplen; default 0 (no limit, per the spec). Frames are never cut by the pcapng writer. */
  readonly snapLength?: number;
}

export interface PcapngWriterOptions {
  /** Interface i is what `WritableFrame.interfaceId === i` refers to; default one Ethernet interface. */
  readonly interfaces?: readonly PcapngInterfaceOptions[];
  /** shb_comment of the section. */
  readonly sectionComment?: string;
  /** shb_userappl of the section. */
  readonly application?: string;
}

const BLOCK_SHB = 0x0a0d0d0a;
const BLOCK_IDB = 0x00000001;
const BLOCK_EPB = 0x00000006;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const OPT_ENDOFOPT = 0;
const OPT_COMMENT = 1;
const SHB_USERAPPL = 4;
const IF_NAME = 2;
const IF_DESCRIPTION = 3;
const IF_TSRESOL = 9;
/** EPB fixed part: type, total length, interface id, ts high, ts low, caplen, origlen … trailing total length. */
const EPB_FIXED_BYTES = 32;

const encoder = new TextEncoder();

interface EncodedOption {
  readonly code: number;
  readonly value: Uint8Array;
}

const pad4 = (n: number): number => (n + 3) & ~3;

/** Options area size: each option is code(2) length(2) value padded to 32 bits, then opt_endofopt(4). */
function optionsLength(options: readonly EncodedOption[]): number {
  if (options.length === 0) return 0;
  let n = 4;
  for (const o of options) n += 4 + pad4(o.value.length);
  return n;
}

function writeOptions(view: DataView, out: Uint8Array, offset: number, options: readonly EncodedOption[]): number {
  if (options.length === 0) return offset;
  for (const o of options) {
    view.setUint16(offset, o.code, true);
    view.setUint16(offset + 2, o.value.length, true);
    out.set(o.value, offset + 4);
    offset += 4 + pad4(o.value.length); // padding bytes stay zero (fresh array)
  }
  view.setUint16(offset, OPT_ENDOFOPT, true);
  view.setUint16(offset + 2, 0, true);
  return offset + 4;
}

/** A block with an opening type/length, `body` bytes of fixed fields written by `fill`, options, closing length. */
function makeBlock(
  type: number,
  bodyBytes: number,
  options: readonly EncodedOption[],
  fill: (view: DataView) => void,
): Uint8Array {
  const total = 8 + bodyBytes + optionsLength(options) + 4;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, type, true);
  view.setUint32(4, total, true);
  fill(view);
  writeOptions(view, out, 8 + bodyBytes, options);
  view.setUint32(total - 4, total, true);
  return out;
}

/**
 * Splits `seconds·10^digits + fraction` into the EPB's two 32-bit halves without BigInt: every partial
 * product stays below 2^53 for seconds < 2^32 and digits ≤ 9, so the arithmetic is exact.
 */
export function timestampUnits(seconds: number, nanoseconds: number, digits: number): { high: number; low: number } {
  const unitsPerSecond = 10 ** digits;
  const fraction = Math.floor(nanoseconds / 10 ** (9 - digits));
  const s = seconds >>> 0;
  const a = Math.floor(s / 65536) * unitsPerSecond; // < 2^46
  const b = (s % 65536) * unitsPerSecond + fraction; // < 2^47
  const c = (a % 65536) * 65536 + b; // < 2^48
  return { high: Math.floor(a / 65536) + Math.floor(c / 4294967296), low: c % 4294967296 };
}

/** Streaming form: `header()` (SHB + IDBs) once, then `frame(f)` per EPB; their concatenation is the file. */
export class PcapngWriter {
  readonly interfaces: readonly PcapngInterfaceOptions[];
  private readonly digits: number[];
  private readonly sectionComment: string | undefined;
  private readonly application: string | undefined;

  constructor(options: PcapngWriterOptions = {}) {
    this.interfaces = options.interfaces && options.interfaces.length > 0 ? options.interfaces : [{ linkType: 1 }];
    this.digits = this.interfaces.map((i) => {
      const d = i.tsresolDigits ?? 6;
      if (!Number.isInteger(d) || d < 0 || d > 9) throw new RangeError(`pcapng: tsresolDigits must be 0–9, got ${d}`);
      return d;
    });
    this.sectionComment = options.sectionComment;
    this.application = options.application;
  }

  /**
   * SHB: type(4) len(4) byte-order magic(4) major=1(2) minor=0(2) section length=-1(8) options len(4)
   * then per interface IDB: type(4) len(4) linktype(2) reserved(2) snaplen(4) options len(4).
   */
  header(): Uint8Array {
    const shbOptions: EncodedOption[] = [];
    if (this.sectionComment !== undefined) shbOptions.push({ code: OPT_COMMENT, value: encoder.encode(this.sectionComment) });
    if (this.application !== undefined) shbOptions.push({ code: SHB_USERAPPL, value: encoder.encode(this.application) });
    const blocks: Uint8Array[] = [
      makeBlock(BLOCK_SHB, 16, shbOptions, (view) => {
        view.setUint32(8, BYTE_ORDER_MAGIC, true);
        view.setUint16(12, 1, true);
        view.setUint16(14, 0, true);
        view.setInt32(16, -1, true); // section length unknown: all 64 bits set
        view.setInt32(20, -1, true);
      }),
    ];
    this.interfaces.forEach((iface, index) => {
      const options: EncodedOption[] = [];
      if (iface.name !== undefined) options.push({ code: IF_NAME, value: encoder.encode(iface.name) });
      if (iface.description !== undefined) options.push({ code: IF_DESCRIPTION, value: encoder.encode(iface.description) });
      // Always stated, even for the default 6, so readers need not rely on the default.
      options.push({ code: IF_TSRESOL, value: Uint8Array.of(this.digits[index]!) });
      blocks.push(
        makeBlock(BLOCK_IDB, 8, options, (view) => {
          view.setUint16(8, iface.linkType, true);
          view.setUint32(12, iface.snapLength ?? 0, true);
        }),
      );
    });
    let total = 0;
    for (const b of blocks) total += b.length;
    const out = new Uint8Array(total);
    let at = 0;
    for (const b of blocks) {
      out.set(b, at);
      at += b.length;
    }
    return out;
  }

  /** Byte size of the EPB for `f` (its comment, if any, already encoded as `comment`). */
  private epbLength(dataLength: number, comment: Uint8Array | undefined): number {
    const options = comment === undefined ? 0 : 4 + pad4(comment.length) + 4;
    return EPB_FIXED_BYTES + pad4(dataLength) + options;
  }

  /** One Enhanced Packet Block. Throws RangeError for an interfaceId with no interface (a caller bug). */
  frame(f: WritableFrame): Uint8Array {
    const comment = f.comment === undefined ? undefined : encoder.encode(f.comment);
    const out = new Uint8Array(this.epbLength(f.data.length, comment));
    this.writeEpb(f, comment, out, 0);
    return out;
  }

  /**
   * EPB: type(4) len(4) interface id(4) ts high(4) ts low(4) caplen(4) origlen(4) data(pad to 4) options len(4).
   * Returns the offset after the block.
   */
  private writeEpb(f: WritableFrame, comment: Uint8Array | undefined, out: Uint8Array, offset: number): number {
    const interfaceId = f.interfaceId ?? 0;
    const digits = this.digits[interfaceId];
    if (digits === undefined) {
      throw new RangeError(`pcapng: frame names interface ${interfaceId} but only ${this.digits.length} exist`);
    }
    const total = this.epbLength(f.data.length, comment);
    const view = new DataView(out.buffer, out.byteOffset + offset, total);
    const units = timestampUnits(f.timestamp.seconds, f.timestamp.nanoseconds, digits);
    view.setUint32(0, BLOCK_EPB, true);
    view.setUint32(4, total, true);
    view.setUint32(8, interfaceId, true);
    view.setUint32(12, units.high, true);
    view.setUint32(16, units.low, true);
    view.setUint32(20, f.data.length, true);
    view.setUint32(24, (f.originalLength ?? f.data.length) >>> 0, true);
    out.set(f.data, offset + 28);
    if (comment !== undefined) writeOptions(view, out.subarray(offset), 28 + pad4(f.data.length), [{ code: OPT_COMMENT, value: comment }]);
    view.setUint32(total - 4, total, true);
    return offset + total;
  }

  /** Writes every frame into one allocation after the header. */
  writeAll(frames: readonly WritableFrame[]): Uint8Array {
    const header = this.header();
    const comments: (Uint8Array | undefined)[] = new Array(frames.length);
    let total = header.length;
    for (let i = 0; i < frames.length; i++) {
      const f = frames[i]!;
      const comment = f.comment === undefined ? undefined : encoder.encode(f.comment);
      comments[i] = comment;
      total += this.epbLength(f.data.length, comment);
    }
    const out = new Uint8Array(total);
    out.set(header, 0);
    let offset = header.length;
    for (let i = 0; i < frames.length; i++) offset = this.writeEpb(frames[i]!, comments[i], out, offset);
    return out;
  }
}

/** A whole single-section pcapng file. */
export function writePcapng(frames: readonly WritableFrame[], options: PcapngWriterOptions = {}): Uint8Array {
  return new PcapngWriter(options).writeAll(frames);
}
