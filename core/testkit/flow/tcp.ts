/** TCP segments (RFC 9293 §3.1) with the pseudo-header checksum; an MSS option on SYNs. */
import { transportChecksum } from './checksum.ts';

export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_PSH = 0x08;
export const TCP_ACK = 0x10;

export interface TcpFields {
  readonly src: Uint8Array;
  readonly dst: Uint8Array;
  readonly srcPort: number;
  readonly dstPort: number;
  readonly seq: number;
  readonly ack: number;
  readonly flags: number;
  readonly window?: number;
}

/**
 * src port(2) dst port(2) seq(4) ack(4) data offset|flags(2) window(2) checksum(2) urgent(2) [options] data.
 * SYN segments carry MSS 1460 (kind 2, length 4), making the header 24 bytes.
 */
export function encodeTcp(fields: TcpFields, payload: Uint8Array): Uint8Array {
  const syn = (fields.flags & TCP_SYN) !== 0;
  const headerBytes = syn ? 24 : 20;
  const out = new Uint8Array(headerBytes + payload.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, fields.srcPort);
  view.setUint16(2, fields.dstPort);
  view.setUint32(4, fields.seq >>> 0);
  view.setUint32(8, fields.ack >>> 0);
  view.setUint16(12, ((headerBytes / 4) << 12) | fields.flags);
  view.setUint16(14, fields.window ?? 65535);
  if (syn) view.setUint32(20, 0x020405b4);
  out.set(payload, headerBytes);
  view.setUint16(16, transportChecksum(fields.src, fields.dst, 6, out));
  return out;
}
