/**
 * HEPv3 (Homer Encapsulation Protocol, "HEP3" / EEP): a header then type-length-value chunks.
 *
 *   "HEP3" (4) | total length incl. header (u16 BE)
 *   chunk: vendor id (u16) | type id (u16) | length incl. this 6-byte header (u16) | value …
 *
 * Generic (vendor 0) types: 1 ip family, 2 ip protocol, 3/4 IPv4 src/dst, 5/6 IPv6 src/dst, 7/8 ports,
 * 9/10 time s/µs, 11 protocol type, 12 capture id, 14 auth key, 15 payload, 16 compressed payload,
 * 17 correlation id. Everything is big-endian.
 */
import type { Endpoint } from '../../shared/endpoint.ts';
import { makeIssue, type Issue } from '../../shared/issue.ts';
import { makeTimestamp, type Timestamp } from '../../shared/time.ts';
import { streamIssues } from '../streamIssues.ts';
import { formatIpv4, formatIpv6 } from './hepAddress.ts';
import { inflateHepPayload } from './hepDecompress.ts';
import { HEP_TYPE_SIP, otherPayloadName, transportOfIpProtocol, type HepContext, type HepDecodeResult } from './hepResult.ts';

const HEADER_BYTES = 6;
const CHUNK_HEADER_BYTES = 6;

/** Exact value sizes of the fixed-size generic chunks (others are variable). */
const VALUE_BYTES: Readonly<Record<number, number>> = { 1: 1, 2: 1, 3: 4, 4: 4, 5: 16, 6: 16, 7: 2, 8: 2, 9: 4, 10: 4, 11: 1 };

interface Hep3Fields {
  ipProtocol?: number;
  srcIp?: string;
  dstIp?: string;
  srcPort?: number;
  dstPort?: number;
  seconds?: number;
  microseconds?: number;
  payloadType?: number;
  payload?: Uint8Array;
  compressed?: Uint8Array;
}

export function decodeHep3(packet: Uint8Array, context: HepContext): HepDecodeResult {
  const issues: Issue[] = [];
  const frame = context.frames[context.frames.length - 1];
  if (packet.length < HEADER_BYTES) {
    issues.push(makeIssue(streamIssues, 'hep.truncated', { value: packet.length, frame }));
    return { issues };
  }
  const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
  const totalLength = view.getUint16(4);
  if (totalLength < HEADER_BYTES || totalLength > packet.length) {
    issues.push(makeIssue(streamIssues, 'hep.truncated', {
      value: totalLength,
      frame,
      detail: `HEP3 length field says ${totalLength} bytes; ${packet.length} are present.`,
    }));
    return { issues };
  }
  const fields: Hep3Fields = {};
  let at = HEADER_BYTES;
  while (at + CHUNK_HEADER_BYTES <= totalLength) {
    const vendor = view.getUint16(at);
    const type = view.getUint16(at + 2);
    const length = view.getUint16(at + 4);
    if (length < CHUNK_HEADER_BYTES || at + length > totalLength) {
      issues.push(makeIssue(streamIssues, 'hep.bad_chunk', { value: `type ${type} length ${length} at offset ${at}`, frame }));
      break;
    }
    if (vendor === 0) readChunk(packet, view, type, at + CHUNK_HEADER_BYTES, length - CHUNK_HEADER_BYTES, fields, issues, frame);
    at += length;
  }
  return buildUnit(fields, context, issues, frame);
}

function readChunk(
  packet: Uint8Array, view: DataView, type: number, at: number, valueLength: number,
  fields: Hep3Fields, issues: Issue[], frame: number | undefined,
): void {
  const expected = VALUE_BYTES[type];
  if (expected !== undefined && valueLength !== expected) {
    issues.push(makeIssue(streamIssues, 'hep.bad_chunk', { value: `type ${type} value of ${valueLength} bytes, expected ${expected}`, frame }));
    return;
  }
  switch (type) {
    case 2: fields.ipProtocol = packet[at]; break;
    case 3: fields.srcIp = formatIpv4(packet, at); break;
    case 4: fields.dstIp = formatIpv4(packet, at); break;
    case 5: fields.srcIp = formatIpv6(packet, at); break;
    case 6: fields.dstIp = formatIpv6(packet, at); break;
    case 7: fields.srcPort = view.getUint16(at); break;
    case 8: fields.dstPort = view.getUint16(at); break;
    case 9: fields.seconds = view.getUint32(at); break;
    case 10: fields.microseconds = view.getUint32(at); break;
    case 11: fields.payloadType = packet[at]; break;
    case 15: fields.payload = packet.subarray(at, at + valueLength); break;
    case 16: fields.compressed = packet.subarray(at, at + valueLength); break;
    default: break; // family (implied by the address chunks), capture id, auth key, correlation id, vendor extras
  }
}

function buildUnit(fields: Hep3Fields, context: HepContext, issues: Issue[], frame: number | undefined): HepDecodeResult {
  // A packet without a type chunk is taken as SIP, the type every HEP agent sends.
  const payloadType = fields.payloadType ?? HEP_TYPE_SIP;
  if (payloadType !== HEP_TYPE_SIP) return { payloadType, other: otherPayloadName(payloadType), issues };
  let payload = fields.payload;
  if (payload === undefined && fields.compressed !== undefined) {
    payload = inflateHepPayload(fields.compressed);
    if (payload === undefined) {
      issues.push(makeIssue(streamIssues, 'hep.decompress_failed', { value: fields.compressed.length, frame }));
      return { payloadType, issues };
    }
  }
  if (payload === undefined || fields.srcIp === undefined || fields.dstIp === undefined) {
    const missing = payload === undefined ? 'payload' : 'source or destination address';
    issues.push(makeIssue(streamIssues, 'hep.missing_chunk', { value: missing, frame }));
    return { payloadType, issues };
  }
  if (fields.srcPort === undefined || fields.dstPort === undefined) {
    issues.push(makeIssue(streamIssues, 'hep.missing_chunk', { value: 'port (0 used)', frame }));
  }
  let transport = transportOfIpProtocol(fields.ipProtocol);
  if (transport === undefined) {
    issues.push(makeIssue(streamIssues, 'hep.unknown_ip_protocol', { value: fields.ipProtocol ?? 'none', frame }));
    transport = 'udp';
  }
  let timestamp: Timestamp = context.timestamp;
  if (fields.seconds !== undefined) {
    timestamp = makeTimestamp(fields.seconds, (fields.microseconds ?? 0) * 1000);
  } else {
    issues.push(makeIssue(streamIssues, 'hep.missing_chunk', { value: 'timestamp (frame time used)', frame }));
  }
  const src: Endpoint = { ip: fields.srcIp, port: fields.srcPort ?? 0 };
  const dst: Endpoint = { ip: fields.dstIp, port: fields.dstPort ?? 0 };
  return {
    unit: {
      kind: 'datagram', transport, src, dst, timestamp, frames: context.frames, payload,
      encapsulation: [...context.encapsulation, 'hep3'],
    },
    payloadType,
    issues,
  };
}
