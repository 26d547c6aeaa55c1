import { describe, expect, it } from 'vitest';
import { concatBytes, hex } from '../../shared/bytes.ts';
import { PacketDecoder } from '../packetDecoder.ts';
import { APP_PAYLOAD, ipv4, testFrame } from '../link/testPackets.ts';

function decode(segment: Uint8Array, originalExtra = 0) {
  const packet = ipv4(6, segment);
  return new PacketDecoder().decode(testFrame(packet, { linkType: 228, number: 9, originalLength: packet.length + originalExtra }));
}

describe('TCP header', () => {
  it('reads ports, sequence and acknowledgment numbers and flags, and skips options', () => {
    // 5060 → 40000 | seq 0xfffffff0 | ack 1 | data offset 6 (24 bytes), flags PSH|ACK | window | cksum | urg
    // | options: 4 × NOP
    const header = hex('13 c4 9c 40  ff ff ff f0  00 00 00 01  60 18 ff ff  00 00 00 00  01 01 01 01');
    const { result, issues } = decode(concatBytes([header, APP_PAYLOAD]));
    expect(issues).toEqual([]);
    expect(result).toMatchObject({
      kind: 'tcp',
      frames: [9],
      segment: {
        src: { ip: '192.0.2.1', port: 5060 }, dst: { ip: '192.0.2.2', port: 40000 },
        sequenceNumber: 0xfffffff0, acknowledgmentNumber: 1, flags: 0x18, frame: 9,
        timestamp: { seconds: 1_700_000_000, nanoseconds: 0 }, encapsulation: [],
      },
    });
    expect(result.kind === 'tcp' && result.segment.payload).toEqual(APP_PAYLOAD);
  });

  it('rejects a data offset below 20 or beyond the segment', () => {
    expect(decode(hex('13 c4 9c 40 00 00 00 01 00 00 00 00 40 02 ff ff 00 00 00 00')).result)
      .toEqual({ kind: 'malformed', code: 'tcp.bad_data_offset' });
    expect(decode(hex('13 c4 9c 40 00 00 00 01 00 00 00 00 f0 02 ff ff 00 00 00 00')).result)
      .toEqual({ kind: 'malformed', code: 'tcp.bad_data_offset' });
  });

  it('says truncated when the capture cut the header, malformed when the packet is short', () => {
    expect(decode(hex('13 c4 9c 40 00 00'), 14).result).toEqual({ kind: 'truncated' });
    expect(decode(hex('13 c4 9c 40 00 00')).result).toEqual({ kind: 'malformed', code: 'tcp.too_short' });
  });
});
