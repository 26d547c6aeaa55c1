import { describe, expect, it } from 'vitest';
import { concatBytes, hex } from '../shared/bytes.ts';
import {
  END_OF_OPTIONS,
  pcapngBlock,
  pcapngInterface,
  pcapngOption,
  pcapngPacket,
  pcapngSectionHeader,
  pcapngSimplePacket,
} from './buildCapture.ts';
import { CaptureReader } from './captureReader.ts';
import { readCapture } from './readFrames.ts';

const codes = (issues: { code: string }[]) => issues.map((i) => i.code);
const file = (...blocks: Uint8Array[]) => concatBytes(blocks);
const tsresol = (value: number) => pcapngOption(9, new Uint8Array([value]));
const SHB = pcapngSectionHeader();
const ETHERNET_IDB = pcapngInterface(1, 65535);

// SHB, IDB (Ethernet, snaplen 0), one EPB of 3 bytes, all little-endian.
const MINIMAL = hex(`
  0a 0d 0d 0a  1c 00 00 00  4d 3c 2b 1a  01 00 00 00   # SHB, 28 bytes, byte-order magic LE, version 1.0
  ff ff ff ff  ff ff ff ff  1c 00 00 00                # section length -1, trailing length
  01 00 00 00  14 00 00 00  01 00 00 00  00 00 00 00   # IDB, 20 bytes, Ethernet, snaplen 0
  14 00 00 00
  06 00 00 00  24 00 00 00  00 00 00 00                # EPB, 36 bytes, interface 0
  27 28 06 00  00 50 65 81                             # ticks 0x00062827_81655000 = 1733000000.000000 s in µs
  03 00 00 00  05 00 00 00  aa bb cc 00                # captured 3, original 5, data + 1 byte padding
  24 00 00 00
`);

