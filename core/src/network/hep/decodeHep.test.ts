import fc from 'fast-check';
import { gzipSync, deflateSync, zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { concatBytes, hex } from '../../shared/bytes.ts';
import type { Issue } from '../../shared/issue.ts';
import { decodeHep, looksLikeHep } from './decodeHep.ts';
import type { HepContext } from './hepResult.ts';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const codes = (issues: readonly Issue[]): string[] => issues.map((i) => i.code);
const CONTEXT: HepContext = { frames: [42], timestamp: { seconds: 5, nanoseconds: 0 }, encapsulation: ['udp'] };
const SIP = 'OPTIONS sip:alice@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1\r\n\r\n';

/** One HEPv3 chunk (vendor 0 unless given): vendor | type | length incl. 6-byte header | value. */
function chunk(type: number, value: Uint8Array, vendor = 0): Uint8Array {
  const length = value.length + 6;
  return concatBytes([new Uint8Array([vendor >> 8, vendor & 0xff, type >> 8, type & 0xff, length >> 8, length & 0xff]), value]);
}
const u8 = (n: number): Uint8Array => new Uint8Array([n]);
const u16 = (n: number): Uint8Array => new Uint8Array([n >> 8, n & 0xff]);
const u32 = (n: number): Uint8Array => new Uint8Array([n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);

/** "HEP3" | total length | chunks. */
function hep3(chunks: readonly Uint8Array[]): Uint8Array {
  const body = concatBytes(chunks);
  const total = body.length + 6;
  return concatBytes([text('HEP3'), u16(total), body]);
}

/** The chunks a capture agent sends for one SIP message over IPv4/UDP. */
function standardChunks(payloadChunk: Uint8Array, type = 1): Uint8Array[] {
  return [
    chunk(1, u8(2)), // family AF_INET
    chunk(2, u8(17)), // protocol UDP
    chunk(3, hex('c0 00 02 01')), // 192.0.2.1
    chunk(4, hex('c6 33 64 07')), // 198.51.100.7
    chunk(7, u16(5060)),
    chunk(8, u16(5080)),
    chunk(9, u32(1_700_000_000)),
    chunk(10, u32(123_456)),
    chunk(11, u8(type)),
    chunk(12, u32(2001)), // capture agent id
    chunk(0x1234, text('vendor data'), 0x0007), // a vendor chunk, skipped
    chunk(14, text('secret')), // auth key
    payloadChunk,
    chunk(17, text('call-1@example.com')), // correlation id
  ];
}

describe('decodeHep (HEPv3)', () => {
  it('rebuilds the original SIP datagram from the chunks', () => {
    const packet = hep3(standardChunks(chunk(15, text(SIP))));
    expect(looksLikeHep(packet)).toBe(true);
    const { unit, payloadType, issues } = decodeHep(packet, CONTEXT);
    expect(issues).toEqual([]);
    expect(payloadType).toBe(1);
    expect(unit).toMatchObject({
      kind: 'datagram', transport: 'udp',
      src: { ip: '192.0.2.1', port: 5060 }, dst: { ip: '198.51.100.7', port: 5080 },
      timestamp: { seconds: 1_700_000_000, nanoseconds: 123_456_000 },
      frames: [42], encapsulation: ['udp', 'hep3'],
    });
    expect(new TextDecoder().decode(unit!.payload)).toBe(SIP);
  });

  it('reads IPv6 addresses and the TCP / SCTP / TLS protocol numbers', () => {
    const v6 = hex('20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01');
    for (const [protocol, transport] of [[6, 'tcp'], [132, 'sctp'], [22, 'tls']] as const) {
      const packet = hep3([chunk(2, u8(protocol)), chunk(5, v6), chunk(6, v6), chunk(7, u16(1)), chunk(8, u16(2)), chunk(9, u32(1)), chunk(15, text(SIP))]);
      const { unit, issues } = decodeHep(packet, CONTEXT);
      expect(issues).toEqual([]);
      expect(unit!.transport).toBe(transport);
      expect(unit!.src.ip).toBe('2001:db8::1');
    }
  });

  it('inflates compressed payload chunks in zlib, gzip and raw deflate form', () => {
    for (const compress of [zlibSync, gzipSync, deflateSync]) {
      const { unit, issues } = decodeHep(hep3(standardChunks(chunk(16, compress(text(SIP))))), CONTEXT);
      expect(issues).toEqual([]);
      expect(new TextDecoder().decode(unit!.payload)).toBe(SIP);
    }
    const broken = decodeHep(hep3(standardChunks(chunk(16, hex('01 02 03 04 05')))), CONTEXT);
    expect(broken.unit).toBeUndefined();
    expect(codes(broken.issues)).toEqual(['hep.decompress_failed']);
  });

  it('names non-SIP payload types instead of making a unit', () => {
    expect(decodeHep(hep3(standardChunks(chunk(15, text('{}')), 5)), CONTEXT)).toMatchObject({ payloadType: 5, other: 'hep-rtcp', issues: [] });
    expect(decodeHep(hep3(standardChunks(chunk(15, text('log')), 100)), CONTEXT).other).toBe('hep-log');
    expect(decodeHep(hep3(standardChunks(chunk(15, text('x')), 34)), CONTEXT).other).toBe('hep-type-34');
  });

  it('reports a truncated packet, a bad chunk length and a wrongly sized value', () => {
    const packet = hep3(standardChunks(chunk(15, text(SIP))));
    const truncated = decodeHep(packet.subarray(0, packet.length - 10), CONTEXT);
    expect(truncated.unit).toBeUndefined();
    expect(codes(truncated.issues)).toEqual(['hep.truncated']);
    expect(codes(decodeHep(hex('48 45 50'), CONTEXT).issues)).toEqual(['hep.unsupported']);
    expect(codes(decodeHep(hex('48 45 50 33 00'), CONTEXT).issues)).toEqual(['hep.truncated']);

    const badLength = hep3([hex('00 00 00 0f 00 03 # payload chunk claiming 3 bytes (less than its header)')]);
    expect(codes(decodeHep(badLength, CONTEXT).issues)).toEqual(['hep.bad_chunk', 'hep.missing_chunk']);

    const badPort = decodeHep(hep3([...standardChunks(chunk(15, text(SIP))), chunk(7, u32(5060))]), CONTEXT);
    expect(codes(badPort.issues)).toEqual(['hep.bad_chunk']);
    expect(badPort.unit!.src.port).toBe(5060); // the well-formed port chunk before it still counts
  });

  it('reports missing addresses, ports, time and protocol', () => {
    const noAddress = decodeHep(hep3([chunk(2, u8(17)), chunk(15, text(SIP))]), CONTEXT);
    expect(noAddress.unit).toBeUndefined();
    expect(codes(noAddress.issues)).toEqual(['hep.missing_chunk']);

    const bare = decodeHep(hep3([chunk(3, hex('c0 00 02 01')), chunk(4, hex('c0 00 02 02')), chunk(15, text(SIP))]), CONTEXT);
    expect(codes(bare.issues)).toEqual(['hep.missing_chunk', 'hep.unknown_ip_protocol', 'hep.missing_chunk']);
    expect(bare.unit).toMatchObject({ transport: 'udp', src: { port: 0 }, timestamp: CONTEXT.timestamp });
  });

  it('never throws on garbage and on mutated packets (property)', () => {
    const valid = hep3(standardChunks(chunk(15, text(SIP))));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.array(fc.tuple(fc.nat(), fc.nat(255)), { maxLength: 8 }), (garbage, edits) => {
        decodeHep(garbage, CONTEXT);
        const mutated = valid.slice();
        for (const [at, value] of edits) mutated[at % mutated.length] = value;
        const result = decodeHep(mutated, CONTEXT);
        expect(result.unit === undefined || result.unit.payload.length <= mutated.length).toBe(true);
        looksLikeHep(garbage);
      }),
    );
  });
});

