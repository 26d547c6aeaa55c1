/**
 * PacketDecoder over real captures, compared with tshark 4.0.17's dissection (fixtures/corpus/expected/
 * <capture>.udp.tsv and .tcp.tsv; how they were made is in expected/README-network.md).
 * Frames come from the capture stage's reader (readCapture).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCapture } from '../capture/readFrames.ts';
import { PacketDecoder } from './packetDecoder.ts';
import type { PacketResult } from './packetResult.ts';

const CORPUS = new URL('../../../fixtures/corpus/', import.meta.url);

function decodeCapture(name: string): { results: Array<{ frame: number; result: PacketResult }>; flushIssues: string[] } {
  const { frames } = readCapture(new Uint8Array(readFileSync(new URL(`captures/${name}`, CORPUS))));
  const decoder = new PacketDecoder();
  // Frames whose IP or UDP length field lies are decoded from the bytes there are; tshark's rows for them
  // carry the lying length, so (as README-network.md says) they are left out of the comparison.
  const results = frames.map((f) => {
    const out = decoder.decode(f);
    const lying = out.issues.some((i) => i.code === 'udp.length_exceeds_packet' || i.code === 'ipv4.total_length_exceeds_frame');
    return { frame: f.number, result: lying ? ({ kind: 'malformed', code: 'length-field' } as const) : out.result };
  });
  return { results, flushIssues: decoder.flush().map((i) => i.code) };
}

function expectedRows(name: string, kind: 'udp' | 'tcp'): string[] {
  const text = readFileSync(new URL(`expected/${name}.${kind}.tsv`, CORPUS), 'latin1');
  return text.split('\n').filter((line) => line.length > 0).map((line) => {
    if (kind === 'udp') return line;
    const cells = line.split('\t');
    cells[6] = String(Number(cells[6]) & 0xff); // tshark's tcp.flags has 12 bits; the segment keeps the flags byte
    return cells.join('\t');
  });
}

function udpRows(results: Array<{ frame: number; result: PacketResult }>): string[] {
  const rows: string[] = [];
  for (const { frame, result: r } of results) {
    if (r.kind === 'udp') rows.push([frame, r.src.ip, r.src.port, r.dst.ip, r.dst.port, r.payload.length].join('\t'));
  }
  return rows;
}

function tcpRows(results: Array<{ frame: number; result: PacketResult }>): string[] {
  const rows: string[] = [];
  for (const { frame, result: r } of results) {
    if (r.kind !== 'tcp') continue;
    const s = r.segment;
    rows.push([frame, s.src.ip, s.src.port, s.dst.ip, s.dst.port, s.sequenceNumber, s.flags, s.payload.length].join('\t'));
  }
  return rows;
}

interface CorpusCase {
  readonly capture: string;
  readonly what: string;
  /** Wrappers every UDP/TCP result of the capture's SIP traffic must show, when there are some. */
  readonly encapsulation?: readonly string[];
}

const CASES: CorpusCase[] = [
  { capture: 'uploads____moin_import____attachments__SampleCaptures__DTMFsipinfo.pcap', what: 'SIP over PPPoE', encapsulation: ['pppoe'] },
  { capture: 'HIST__tests__pcap__gre.pcap', what: 'SIP in PPP in GRE behind VLAN tags and PPPoE (pcapng)' },
  { capture: 'HIST__tests__pcap__gre_sip.pcapng', what: 'SIP in PPP in GRE behind VLAN tags (pcapng)', encapsulation: ['vlan:', 'gre'] },
  { capture: 'tests__ipip.pcap', what: 'SIP over TCP in IP-in-IP' },
  { capture: 'tests__ipv6frag.pcap', what: 'SIP over fragmented IPv6 in Linux cooked capture' },
  { capture: 'uploads____moin_import____attachments__SampleCaptures__nb6-startup.pcap', what: 'L2TP inside PPPoE' },
  { capture: 'testing__btest__Traces__sip__sip-long-request-response-paths.pcap', what: 'raw IPv4 link type' },
  { capture: 'uploads____moin_import____attachments__SampleCaptures__h263-over-rtp.pcap', what: 'BSD NULL link type' },
  { capture: 'tests__sip-body-large__sip-body-large.pcap', what: 'TCP over BSD NULL' },
  { capture: 'uploads____moin_import____attachments__SampleCaptures__T38.pcap', what: 'Linux cooked capture' },
  { capture: 'uploads____moin_import____attachments__SampleCaptures__port-16_vlan24_200.pcap', what: 'VLAN trunk with LLC, STP and IPX' },
  { capture: 'tests__cfgs__default__pcap__fuzz-2006-06-26-2594.pcap', what: 'fuzzed capture with broken headers and fragments' },
];

