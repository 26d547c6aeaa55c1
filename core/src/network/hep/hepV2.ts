/**
 * HEPv1/HEPv2 (Kamailio/OpenSIPS "struct hep_hdr"): a fixed binary header, then the SIP message.
 *
 *   0 version (1|2) | 1 header length | 2 family (2 = IPv4, 10 = IPv6) | 3 IP protocol
 *   4 src port (u16 BE) | 6 dst port (u16 BE) | 8 src IP, dst IP (4+4 or 16+16 bytes)
 *   v2 only: tv_sec (u32) | tv_usec (u32) | capture id (u16) | 2 bytes of struct padding
 *   then the payload.
 *
 * The v2 time fields are written in the sender's HOST byte order (Kamailio's siptrace and captagent copy a
 * struct timeval without htonl, and sipcapture reads it back the same way), which on every capture agent
 * in practice is little-endian; the hep-wireshark Lua plugin reads them big-endian, which shows nonsense
 * times. We read little-endian and fall back to big-endian only when that alone gives µs < 10^6.
 * The header length byte is not trusted (senders fill it inconsistently); offsets follow the layout.
 */
import { makeIssue, type Issue } from '../../shared/issue.ts';
import { makeTimestamp, type Timestamp } from '../../shared/time.ts';
import { streamIssues } from '../streamIssues.ts';
import { formatIpv4, formatIpv6 } from './hepAddress.ts';
import { transportOfIpProtocol, type HepContext, type HepDecodeResult } from './hepResult.ts';

const FIXED_BYTES = 8;
/** sizeof(struct hep_timehdr) with its natural padding: 4 + 4 + 2 + 2. */
const TIME_BYTES = 12;

/** Bytes before the payload for a version and family, or undefined for unknown ones. */
export function hep2PayloadOffset(version: number, family: number): number | undefined {
  const addressBytes = family === 2 ? 8 : family === 10 ? 32 : undefined;
  if (addressBytes === undefined || (version !== 1 && version !== 2)) return undefined;
  return FIXED_BYTES + addressBytes + (version === 2 ? TIME_BYTES : 0);
}

export function decodeHep2(packet: Uint8Array, context: HepContext): HepDecodeResult {
  const issues: Issue[] = [];
  const frame = context.frames[context.frames.length - 1];
  if (packet.length < FIXED_BYTES) {
    issues.push(makeIssue(streamIssues, 'hep.truncated', { value: packet.length, frame }));
    return { issues };
  }
  const version = packet[0]!;
  const family = packet[2]!;
  const offset = hep2PayloadOffset(version, family);
  if (offset === undefined) {
    issues.push(makeIssue(streamIssues, 'hep.unsupported', { value: `version ${version} family ${family}`, frame }));
    return { issues };
  }
  if (packet.length < offset) {
    issues.push(makeIssue(streamIssues, 'hep.truncated', { value: packet.length, frame }));
    return { issues };
  }
  const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
  const ipv4 = family === 2;
  const srcIp = ipv4 ? formatIpv4(packet, 8) : formatIpv6(packet, 8);
  const dstIp = ipv4 ? formatIpv4(packet, 12) : formatIpv6(packet, 24);
  let transport = transportOfIpProtocol(packet[3]);
  if (transport === undefined) {
    issues.push(makeIssue(streamIssues, 'hep.unknown_ip_protocol', { value: packet[3]!, frame }));
    transport = 'udp';
  }
  const timestamp = version === 2 ? readHostOrderTime(view, offset - TIME_BYTES) : context.timestamp;
  return {
    unit: {
      kind: 'datagram',
      transport,
      src: { ip: srcIp, port: view.getUint16(4) },
      dst: { ip: dstIp, port: view.getUint16(6) },
      timestamp,
      frames: context.frames,
      payload: packet.subarray(offset),
      encapsulation: [...context.encapsulation, version === 2 ? 'hep2' : 'hep1'],
    },
    payloadType: 1,
    issues,
  };
}

function readHostOrderTime(view: DataView, at: number): Timestamp {
  let seconds = view.getUint32(at, true);
  let microseconds = view.getUint32(at + 4, true);
  const bigSeconds = view.getUint32(at, false);
  const bigMicroseconds = view.getUint32(at + 4, false);
  if (microseconds >= 1_000_000 && bigMicroseconds < 1_000_000) {
    seconds = bigSeconds;
    microseconds = bigMicroseconds;
  }
  return makeTimestamp(seconds, Math.min(microseconds, 999_999) * 1000);
}
