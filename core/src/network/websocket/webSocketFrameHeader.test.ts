import { describe, expect, it } from 'vitest';
import { hex } from '../../shared/bytes.ts';
import { ByteQueue } from '../tcp/byteQueue.ts';
import { peekFrameHeader } from './webSocketFrameHeader.ts';

const T = { seconds: 0, nanoseconds: 0 };
function queueOf(bytes: Uint8Array): ByteQueue {
  const q = new ByteQueue();
  q.push(bytes, 1, T);
  return q;
}

describe('peekFrameHeader', () => {
  it('reads FIN, opcode, mask key and the 7/16/64-bit length forms', () => {
    expect(peekFrameHeader(queueOf(hex('81 85 37 fa 21 3d # FIN text, masked, 5 bytes, key 37fa213d')))).toEqual({
      fin: true, rsv1: false, rsv23: false, opcode: 1, masked: true, maskKey: 0x37fa213d, headerLength: 6, payloadLength: 5,
    });
    expect(peekFrameHeader(queueOf(hex('42 7e 01 00 # RSV1 binary, not final, 256 bytes')))).toMatchObject({
      fin: false, rsv1: true, opcode: 2, masked: false, headerLength: 4, payloadLength: 256,
    });
    expect(peekFrameHeader(queueOf(hex('80 7f 00 00 00 01 00 00 00 00 # continuation, 2^32 bytes')))).toMatchObject({
      opcode: 0, headerLength: 10, payloadLength: 2 ** 32,
    });
  });

  it('waits while the header is incomplete (truncated)', () => {
    expect(peekFrameHeader(queueOf(hex('81')))).toBeUndefined();
    expect(peekFrameHeader(queueOf(hex('81 fe 00 # 16-bit length and mask key still missing')))).toBeUndefined();
  });

  it('rejects headers that no continuation can make valid (garbage)', () => {
    expect(peekFrameHeader(queueOf(hex('8b 00 # reserved control opcode 0xb')))).toEqual({ error: 'reserved opcode 0xb' });
    expect(peekFrameHeader(queueOf(hex('08 00 # close frame without FIN')))).toHaveProperty('error');
    expect(peekFrameHeader(queueOf(hex('82 7f 80 00 00 00 00 00 00 00 # 64-bit length with the top bit set')))).toHaveProperty('error');
  });
});
