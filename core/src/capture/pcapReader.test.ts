import { describe, expect, it } from 'vitest';
import { hex } from '../shared/bytes.ts';
import { buildPcap } from './buildCapture.ts';
import { splitPcapLinkType } from './pcapReader.ts';
import { readCapture } from './readFrames.ts';

const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

// A little-endian microsecond pcap: header, then one 4-byte Ethernet record.
const LE_MICROSECONDS = hex(`
  d4 c3 b2 a1  02 00 04 00   # magic 0xa1b2c3d4 read LE, version 2.4
  00 00 00 00  00 00 00 00   # thiszone, sigfigs
  ff ff 00 00  01 00 00 00   # snaplen 65535, link type 1 (Ethernet)
  00 f1 53 65  40 e2 01 00   # ts 1700000000 s + 123456 µs
  04 00 00 00  3c 00 00 00   # captured 4, original 60
  de ad be ef                # data
`);

describe('PcapReader', () => {
  it('reads a little-endian microsecond file', () => {
    const { frames, issues } = readCapture(LE_MICROSECONDS);
    expect(issues).toEqual([]);
    expect(frames).toEqual([
      {
        number: 1,
        timestamp: { seconds: 1700000000, nanoseconds: 123456000 },
        timePrecisionDigits: 6,
        linkType: 1,
        data: hex('de ad be ef'),
        capturedLength: 4,
        originalLength: 60,
        interfaceId: 0,
        fileOffset: 24,
        dataOffset: 40, // after the 24-byte file header and the 16-byte record header
        fcsLength: 0,
      },
    ]);
  });

  it('reads a big-endian nanosecond file with a raw-IPv4 link type', () => {
    const bytes = hex(`
      a1 b2 3c 4d  00 02 00 04   # ns magic, big-endian, version 2.4
      00 00 00 00  00 00 00 00
      00 00 ff ff  00 00 00 e4   # snaplen 65535, link type 228 (IPv4)
      65 53 f1 00  3b 9a c9 ff   # ts 1700000000 s + 999999999 ns
      00 00 00 02  00 00 00 02   # captured 2, original 2
      45 00
    `);
    const { frames, issues } = readCapture(bytes);
    expect(issues).toEqual([]);
    expect(frames).toHaveLength(1);
    expect(frames[0]).toMatchObject({
      timestamp: { seconds: 1700000000, nanoseconds: 999999999 },
      timePrecisionDigits: 9,
      linkType: 228,
      data: hex('45 00'),
    });
  });

  it('numbers frames from 1 and points fileOffset at each record header', () => {
    const data = [hex('01'), hex('02 02'), hex('03 03 03')];
    const { frames } = readCapture(buildPcap({}, data.map((d, i) => ({ seconds: i, fraction: 0, data: d }))));
    expect(frames.map((f) => [f.number, f.fileOffset, f.capturedLength])).toEqual([
      [1, 24, 1],
      [2, 24 + 17, 2],
      [3, 24 + 17 + 18, 3],
    ]);
  });

  it('strips the FCS bits off the link type (libpcap P bit 26, length in bits 28–31)', () => {
    // 0x24000001: P set, FCS length 2 sixteen-bit words, Ethernet.
    expect(splitPcapLinkType(0x24000001)).toEqual({ linkType: 1, fcsLength: 4 });
    // Older draft form: flag in bit 28, length in bits 29–31 (0x50000001: flag, 2 words).
    expect(splitPcapLinkType(0x50000001)).toEqual({ linkType: 1, fcsLength: 4 });
    expect(splitPcapLinkType(0x00000071)).toEqual({ linkType: 113, fcsLength: 0 });
    const file = buildPcap({ linkTypeWord: 0x24000001 }, [{ seconds: 1, fraction: 0, data: hex('00 11 22 33 44 55') }]);
    const { frames } = readCapture(file);
    expect(frames[0]).toMatchObject({ linkType: 1, fcsLength: 4 });
  });

  it('accepts any snaplen, warning when a record is larger than it', () => {
    const file = buildPcap({ snapLength: 4 }, [
      { seconds: 1, fraction: 0, data: hex('01 02 03 04') },
      { seconds: 2, fraction: 0, data: hex('01 02 03 04 05 06') },
    ]);
    const { frames, issues } = readCapture(file);
    expect(frames).toHaveLength(2);
    expect(codes(issues)).toEqual(['pcap.caplen_exceeds_snaplen']);
    expect(issues[0]).toMatchObject({ value: 6, frame: 2 });
    expect(issues[0].message).toContain('offset 44') // 24-byte header + 16 + 4;
  });

  it('keeps intact records before a truncated last record and names the truncation', () => {
    const cut = LE_MICROSECONDS.subarray(0, LE_MICROSECONDS.length - 1);
    const twice = buildPcap({}, [
      { seconds: 1, fraction: 0, data: hex('aa') },
      { seconds: 2, fraction: 0, data: hex('bb bb bb') },
    ]);
    expect(readCapture(cut).frames).toEqual([]);
    const { frames, issues } = readCapture(twice.subarray(0, twice.length - 2));
    expect(frames.map((f) => f.data)).toEqual([hex('aa')]);
    expect(codes(issues)).toEqual(['pcap.truncated_record']);
    expect(issues[0].message).toBe('pcap record at offset 41 has 1 of its 3 captured bytes.');
    // Cut inside the record header.
    const inHeader = readCapture(twice.subarray(0, 24 + 17 + 5));
    expect(inHeader.issues[0].message).toBe('pcap record header at offset 41 has 5 of its 16 bytes.');
  });

  it('stops at an absurd captured length instead of emitting garbage frames', () => {
    const good = buildPcap({}, [{ seconds: 1, fraction: 0, data: hex('aa bb') }]);
    // A record header claiming 0x10000000 captured bytes, then junk.
    const garbage = hex('00 00 00 00 00 00 00 00  00 00 00 10 00 00 00 10  11 22 33 44');
    const { frames, issues } = readCapture(new Uint8Array([...good, ...garbage]));
    expect(frames).toHaveLength(1);
    expect(codes(issues)).toEqual(['pcap.record_length_absurd', 'capture.garbage_tail']);
    expect(issues[0]).toMatchObject({ severity: 'error', value: 0x10000000 });
    expect(issues[0].message).toContain(`offset ${good.length}`);
    expect(issues[1]).toMatchObject({ value: garbage.length });
  });

  it('carries a microsecond fraction of a whole second into the seconds', () => {
    const file = buildPcap({}, [{ seconds: 10, fraction: 2_500_000, data: hex('00') }]);
    const { frames, issues } = readCapture(file);
    expect(frames[0].timestamp).toEqual({ seconds: 12, nanoseconds: 500_000_000 });
    expect(codes(issues)).toEqual(['pcap.timestamp_fraction_overflow']);
  });

  it('reads a file whose version is not 2.4 but says so', () => {
    const file = buildPcap({ versionMajor: 3, versionMinor: 0 }, [{ seconds: 1, fraction: 0, data: hex('00') }]);
    const { frames, issues } = readCapture(file);
    expect(frames).toHaveLength(1);
    expect(codes(issues)).toEqual(['pcap.unsupported_version']);
  });

  it('names a file shorter than its header', () => {
    const { frames, issues } = readCapture(LE_MICROSECONDS.subarray(0, 10));
    expect(frames).toEqual([]);
    expect(codes(issues)).toEqual(['pcap.truncated_header']);
  });

  it('reads Kuznetzov files with their 24-byte record headers', () => {
    const bytes = hex(`
      34 cd b2 a1  02 00 04 00  00 00 00 00  00 00 00 00  ff ff 00 00  01 00 00 00
      05 00 00 00  00 00 00 00  01 00 00 00  01 00 00 00   # ts 5 s, captured 1, original 1
      02 00 00 00  00 08 00 00                            # ifindex 2, protocol, pkt_type, pad
      7e
    `);
    const { frames, issues } = readCapture(bytes);
    expect(issues).toEqual([]);
    expect(frames[0]).toMatchObject({ data: hex('7e'), timestamp: { seconds: 5, nanoseconds: 0 } });
  });
});
