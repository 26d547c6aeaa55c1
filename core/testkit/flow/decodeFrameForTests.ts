/**
 * A deliberately small decoder for the builder's own tests: link header → IPv4/IPv6 (with fragment
 * header) → UDP/TCP/SCTP, verifying every checksum it can. Not the product's decoder (core/src/network).
 */
import { crc32c, internetChecksum, transportChecksum } from './checksum.ts';

export interface DecodedFrame {
  readonly vlanIds: number[];
  readonly ipVersion: 4 | 6;
  readonly src: Uint8Array;
  readonly dst: Uint8Array;
  readonly protocol: number;
  readonly ipId: number;
  readonly dontFragment: boolean;
  /** Fragment offset in bytes and more-fragments flag (IPv4 flags or IPv6 Fragment header). */
  readonly fragmentOffset: number;
  readonly moreFragments: boolean;
  readonly fragmented: boolean;
  readonly ipHeaderChecksumOk: boolean;
  /** IP payload after any Fragment header. */
  readonly ipPayload: Uint8Array;
  /** Transport view, only for unfragmented packets. */
  readonly transport?: DecodedTransport;
}

export interface DecodedTransport {
  readonly srcPort: number;
  readonly dstPort: number;
  readonly checksumOk: boolean;
  readonly payload: Uint8Array;
  /** TCP only. */
  readonly seq?: number;
  readonly ack?: number;
  readonly flags?: number;
  /** SCTP only. */
  readonly verificationTag?: number;
}

/** IP packet inside a frame of the given LINKTYPE (0, 1, 101, 113, 276), with the 802.1Q/ad ids seen. */
export function ipOfFrame(data: Uint8Array, linkType: number): { ip: Uint8Array; vlanIds: number[] } {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const vlanIds: number[] = [];
  switch (linkType) {
    case 1: {
      let at = 12;
      while (view.getUint16(at) === 0x8100 || view.getUint16(at) === 0x88a8) {
        vlanIds.push(view.getUint16(at + 2) & 0x0fff);
        at += 4;
      }
      return { ip: data.subarray(at + 2), vlanIds };
    }
    case 113: return { ip: data.subarray(16), vlanIds };
    case 276: return { ip: data.subarray(20), vlanIds };
    case 0: return { ip: data.subarray(4), vlanIds };
    default: return { ip: data, vlanIds };
  }
}

export function decodeTransport(protocol: number, src: Uint8Array, dst: Uint8Array, segment: Uint8Array): DecodedTransport | undefined {
  const view = new DataView(segment.buffer, segment.byteOffset, segment.byteLength);
  if (protocol === 17) {
    return { srcPort: view.getUint16(0), dstPort: view.getUint16(2), checksumOk: transportVerifies(src, dst, 17, segment), payload: segment.subarray(8, view.getUint16(4)) };
  }
  if (protocol === 6) {
    const headerBytes = (segment[12]! >> 4) * 4;
    return {
      srcPort: view.getUint16(0), dstPort: view.getUint16(2), checksumOk: transportVerifies(src, dst, 6, segment),
      payload: segment.subarray(headerBytes), seq: view.getUint32(4), ack: view.getUint32(8), flags: segment[13]!,
    };
  }
  if (protocol === 132) {
    const copy = segment.slice();
    copy.fill(0, 8, 12);
    return {
      srcPort: view.getUint16(0), dstPort: view.getUint16(2), checksumOk: crc32c(copy) === view.getUint32(8, true),
      payload: segment.subarray(12), verificationTag: view.getUint32(4),
    };
  }
  return undefined;
}

/** A segment verifies when the one's-complement sum over pseudo header and segment is all ones. */
function transportVerifies(src: Uint8Array, dst: Uint8Array, protocol: number, segment: Uint8Array): boolean {
  const field = protocol === 17 ? 6 : 16;
  const copy = segment.slice();
  const stored = (copy[field]! << 8) | copy[field + 1]!;
  copy[field] = 0;
  copy[field + 1] = 0;
  return transportChecksum(src, dst, protocol, copy) === stored;
}

export function decodeFrame(data: Uint8Array, linkType: number): DecodedFrame {
  const { ip, vlanIds } = ipOfFrame(data, linkType);
  const view = new DataView(ip.buffer, ip.byteOffset, ip.byteLength);
  if (ip[0]! >> 4 === 4) {
    const headerBytes = (ip[0]! & 0x0f) * 4;
    const flags = view.getUint16(6);
    const src = ip.subarray(12, 16);
    const dst = ip.subarray(16, 20);
    const fragmentOffset = (flags & 0x1fff) * 8;
    const moreFragments = (flags & 0x2000) !== 0;
    const fragmented = moreFragments || fragmentOffset > 0;
    const payload = ip.subarray(headerBytes, view.getUint16(2));
    const transport = fragmented ? undefined : decodeTransport(ip[9]!, src, dst, payload);
    return {
      vlanIds, ipVersion: 4, src, dst, protocol: ip[9]!, ipId: view.getUint16(4), dontFragment: (flags & 0x4000) !== 0,
      fragmentOffset, moreFragments, fragmented, ipHeaderChecksumOk: internetChecksum(ip.subarray(0, headerBytes)) === 0,
      ipPayload: payload, ...(transport ? { transport } : {}),
    };
  }
  const src = ip.subarray(8, 24);
  const dst = ip.subarray(24, 40);
  const payload = ip.subarray(40, 40 + view.getUint16(4));
  if (ip[6] === 44) {
    const word = view.getUint16(42);
    return {
      vlanIds, ipVersion: 6, src, dst, protocol: ip[40]!, ipId: view.getUint32(44), dontFragment: false,
      fragmentOffset: word & 0xfff8, moreFragments: (word & 1) === 1, fragmented: true, ipHeaderChecksumOk: true,
      ipPayload: payload.subarray(8),
    };
  }
  const transport = decodeTransport(ip[6]!, src, dst, payload);
  return {
    vlanIds, ipVersion: 6, src, dst, protocol: ip[6]!, ipId: 0, dontFragment: false, fragmentOffset: 0, moreFragments: false,
    fragmented: false, ipHeaderChecksumOk: true, ipPayload: payload, ...(transport ? { transport } : {}),
  };
}
