/**
 * Test support for the network stage: Frames around bytes, and header builders that fill in the length
 * fields (headers are spelled out in hex with their layout; checksums are left zero, nothing checks them).
 */
import type { Frame } from '../../capture/frame.ts';
import { concatBytes, hex } from '../../shared/bytes.ts';

export interface TestFrameOptions {
  readonly linkType?: number;
  readonly number?: number;
  readonly seconds?: number;
  /** Wire length when the capture cut the frame (snap length); defaults to the data length. */
  readonly originalLength?: number;
  readonly fcsLength?: number;
}

export function testFrame(data: Uint8Array, options: TestFrameOptions = {}): Frame {
  return {
    number: options.number ?? 1,
    timestamp: { seconds: options.seconds ?? 1_700_000_000, nanoseconds: 0 },
    timePrecisionDigits: 6,
    linkType: options.linkType ?? 1,
    data,
    capturedLength: data.length,
    originalLength: options.originalLength ?? data.length,
    interfaceId: 0,
    fileOffset: 0,
    dataOffset: 16,
    fcsLength: options.fcsLength ?? 0,
  };
}

function u16(value: number): Uint8Array {
  return Uint8Array.of(value >> 8, value & 0xff);
}

/** Ethernet II: dst 02:00:00:00:00:02, src 02:00:00:00:00:01, then `etherType`. */
export function ethernet(etherType: number, payload: Uint8Array): Uint8Array {
  return concatBytes([hex('02 00 00 00 00 02  02 00 00 00 00 01'), u16(etherType), payload]);
}

export interface Ipv4Options {
  readonly src?: string;
  readonly dst?: string;
  readonly id?: number;
  /** Fragment offset in bytes (a multiple of 8). */
  readonly offsetBytes?: number;
  readonly moreFragments?: boolean;
}

function dotted(text: string): Uint8Array {
  return Uint8Array.from(text.split('.').map(Number));
}

/** IPv4 with a 20-byte header: 45 | tos 00 | total length | id | flags+offset | ttl 40 | protocol | cksum 0. */
export function ipv4(protocol: number, payload: Uint8Array, options: Ipv4Options = {}): Uint8Array {
  const flagsAndOffset = (options.moreFragments ? 0x2000 : 0) | ((options.offsetBytes ?? 0) / 8);
  return concatBytes([
    hex('45 00'), u16(20 + payload.length), u16(options.id ?? 0x1234), u16(flagsAndOffset),
    Uint8Array.of(0x40, protocol), hex('00 00'),
    dotted(options.src ?? '192.0.2.1'), dotted(options.dst ?? '192.0.2.2'), payload,
  ]);
}

/** IPv6: 60 00 00 00 | payload length | next header | hop limit 40 | 2001:db8::1 → 2001:db8::2. */
export function ipv6(nextHeader: number, payload: Uint8Array): Uint8Array {
  return concatBytes([
    hex('60 00 00 00'), u16(payload.length), Uint8Array.of(nextHeader, 0x40),
    hex('2001 0db8 0000 0000 0000 0000 0000 0001'), hex('2001 0db8 0000 0000 0000 0000 0000 0002'), payload,
  ]);
}

/** UDP: ports, length (header included), checksum 0. */
export function udp(sourcePort: number, destinationPort: number, payload: Uint8Array): Uint8Array {
  return concatBytes([u16(sourcePort), u16(destinationPort), u16(8 + payload.length), hex('00 00'), payload]);
}

/** A few bytes standing for an application payload: "SIP/2.0". */
export const APP_PAYLOAD = hex('53 49 50 2f 32 2e 30');