describe('PcapngReader', () => {
  it('reads a minimal little-endian section', () => {
    const { frames, issues } = readCapture(MINIMAL);
    expect(issues).toEqual([]);
    expect(frames).toEqual([
      {
        number: 1,
        timestamp: { seconds: 1733000000, nanoseconds: 0 },
        timePrecisionDigits: 6,
        linkType: 1,
        data: hex('aa bb cc'),
        capturedLength: 3,
        originalLength: 5,
        interfaceId: 0,
        fileOffset: 48,
        dataOffset: 76, // the EPB at 48 has 28 bytes before its packet data
        fcsLength: 0,
      },
    ]);
  });

  it('reads a big-endian section the same way', () => {
    const bytes = file(
      pcapngSectionHeader(false),
      pcapngInterface(1, 65535, new Uint8Array(0), false),
      pcapngPacket({ interfaceId: 0, ticks: 1_733_000_000_000_001n, data: hex('01 02 03 04 05') }, false),
    );
    const { frames, issues } = readCapture(bytes);
    expect(issues).toEqual([]);
    expect(frames[0]).toMatchObject({ timestamp: { seconds: 1733000000, nanoseconds: 1000 }, data: hex('01 02 03 04 05') });
  });

  it('converts if_tsresol 10^-9 exactly and reports 9 digits', () => {
    const bytes = file(
      SHB,
      pcapngInterface(1, 0, concatBytes([tsresol(9), END_OF_OPTIONS])),
      pcapngPacket({ interfaceId: 0, ticks: 1_733_000_000_123_456_789n, data: hex('00') }),
    );
    const { frames } = readCapture(bytes);
    expect(frames[0]).toMatchObject({ timestamp: { seconds: 1733000000, nanoseconds: 123456789 }, timePrecisionDigits: 9 });
  });

  it('converts if_tsresol 2^-10 and adds if_tsoffset', () => {
    const offset = new Uint8Array(8);
    new DataView(offset.buffer).setBigInt64(0, 1_000_000_000n, true);
    const bytes = file(
      SHB,
      pcapngInterface(1, 0, concatBytes([tsresol(0x80 | 10), pcapngOption(14, offset), END_OF_OPTIONS])),
      // 1024 ticks per second: 7·1024 + 256 ticks = 7.25 s after the offset.
      pcapngPacket({ interfaceId: 0, ticks: 7n * 1024n + 256n, data: hex('00') }),
    );
    const { frames } = readCapture(bytes);
    expect(frames[0]).toMatchObject({ timestamp: { seconds: 1_000_000_007, nanoseconds: 250_000_000 }, timePrecisionDigits: 4 });
  });

  it('makes interface ids unique across sections and numbers frames across them', () => {
    const bytes = file(
      SHB,
      ETHERNET_IDB,
      pcapngPacket({ interfaceId: 0, ticks: 1n, data: hex('a1') }),
      pcapngSectionHeader(false), // a second section, big-endian, whose interface 0 is Linux cooked
      pcapngInterface(113, 65535, new Uint8Array(0), false),
      pcapngPacket({ interfaceId: 0, ticks: 2n, data: hex('b2') }, false),
    );
    const reader = new CaptureReader();
    const frames = [...reader.push(bytes).frames, ...reader.end().frames];
    expect(frames.map((f) => [f.number, f.interfaceId, f.linkType])).toEqual([
      [1, 0, 1],
      [2, 1, 113],
    ]);
    expect(reader.interfaces.map((i) => [i.id, i.linkType])).toEqual([
      [0, 1],
      [1, 113],
    ]);
    expect(reader.counters.sections).toBe(2);
  });

  it('reads two interfaces with different link types in one section', () => {
    const bytes = file(
      SHB,
      ETHERNET_IDB,
      pcapngInterface(101, 65535, concatBytes([tsresol(9), END_OF_OPTIONS])), // raw IP, nanoseconds
      pcapngPacket({ interfaceId: 1, ticks: 5_000_000_001n, data: hex('45') }),
      pcapngPacket({ interfaceId: 0, ticks: 5_000_001n, data: hex('00') }),
    );
    const { frames } = readCapture(bytes);
    expect(frames.map((f) => [f.interfaceId, f.linkType, f.timePrecisionDigits, f.timestamp.nanoseconds])).toEqual([
      [1, 101, 9, 1],
      [0, 1, 6, 1000],
    ]);
  });

  it('reads simple packet blocks on interface 0 with time 0, saying so once', () => {
    const bytes = file(
      SHB,
      pcapngInterface(1, 5),
      pcapngSimplePacket(hex('01 02 03 04 05 06'), 6), // snaplen 5 bounds the captured bytes
      pcapngSimplePacket(hex('07 08'), 2),
      pcapngSimplePacket(hex('09 0a'), 100), // original 100 (cut to the snaplen: 5), only 2 (+2 padding) held
    );
    const { frames, issues } = readCapture(bytes);
    expect(frames.map((f) => [f.data, f.originalLength, f.timestamp, f.number])).toEqual([
      [hex('01 02 03 04 05'), 6, { seconds: 0, nanoseconds: 0 }, 1],
      [hex('07 08'), 2, { seconds: 0, nanoseconds: 0 }, 2],
    ]);
    expect(codes(issues)).toEqual(['pcapng.simple_packet_no_time', 'pcapng.caplen_exceeds_block']);
  });

  it('reads the obsolete packet block with its 16-bit interface id', () => {
    const bytes = file(
      SHB,
      ETHERNET_IDB,
      pcapngInterface(113, 65535),
      pcapngPacket({ interfaceId: 1, ticks: 3_000_000n, data: hex('c0 ff ee') }, true, true),
    );
    const { frames, issues } = readCapture(bytes);
    expect(issues).toEqual([]);
    expect(frames[0]).toMatchObject({ interfaceId: 1, linkType: 113, timestamp: { seconds: 3 }, data: hex('c0 ff ee') });
  });

  it('skips unknown, custom, name-resolution and statistics blocks but counts them by type', () => {
    const bytes = file(
      SHB,
      ETHERNET_IDB,
      pcapngBlock(4, hex('00 00 00 00')), // NRB with only nrb_record_end
      pcapngBlock(0x00000bad, hex('00 00 7e 01  de ad')), // custom block: PEN, then data
      pcapngBlock(0x12345678, hex('01 02 03')),
      pcapngPacket({ interfaceId: 0, ticks: 1n, data: hex('00') }),
      pcapngBlock(5, hex('00 00 00 00  00 00 00 00  00 00 00 00')), // ISB
      pcapngBlock(0x12345678, new Uint8Array(0)),
    );
    const reader = new CaptureReader();
    const frames = [...reader.push(bytes).frames, ...reader.end().frames];
    expect(frames).toHaveLength(1);
    expect(reader.counters.blocksSkippedByType).toEqual({ 4: 1, 5: 1, 0xbad: 1, 0x12345678: 2 });
    expect(reader.counters.blocksRead).toBe(8);
  });

  it('parses options of odd lengths with their padding, with or without opt_endofopt', () => {
    const options = concatBytes([
      pcapngOption(2, 'eth'), // if_name, 3 bytes + 1 padding
      pcapngOption(0x1234, hex('01 02 03 04 05 06 07')), // unknown option, 7 bytes + 1 padding
      pcapngOption(3, 'Ethernet port 1'), // if_description, 15 bytes + 1 padding
      pcapngOption(13, new Uint8Array([32])), // if_fcslen 32 bits
      tsresol(3),
    ]);
    const bytes = file(
      SHB,
      pcapngInterface(1, 0, concatBytes([options, END_OF_OPTIONS])),
      pcapngInterface(1, 0, options), // no opt_endofopt: the options area just ends
      pcapngPacket({ interfaceId: 1, ticks: 1500n, data: hex('00') }),
    );
    const reader = new CaptureReader();
    const frames = [...reader.push(bytes).frames, ...reader.end().frames];
    for (const iface of reader.interfaces) {
      expect(iface).toMatchObject({ name: 'eth', description: 'Ethernet port 1', timePrecisionDigits: 3 });
    }
    expect(frames[0]).toMatchObject({ timestamp: { seconds: 1, nanoseconds: 500_000_000 }, fcsLength: 4 });
  });

  it('takes a packet FCS length from epb_flags over if_fcslen', () => {
    const flags = new Uint8Array(4);
    new DataView(flags.buffer).setUint32(0, 2 << 5, true); // FCS length 2 bytes in bits 5–8
    const bytes = file(
      SHB,
      pcapngInterface(1, 0, concatBytes([pcapngOption(13, new Uint8Array([32])), END_OF_OPTIONS])),
      pcapngPacket({ interfaceId: 0, ticks: 1n, data: hex('01 02 03 04 05'), options: concatBytes([pcapngOption(2, flags), END_OF_OPTIONS]) }),
      pcapngPacket({ interfaceId: 0, ticks: 2n, data: hex('01 02 03 04 05') }),
    );
    expect(readCapture(bytes).frames.map((f) => f.fcsLength)).toEqual([2, 4]);
  });

  it('ignores options that run past their block and says so', () => {
    // if_name claims 40 bytes in a block that has 8 option bytes.
    const broken = concatBytes([hex('02 00 28 00'), hex('65 74 68 30')]);
    const { frames, issues } = readCapture(
      file(SHB, pcapngInterface(1, 0, broken), pcapngPacket({ interfaceId: 0, ticks: 1n, data: hex('00') })),
    );
    expect(frames).toHaveLength(1);
    expect(codes(issues)).toEqual(['pcapng.bad_option']);
  });

  it('keeps intact blocks before a truncated last block', () => {
    const whole = file(MINIMAL, pcapngPacket({ interfaceId: 0, ticks: 1n, data: hex('01 02 03 04 05 06 07 08') }));
    const { frames, issues } = readCapture(whole.subarray(0, whole.length - 5));
    expect(frames).toHaveLength(1);
    expect(codes(issues)).toEqual(['pcapng.truncated_block']);
    expect(issues[0].message).toBe(`pcapng block at offset ${MINIMAL.length} has 35 of its 40 bytes.`);
  });

  it.each([
    ['pcapng.block_length_too_small', 8, undefined],
    ['pcapng.block_length_unaligned', 30, undefined],
    ['pcapng.block_length_too_big', 0x7ffffff0, undefined],
    ['pcapng.block_length_mismatch', undefined, 999],
  ])('stops at %s and reports the unread tail', (code, length, trailer) => {
    const bad = pcapngBlock(6, new Uint8Array(20), true, length, trailer);
    const { frames, issues } = readCapture(file(MINIMAL, bad, MINIMAL.subarray(48)));
    expect(frames).toHaveLength(1);
    expect(codes(issues)).toEqual([code, 'capture.garbage_tail']);
    expect(issues[0].message).toContain(`offset ${MINIMAL.length}`);
    expect(issues[1].value).toBe(bad.length + MINIMAL.length - 48);
  });

  it('names a garbage tail after the last block: zero padding or text', () => {
    const zeros = readCapture(file(MINIMAL, new Uint8Array(16)));
    expect(zeros.frames).toHaveLength(1);
    expect(codes(zeros.issues)).toEqual(['pcapng.block_length_too_small', 'capture.garbage_tail']);
    expect(zeros.issues[1]).toMatchObject({ value: 16 });
    // "hello world, junk" read as a block: type "hell", length "o wo" = 0x6f77206f.
    const text = readCapture(file(MINIMAL, new TextEncoder().encode('hello world, junk')));
    expect(text.frames).toHaveLength(1);
    expect(codes(text.issues)).toEqual(['pcapng.block_length_unaligned', 'capture.garbage_tail']);
    expect(text.issues[0].value).toBe(0x6f77206f);
  });

  it('stops at a section header without a byte-order magic', () => {
    const badShb = pcapngSectionHeader();
    badShb.set(hex('00 11 22 33'), 8);
    const { frames, issues } = readCapture(file(MINIMAL, badShb, MINIMAL));
    expect(frames).toHaveLength(1);
    expect(codes(issues)).toEqual(['pcapng.bad_byte_order_magic', 'capture.garbage_tail']);
    expect(issues[0].value).toBe('0x00112233');
  });

  it('skips a packet naming an undescribed interface and reads on', () => {
    const reader = new CaptureReader();
    const bytes = file(
      MINIMAL,
      pcapngPacket({ interfaceId: 7, ticks: 1n, data: hex('ee') }),
      pcapngPacket({ interfaceId: 0, ticks: 1n, data: hex('ff') }),
    );
    const batch = reader.push(bytes);
    expect(batch.frames.map((f) => [f.number, f.data])).toEqual([
      [1, hex('aa bb cc')],
      [2, hex('ff')],
    ]);
    expect(codes(batch.issues)).toEqual(['pcapng.unknown_interface']);
    expect(batch.issues[0]).toMatchObject({ value: 7 });
    expect(batch.issues[0].message).toContain(`offset ${MINIMAL.length}`);
    expect(reader.counters.recordsSkipped).toBe(1);
  });

  it('skips a packet whose captured length runs past its block', () => {
    const { frames, issues } = readCapture(
      file(MINIMAL, pcapngPacket({ interfaceId: 0, ticks: 1n, data: hex('01 02 03 04'), capturedLength: 100 })),
    );
    expect(frames).toHaveLength(1);
    expect(codes(issues)).toEqual(['pcapng.caplen_exceeds_block']);
    expect(issues[0].value).toBe(100);
  });

  it('warns when a packet is longer than its interface snaplen', () => {
    const { frames, issues } = readCapture(
      file(SHB, pcapngInterface(1, 2), pcapngPacket({ interfaceId: 0, ticks: 1n, data: hex('01 02 03') })),
    );
    expect(frames).toHaveLength(1);
    expect(codes(issues)).toEqual(['pcapng.caplen_exceeds_snaplen']);
  });

  it('skips a block too short for its type but keeps reading', () => {
    const shortEpb = pcapngBlock(6, hex('00 00 00 00')); // 16 bytes, an EPB needs 32
    const { frames, issues } = readCapture(file(MINIMAL, shortEpb, MINIMAL.subarray(48)));
    expect(frames).toHaveLength(2);
    expect(codes(issues)).toEqual(['pcapng.block_length_too_small']);
  });
});
