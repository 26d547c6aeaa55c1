/** IPv6 packets (RFC 8200 §3) and fragmentation with the Fragment header (§4.5). */

export interface Ipv6Fields {
  readonly src: Uint8Array;
  readonly dst: Uint8Array;
  /** Next header of the payload (17 UDP, 6 TCP, 132 SCTP). */
  readonly protocol: number;
  /** Fragment identification (only used when fragmenting). */
  readonly id: number;
  readonly hopLimit?: number;
}

const HEADER_BYTES = 40;
const FRAGMENT_HEADER_BYTES = 8;
const NEXT_HEADER_FRAGMENT = 44;

/** ver|class|flow label(4) payload length(2) next header(1) hop limit(1) src(16) dst(16). */
function header(out: Uint8Array, fields: Ipv6Fields, payloadLength: number, nextHeader: number): void {
  const view = new DataView(out.buffer, out.byteOffset);
  view.setUint32(0, 0x60000000);
  view.setUint16(4, payloadLength);
  out[6] = nextHeader;
  out[7] = fields.hopLimit ?? 64;
  out.set(fields.src, 8);
  out.set(fields.dst, 24);
}

export function encodeIpv6(fields: Ipv6Fields, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(HEADER_BYTES + payload.length);
  header(out, fields, payload.length, fields.protocol);
  out.set(payload, HEADER_BYTES);
  return out;
}

/**
 * Fragments fitting `mtu`; each is header + Fragment header
 * [next header(1) reserved(1) offset(13 bits, 8-byte units)|res(2)|M(1) identification(4)] + data.
 */
export function fragmentIpv6(fields: Ipv6Fields, payload: Uint8Array, mtu: number): Uint8Array[] {
  if (HEADER_BYTES + payload.length <= mtu) return [encodeIpv6(fields, payload)];
  const perFragment = Math.floor((mtu - HEADER_BYTES - FRAGMENT_HEADER_BYTES) / 8) * 8;
  if (perFragment <= 0) throw new RangeError(`MTU ${mtu} leaves no room for IPv6 fragment data`);
  const out: Uint8Array[] = [];
  for (let at = 0; at < payload.length; at += perFragment) {
    const end = Math.min(payload.length, at + perFragment);
    const packet = new Uint8Array(HEADER_BYTES + FRAGMENT_HEADER_BYTES + end - at);
    header(packet, fields, FRAGMENT_HEADER_BYTES + end - at, NEXT_HEADER_FRAGMENT);
    const view = new DataView(packet.buffer);
    packet[40] = fields.protocol;
    view.setUint16(42, at | (end < payload.length ? 1 : 0)); // offset/8 << 3 == offset (a multiple of 8)
    view.setUint32(44, fields.id >>> 0);
    packet.set(payload.subarray(at, end), 48);
    out.push(packet);
  }
  return out;
}
