import { describe, expect, it } from 'vitest';
import type { StreamChunk } from '../network/transportUnit.ts';
import { SipUnitDecoder } from './sipUnitDecoder.ts';

const encoder = new TextEncoder();
const OPTIONS = (n: number): string =>
  `OPTIONS sip:p@example.com SIP/2.0\r\nVia: SIP/2.0/TCP 10.0.0.1:5060;branch=z9hG4bK-${n}\r\nCall-ID: c${n}\r\n` +
  'CSeq: 1 OPTIONS\r\nFrom: <sip:a@example.com>;tag=1\r\nTo: <sip:p@example.com>\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n';

let frame = 0;
function chunk(text: string, connection: number): StreamChunk {
  frame++;
  return {
    kind: 'stream', transport: 'tcp', streamId: `tcp:10.0.0.1:${40000 + connection}>10.0.0.2:5060`,
    src: { ip: '10.0.0.1', port: 40000 + connection }, dst: { ip: '10.0.0.2', port: 5060 },
    timestamp: { seconds: frame, nanoseconds: 0 }, frame, gapBefore: 0, data: encoder.encode(text), encapsulation: [],
  };
}

describe('SipUnitDecoder stream table', () => {
  it('frames whole messages on many connections while keeping at most maxStreams framers', () => {
    const decoder = new SipUnitDecoder(() => false, 4);
    let messages = 0;
    for (let c = 0; c < 50; c++) messages += decoder.accept(chunk(OPTIONS(c), c)).messages.length;
    messages += decoder.flush().messages.length;
    expect(messages).toBe(50);
    expect((decoder as unknown as { streams: { size: number } }).streams.size).toBe(4);
  });

  it('ends an evicted direction as the end of capture would: its half message is reported, not lost silently', () => {
    const decoder = new SipUnitDecoder(() => false, 1);
    const whole = OPTIONS(1);
    const first = decoder.accept(chunk(whole.slice(0, 60), 1));
    expect(first.messages).toEqual([]);
    const next = decoder.accept(chunk(OPTIONS(2), 2)); // connection 1 is pushed out
    expect(next.messages.map((m) => m.facts.callId)).toEqual(['c2']);
    expect(next.issues.map((i) => i.code)).toEqual(['sip.stream_truncated']);
  });
});
