import { describe, expect, it } from 'vitest';
import { hex } from '../shared/bytes.ts';
import { foldChecksum, onesSum, transportChecksum, writeIpv4HeaderChecksum } from './checksums.ts';

describe('internet checksums', () => {
  it('computes the IPv4 header checksum of a known header', () => {
    // 20-byte IPv4 header from RFC 1071 style examples: checksum field zeroed, expected 0xb861.
    const header = hex('45 00 00 73 00 00 40 00 40 11 00 00 c0 a8 00 01 c0 a8 00 c7');
    writeIpv4HeaderChecksum(header, 0, 20);
    expect(header[10]!.toString(16) + header[11]!.toString(16).padStart(2, '0')).toBe('b861');
    expect(foldChecksum(onesSum(header, 0, 20))).toBe(0);
  });

  it('computes a UDP checksum that verifies to zero with its pseudo-header', () => {
    const src = hex('c0 00 02 01');
    const dst = hex('c0 00 02 02');
    // UDP 5060 → 5060, length 12, checksum 0, payload "ping".
    const segment = hex('13 c4 13 c4 00 0c 00 00 70 69 6e 67');
    const value = transportChecksum(src, dst, 17, segment);
    segment[6] = value >> 8;
    segment[7] = value & 0xff;
    const verify = onesSum(src, 0, 4) + onesSum(dst, 0, 4) + 17 + 12;
    expect(foldChecksum(onesSum(segment, 0, 12, verify))).toBe(0);
  });

  it('sends a computed UDP zero as 0xffff and handles an odd length', () => {
    expect(transportChecksum(new Uint8Array(4), new Uint8Array(4), 17, hex('ff ee'))).not.toBe(0);
    expect(onesSum(hex('01'), 0, 1)).toBe(0x100);
  });
});