/** HEPv1/v2 header: version | header length | family | protocol | ports | addresses | (v2) time, capture id, pad. */
function hep2(version: 1 | 2, payload: Uint8Array, timeLittleEndian = true): Uint8Array {
  const head = hex('00 1c 02 11 13 c4 13 d8 # v?, len 28, AF_INET, UDP, 5060 → 5080') ;
  head[0] = version;
  const addresses = hex('c0 00 02 01 c0 00 02 02 # 192.0.2.1 → 192.0.2.2');
  const time = new Uint8Array(12);
  const view = new DataView(time.buffer);
  view.setUint32(0, 1_600_000_000, timeLittleEndian);
  view.setUint32(4, 250_000, timeLittleEndian);
  view.setUint16(8, 7, true); // capture id; last 2 bytes are struct padding
  return concatBytes(version === 2 ? [head, addresses, time, payload] : [head, addresses, payload]);
}

describe('decodeHep (HEPv1/v2)', () => {
  it('decodes HEPv2 with host-order (little-endian) time', () => {
    const packet = hep2(2, text(SIP));
    expect(looksLikeHep(packet)).toBe(true);
    const { unit, issues } = decodeHep(packet, CONTEXT);
    expect(issues).toEqual([]);
    expect(unit).toMatchObject({
      transport: 'udp', src: { ip: '192.0.2.1', port: 5060 }, dst: { ip: '192.0.2.2', port: 5080 },
      timestamp: { seconds: 1_600_000_000, nanoseconds: 250_000_000 }, encapsulation: ['udp', 'hep2'],
    });
    expect(new TextDecoder().decode(unit!.payload)).toBe(SIP);
  });

  it('falls back to big-endian time when only that reading is plausible', () => {
    const { unit } = decodeHep(hep2(2, text(SIP), false), CONTEXT);
    expect(unit!.timestamp).toEqual({ seconds: 1_600_000_000, nanoseconds: 250_000_000 });
  });

  it('decodes HEPv1 with the frame time', () => {
    const { unit, issues } = decodeHep(hep2(1, text(SIP)), CONTEXT);
    expect(issues).toEqual([]);
    expect(unit!.timestamp).toBe(CONTEXT.timestamp);
    expect(unit!.encapsulation).toEqual(['udp', 'hep1']);
  });

  it('reports truncated and unsupported headers', () => {
    expect(codes(decodeHep(hep2(2, text(SIP)).subarray(0, 20), CONTEXT).issues)).toEqual(['hep.truncated']);
    expect(codes(decodeHep(hex('02 1c 07 11 13 c4 13 d8 # family 7'), CONTEXT).issues)).toEqual(['hep.unsupported']);
    expect(codes(decodeHep(new Uint8Array(0), CONTEXT).issues)).toEqual(['hep.unsupported']);
  });

  it('does not take random binary or plain SIP for HEP', () => {
    expect(looksLikeHep(text(SIP))).toBe(false);
    expect(looksLikeHep(hex('02 00 02 11 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 ff ff ff ff ff ff ff ff'))).toBe(false);
    expect(looksLikeHep(hex('80 00 12 34 # an RTP header'))).toBe(false);
  });
});