describe('PacketDecoder over the corpus (tshark as oracle)', () => {
  for (const c of CASES) {
    it(`finds the UDP and TCP packets tshark finds in ${c.what}`, () => {
      const { results } = decodeCapture(c.capture);
      expect(udpRows(results)).toEqual(expectedRows(c.capture, 'udp'));
      expect(tcpRows(results)).toEqual(expectedRows(c.capture, 'tcp'));
      if (c.encapsulation !== undefined) {
        for (const { result } of results) {
          if (result.kind !== 'udp') continue;
          for (const prefix of c.encapsulation) expect(result.encapsulation.some((e) => e.startsWith(prefix))).toBe(true);
        }
      }
    });
  }
});

describe('PacketDecoder over the corpus: reassembly and leftovers', () => {
  it('holds the IPv6 fragments of tests__ipv6frag.pcap and completes them on the frames tshark reassembles in', () => {
    const { results, flushIssues } = decodeCapture('tests__ipv6frag.pcap');
    const byFrame = new Map(results.map((r) => [r.frame, r.result]));
    expect(byFrame.get(1)).toEqual({ kind: 'fragment' });
    expect(byFrame.get(4)).toEqual({ kind: 'fragment' });
    expect(byFrame.get(2)).toMatchObject({ kind: 'udp', frames: [1, 2], encapsulation: [] });
    expect(byFrame.get(5)).toMatchObject({ kind: 'udp', frames: [4, 5] });
    expect(flushIssues).toEqual([]);
  });

  it('reports the never-completed fragments of the fuzzed capture instead of keeping them', () => {
    const { results, flushIssues } = decodeCapture('tests__cfgs__default__pcap__fuzz-2006-06-26-2594.pcap');
    expect(results.filter((r) => r.result.kind === 'fragment').length).toBeGreaterThan(0);
    expect(flushIssues.length).toBeGreaterThan(0);
    expect(flushIssues.every((code) => code === 'ipv4.fragment_incomplete')).toBe(true);
  });

  it('records IP-in-IP on the tunnelled SIP of tests__ipip.pcap', () => {
    const { results } = decodeCapture('tests__ipip.pcap');
    const tunnelled = results.filter((r) => r.result.kind === 'tcp' && r.result.segment.encapsulation.includes('ipip'));
    expect(tunnelled.map((r) => r.frame)).toEqual([2, 3]); // tshark: eth:ip:ip:tcp:sip on frames 2 and 3
  });

  it('follows L2TP inside PPPoE in nb6-startup.pcap to the PPP it carries', () => {
    // tshark: 57 frames pppoes:ppp:ip:udp:l2tp:ppp:lcp[:…], 36 pppoes:ppp:lcp[:…] (LCP rejects quoting IPCP/IPv6CP),
    // and 12 L2TP control frames; the 4 SIP frames are plain UDP
    const { results } = decodeCapture('uploads____moin_import____attachments__SampleCaptures__nb6-startup.pcap');
    const count = (protocol: string) => results.filter((r) => r.result.kind === 'other' && r.result.protocol === protocol).length;
    expect(count('l2tp')).toBe(12);
    expect(count('ppp-lcp')).toBe(57 + 36);
    const sip = results.filter((r) => r.result.kind === 'udp' && (r.result.src.port === 5060 || r.result.dst.port === 5060));
    expect(sip.map((r) => r.frame)).toEqual([279, 280, 281, 282]);
  });
});
