/** IPv4 packets (RFC 791 §3.1) and fragmentation (§2.3 fragment offset in 8-byte units, MF flag). */
import { internetChecksum } from './checksum.ts';

export interface Ipv4Fields {
  readonly src: Uint8Array;
  readonly dst: Uint8Array;
  readonly protocol: number;
  readonly id: number;
  readonly dontFragment?: boolean;
  readonly ttl?: number;
}

const HEADER_BYTES = 20;

/**
 * ver|IHL(1) TOS(1) total length(2) id(2) flags|fragment offset(2) TTL(1) protocol(1) checksum(2) src(4) dst(4)
 */
function packet(fields: Ipv4Fields, payload: Uint8Array, offsetBytes: number, moreFragments: boolean): Uint8Array {
  const out = new Uint8Array(HEADER_BYTES + payload.length);
  const view = new DataView(out.buffer);
  out[0] = 0x45;
  view.setUint16(2, out.length);
  view.setUint16(4, fields.id & 0xffff);
  const flags = (fields.dontFragment ? 0x4000 : 0) | (moreFragments ? 0x2000 : 0);
  view.setUint16(6, flags | (offsetBytes / 8));
  out[8] = fields.ttl ?? 64;
  out[9] = fields.protocol;
  out.set(fields.src, 12);
  out.set(fields.dst, 16);
  view.setUint16(10, internetChecksum(out.subarray(0, HEADER_BYTES)));
  out.set(payload, HEADER_BYTES);
  return out;
}

export function encodeIpv4(fields: Ipv4Fields, payload: Uint8Array): Uint8Array {
  return packet(fields, payload, 0, false);
}

/** Fragments whose packets fit `mtu` bytes; one unfragmented packet when it already fits. */
export function fragmentIpv4(fields: Ipv4Fields, payload: Uint8Array, mtu: number): Uint8Array[] {
  if (HEADER_BYTES + payload.length <= mtu) return [packet(fields, payload, 0, false)];
  const perFragment = Math.floor((mtu - HEADER_BYTES) / 8) * 8;
  if (perFragment <= 0) throw new RangeError(`MTU ${mtu} leaves no room for IPv4 fragment data`);
  const out: Uint8Array[] = [];
  const unfragmentable = { ...fields, dontFragment: false };
  for (let at = 0; at < payload.length; at += perFragment) {
    const end = Math.min(payload.length, at + perFragment);
    out.push(packet(unfragmentable, payload.subarray(at, end), at, end < payload.length));
  }
  return out;
}
