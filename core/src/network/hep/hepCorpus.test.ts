/**
 * HEP against real captures (sipcapture/hep-wireshark). The capture stage is not used here: a minimal
 * pcap/pcapng + Ethernet/SLL + IPv4 + UDP walk pulls out the UDP payloads, and the expected values come from
 * fixtures/corpus/expected/<capture>.hep.tsv (tshark's udp.payload decoded by an independent script).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeHep, looksLikeHep } from './decodeHep.ts';

const CORPUS = new URL('../../../../fixtures/corpus/', import.meta.url);

interface UdpPayload {
  readonly frame: number;
  readonly seconds: number;
  readonly payload: Uint8Array;
}

/** UDP payloads of IPv4 frames of a little-endian pcap or pcapng (Ethernet or Linux cooked). */
function udpPayloads(file: Uint8Array): UdpPayload[] {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const records: Array<{ seconds: number; linkType: number; data: Uint8Array }> = [];
  if (view.getUint32(0, true) === 0xa1b2c3d4) {
    const linkType = view.getUint32(20, true);
    for (let at = 24; at + 16 <= file.length; ) {
      const captured = view.getUint32(at + 8, true);
      records.push({ seconds: view.getUint32(at, true), linkType, data: file.subarray(at + 16, at + 16 + captured) });
      at += 16 + captured;
    }
  } else {
    const linkTypes: number[] = [];
    for (let at = 0; at + 12 <= file.length; ) {
      const type = view.getUint32(at, true);
      const length = view.getUint32(at + 4, true);
      if (type === 1) linkTypes.push(view.getUint16(at + 8, true));
      if (type === 6) {
        const captured = view.getUint32(at + 20, true);
        const ticks = view.getUint32(at + 12, true) * 2 ** 32 + view.getUint32(at + 16, true);
        records.push({ seconds: Math.floor(ticks / 1e6), linkType: linkTypes[view.getUint32(at + 8, true)]!, data: file.subarray(at + 28, at + 28 + captured) });
      }
      at += length;
    }
  }
  return records.map((r, i) => {
    const ipAt = r.linkType === 1 ? 14 : 16; // Ethernet II or Linux SLL
    const ihl = (r.data[ipAt]! & 0x0f) * 4;
    const udpAt = ipAt + ihl;
    const udpLength = (r.data[udpAt + 4]! << 8) | r.data[udpAt + 5]!;
    return { frame: i + 1, seconds: r.seconds, payload: r.data.subarray(udpAt + 8, udpAt + udpLength) };
  });
}

function expectedRows(name: string): string[][] {
  const text = readFileSync(new URL(`expected/${name}.hep.tsv`, CORPUS), 'latin1');
  return text.split('\n').filter((l) => l !== '' && !l.startsWith('#')).slice(1).map((l) => l.split('\t'));
}

const TRANSPORT: Record<string, string> = { '17': 'udp', '6': 'tcp' };

function checkCapture(name: string): { sip: number; others: string[] } {
  const payloads = udpPayloads(new Uint8Array(readFileSync(new URL(`captures/${name}`, CORPUS))));
  const rows = expectedRows(name);
  expect(payloads).toHaveLength(rows.length);
  let sip = 0;
  const others: string[] = [];
  payloads.forEach((p, i) => {
    const [frame, type, ipProtocol, src, dst, seconds, micros, bytes, firstLine] = rows[i]!;
    expect(looksLikeHep(p.payload)).toBe(true);
    const result = decodeHep(p.payload, { frames: [p.frame], timestamp: { seconds: p.seconds, nanoseconds: 0 }, encapsulation: ['udp'] });
    expect(result.issues).toEqual([]);
    expect(String(p.frame)).toBe(frame);
    expect(String(result.payloadType)).toBe(type);
    if (result.unit === undefined) {
      others.push(result.other!);
      return;
    }
    sip++;
    const u = result.unit;
    expect(u.transport).toBe(TRANSPORT[ipProtocol!]);
    expect(`${u.src.ip}:${u.src.port}`).toBe(src);
    expect(`${u.dst.ip}:${u.dst.port}`).toBe(dst);
    expect(u.timestamp).toEqual({ seconds: Number(seconds), nanoseconds: Number(micros) * 1000 });
    expect(u.payload.length).toBe(Number(bytes));
    expect(new TextDecoder('latin1').decode(u.payload).split('\n')[0]!.replace(/\r$/, '')).toBe(firstLine);
    expect(u.frames).toEqual([p.frame]);
    expect(u.encapsulation).toEqual(['udp', 'hep3']);
  });
  return { sip, others };
}

describe('HEP corpus captures', () => {
  it('decodes pcap__hep.pcap: 6 SIP messages, one RTCP report and one log line', () => {
    const { sip, others } = checkCapture('pcap__hep.pcap');
    expect(sip).toBe(6);
    expect(others).toEqual(['hep-log', 'hep-rtcp']);
  });

  it('decodes pcap__hep3_compressed.pcap.pcapng: 21 zlib-compressed SIP-over-TCP messages carried in HEP3 over UDP', () => {
    const { sip, others } = checkCapture('pcap__hep3_compressed.pcap.pcapng');
    expect(sip).toBe(21);
    expect(others).toEqual([]);
  });
});
