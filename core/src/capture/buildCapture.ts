/**
 * Byte builders for pcap and pcapng files (draft-ietf-opsawg-pcap, draft-ietf-opsawg-pcapng), for tests of
 * this and later stages: every field explicit, either byte order, nothing validated (damage is the point).
 */
import { concatBytes } from '../shared/bytes.ts';

export interface PcapRecordSpec {
  readonly seconds: number;
  /** Microseconds, or nanoseconds in a nanosecond file. */
  readonly fraction: number;
  readonly data: Uint8Array;
  /** Defaults to data.length. */
  readonly capturedLength?: number;
  /** Defaults to data.length. */
  readonly originalLength?: number;
}

export interface PcapFileSpec {
  readonly littleEndian?: boolean;
  readonly nanoseconds?: boolean;
  readonly snapLength?: number;
  /** The whole 32-bit link-type word (FCS bits included). */
  readonly linkTypeWord?: number;
  readonly versionMajor?: number;
  readonly versionMinor?: number;
}

/** A classic pcap file: 24-byte header, then 16-byte record headers each followed by its data. */
export function buildPcap(spec: PcapFileSpec, records: readonly PcapRecordSpec[]): Uint8Array {
  const le = spec.littleEndian ?? true;
  const header = new DataView(new ArrayBuffer(24));
  header.setUint32(0, spec.nanoseconds ? 0xa1b23c4d : 0xa1b2c3d4, le);
  header.setUint16(4, spec.versionMajor ?? 2, le);
  header.setUint16(6, spec.versionMinor ?? 4, le);
  header.setUint32(16, spec.snapLength ?? 65535, le);
  header.setUint32(20, spec.linkTypeWord ?? 1, le);
  const parts: Uint8Array[] = [new Uint8Array(header.buffer)];
  for (const r of records) {
    const rh = new DataView(new ArrayBuffer(16));
    rh.setUint32(0, r.seconds, le);
    rh.setUint32(4, r.fraction, le);
    rh.setUint32(8, r.capturedLength ?? r.data.length, le);
    rh.setUint32(12, r.originalLength ?? r.data.length, le);
    parts.push(new Uint8Array(rh.buffer), r.data);
  }
  return concatBytes(parts);
}

/** One option TLV, value padded to 32 bits. Strings are written as UTF-8. */
export function pcapngOption(code: number, value: Uint8Array | string, littleEndian = true): Uint8Array {
  const bytes = typeof value === 'string' ? new TextEncoder().encode(value) : value;
  const out = new Uint8Array(4 + ((bytes.length + 3) & ~3));
  const view = new DataView(out.buffer);
  view.setUint16(0, code, littleEndian);
  view.setUint16(2, bytes.length, littleEndian);
  out.set(bytes, 4);
  return out;
}

/** opt_endofopt. */
export const END_OF_OPTIONS = new Uint8Array(4);

/**
 * A block: type, total length, body (padded to 32 bits), total length. `lengthOverride` and
 * `trailerOverride` write wrong lengths on purpose.
 */
export function pcapngBlock(
  type: number,
  body: Uint8Array,
  littleEndian = true,
  lengthOverride?: number,
  trailerOverride?: number,
): Uint8Array {
  const padded = (body.length + 3) & ~3;
  const out = new Uint8Array(12 + padded);
  const view = new DataView(out.buffer);
  view.setUint32(0, type, littleEndian);
  view.setUint32(4, lengthOverride ?? out.length, littleEndian);
  out.set(body, 8);
  view.setUint32(8 + padded, trailerOverride ?? out.length, littleEndian);
  return out;
}

/** Section Header Block, version 1.0, section length unknown (-1). */
export function pcapngSectionHeader(littleEndian = true, options: Uint8Array = new Uint8Array(0)): Uint8Array {
  const body = new DataView(new ArrayBuffer(16));
  body.setUint32(0, 0x1a2b3c4d, littleEndian);
  body.setUint16(4, 1, littleEndian);
  body.setUint16(6, 0, littleEndian);
  body.setInt32(8, -1, littleEndian);
  body.setInt32(12, -1, littleEndian);
  return pcapngBlock(0x0a0d0d0a, concatBytes([new Uint8Array(body.buffer), options]), littleEndian);
}

/** Interface Description Block with the given options (already encoded, end-of-options included or not). */
export function pcapngInterface(
  linkType: number,
  snapLength: number,
  options: Uint8Array = new Uint8Array(0),
  littleEndian = true,
): Uint8Array {
  const body = new DataView(new ArrayBuffer(8));
  body.setUint16(0, linkType, littleEndian);
  body.setUint32(4, snapLength, littleEndian);
  return pcapngBlock(1, concatBytes([new Uint8Array(body.buffer), options]), littleEndian);
}

export interface PcapngPacketSpec {
  readonly interfaceId: number;
  /** The 64-bit tick count as a bigint (exact), split into high and low words on writing. */
  readonly ticks: bigint;
  readonly data: Uint8Array;
  readonly capturedLength?: number;
  readonly originalLength?: number;
  readonly options?: Uint8Array;
}

/** Enhanced Packet Block (type 6), or the obsolete Packet Block (type 2, 16-bit interface id) when `obsolete`. */
export function pcapngPacket(p: PcapngPacketSpec, littleEndian = true, obsolete = false): Uint8Array {
  const head = new DataView(new ArrayBuffer(20));
  if (obsolete) head.setUint16(0, p.interfaceId, littleEndian);
  else head.setUint32(0, p.interfaceId, littleEndian);
  head.setUint32(4, Number(p.ticks >> 32n), littleEndian);
  head.setUint32(8, Number(p.ticks & 0xffffffffn), littleEndian);
  head.setUint32(12, p.capturedLength ?? p.data.length, littleEndian);
  head.setUint32(16, p.originalLength ?? p.data.length, littleEndian);
  const padding = new Uint8Array((4 - (p.data.length & 3)) & 3);
  const body = concatBytes([new Uint8Array(head.buffer), p.data, padding, p.options ?? new Uint8Array(0)]);
  return pcapngBlock(obsolete ? 2 : 6, body, littleEndian);
}

/** Simple Packet Block (type 3): original length, then the data. */
export function pcapngSimplePacket(data: Uint8Array, originalLength = data.length, littleEndian = true): Uint8Array {
  const head = new DataView(new ArrayBuffer(4));
  head.setUint32(0, originalLength, littleEndian);
  return pcapngBlock(3, concatBytes([new Uint8Array(head.buffer), data]), littleEndian);
}
