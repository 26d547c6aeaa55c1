/**
 * Real captures read by this reader and by independent ones must give the same frames: pcap-parser 0.2.1
 * for classic pcap, and for pcapng tshark 4.0.17's output stored beside the corpus, made with
 *   tshark -n -r CAPTURE -o frame.generate_md5_hash:TRUE -T fields -E separator=/t -e frame.number
 *     -e frame.time_epoch -e frame.len -e frame.cap_len -e frame.interface_id -e frame.md5_hash
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { formatTimestamp } from '../shared/time.ts';
import type { Frame } from './frame.ts';
import { readCapture } from './readFrames.ts';

const CORPUS = new URL('../../../fixtures/corpus/', import.meta.url);
const capturePath = (name: string) => new URL(`captures/${name}`, CORPUS);

interface OracleFrame {
  seconds: number;
  microseconds: number;
  capturedLength: number;
  originalLength: number;
  data: Uint8Array;
}

interface PcapParserEvents {
  on(event: 'packet', listener: (packet: { header: Record<string, number>; data: Uint8Array }) => void): void;
  on(event: 'globalHeader', listener: (header: Record<string, number>) => void): void;
  on(event: 'end', listener: () => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
}

const pcapParser = createRequire(import.meta.url)('pcap-parser') as { parse(path: string): PcapParserEvents };

function readWithPcapParser(path: string): Promise<{ linkType: number; frames: OracleFrame[] }> {
  return new Promise((resolve, reject) => {
    const frames: OracleFrame[] = [];
    let linkType = -1;
    const parser = pcapParser.parse(path);
    parser.on('globalHeader', (header) => {
      linkType = header.linkLayerType;
    });
    parser.on('packet', ({ header, data }) => {
      frames.push({
        seconds: header.timestampSeconds,
        microseconds: header.timestampMicroseconds,
        capturedLength: header.capturedLength,
        originalLength: header.originalLength,
        data: new Uint8Array(data),
      });
    });
    parser.on('error', reject);
    parser.on('end', () => resolve({ linkType, frames }));
  });
}

function chunked(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

describe('classic pcap agrees with pcap-parser', () => {
  it.each([
    ['Ethernet', 'tests__sip-body-frames__public-cloudshark-sip-s0.pcap', 1],
    ['Linux cooked', 'uploads____moin_import____attachments__SampleCaptures__T38.pcap', 113],
    ['BSD loopback (NULL)', 'uploads____moin_import____attachments__SampleCaptures__h263-over-rtp.pcap', 0],
    ['raw IPv4', 'testing__btest__Traces__sip__sip-long-request-response-paths.pcap', 228],
    ['big-endian Ethernet', 'tests__cfgs__default__pcap__fuzz-2006-06-26-2594.pcap', 1],
  ])('reads the %s capture %s frame for frame', async (_kind, name, linkType) => {
    const path = capturePath(name);
    const oracle = await readWithPcapParser(path.pathname);
    const { frames, issues } = readCapture(chunked(new Uint8Array(readFileSync(path)), 4096));
    expect(issues).toEqual([]);
    expect(oracle.linkType).toBe(linkType);
    expect(frames.length).toBe(oracle.frames.length);
    expect(frames.length).toBeGreaterThan(0);
    const mine = frames.map((f: Frame) => ({
      seconds: f.timestamp.seconds,
      microseconds: f.timestamp.nanoseconds / 1000,
      capturedLength: f.capturedLength,
      originalLength: f.originalLength,
      data: f.data,
    }));
    expect(mine).toEqual(oracle.frames);
    expect(frames.every((f) => f.linkType === linkType && f.timePrecisionDigits === 6)).toBe(true);
  });
});

describe('pcapng agrees with tshark', () => {
  it.each([
    'HIST__tests__pcap__gre_sip.pcapng',
    'pcap__hep3_compressed.pcap.pcapng',
    'uploads____moin_import____attachments__SampleCaptures__c07-sip-r2.cap.converted.pcapng',
    'HIST__tests__pcap__gre.pcap',
    'tests__cfgs__default__pcap__sip_hello.pcapng',
  ])('reads %s frame for frame', (name) => {
    const expected = readFileSync(new URL(`expected/${name}.frames.tsv`, CORPUS), 'utf8').trim().split('\n').slice(1);
    const { frames, issues } = readCapture(chunked(new Uint8Array(readFileSync(capturePath(name))), 1000));
    expect(issues).toEqual([]);
    const mine = frames.map((f) =>
      [
        f.number,
        formatTimestamp(f.timestamp, 9),
        f.originalLength,
        f.capturedLength,
        f.interfaceId,
        createHash('md5').update(f.data).digest('hex'),
      ].join('\t'),
    );
    expect(mine).toEqual(expected);
  });
});
