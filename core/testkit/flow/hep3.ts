/**
 * HEPv3 (Homer Encapsulation Protocol, sipcapture.org HEP3 Network Protocol Specification): "HEP3",
 * total length(2), then chunks vendor(2)=0 type(2) length(2, header included) value.
 */
import type { NodeAddress } from './address.ts';

export interface Hep3Packet {
  readonly src: NodeAddress;
  readonly dst: NodeAddress;
  /** 17 UDP or 6 TCP: how the original message travelled. */
  readonly ipProtocol: number;
  readonly seconds: number;
  readonly microseconds: number;
  readonly agentId: number;
  readonly payload: Uint8Array;
}

const PROTO_TYPE_SIP = 1;

export function encodeHep3(p: Hep3Packet): Uint8Array {
  const v6 = p.src.family === 6;
  const chunks: [number, Uint8Array][] = [
    [0x0001, Uint8Array.of(v6 ? 10 : 2)], // IP protocol family: AF_INET / AF_INET6
    [0x0002, Uint8Array.of(p.ipProtocol)],
    [v6 ? 0x0005 : 0x0003, p.src.ip],
    [v6 ? 0x0006 : 0x0004, p.dst.ip],
    [0x0007, u16(p.src.port)],
    [0x0008, u16(p.dst.port)],
    [0x0009, u32(p.seconds)],
    [0x000a, u32(p.microseconds)],
    [0x000b, Uint8Array.of(PROTO_TYPE_SIP)],
    [0x000c, u32(p.agentId)],
    [0x000f, p.payload],
  ];
  let total = 6;
  for (const [, value] of chunks) total += 6 + value.length;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set([0x48, 0x45, 0x50, 0x33], 0); // "HEP3"
  view.setUint16(4, total);
  let at = 6;
  for (const [type, value] of chunks) {
    view.setUint16(at, 0); // generic chunk, no vendor
    view.setUint16(at + 2, type);
    view.setUint16(at + 4, 6 + value.length);
    out.set(value, at + 6);
    at += 6 + value.length;
  }
  return out;
}

function u16(n: number): Uint8Array {
  return Uint8Array.of(n >> 8, n & 0xff);
}

function u32(n: number): Uint8Array {
  return Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}
