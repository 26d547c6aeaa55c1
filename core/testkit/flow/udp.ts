/** UDP datagrams (RFC 768) with the checksum computed for IPv4 and IPv6 (mandatory there, RFC 8200 §8.1). */
import { transportChecksum } from './checksum.ts';

/** src port(2) dst port(2) length(2) checksum(2) payload. */
export function encodeUdp(src: Uint8Array, dst: Uint8Array, srcPort: number, dstPort: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + payload.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, srcPort);
  view.setUint16(2, dstPort);
  view.setUint16(4, out.length);
  out.set(payload, 8);
  view.setUint16(6, transportChecksum(src, dst, 17, out));
  return out;
}
