import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaptureReader } from '../../core/src/capture/captureReader.ts';
import type { Frame } from '../../core/src/capture/frame.ts';
import { buildFlow } from '../../core/testkit/flow/buildFlow.ts';
import { callTexts } from '../../core/testkit/flow/sampleCall.ts';
import { relayAsPcapng } from './pcapngRelay.ts';

const t = callTexts({ caller: '192.0.2.10:5060', callee: '192.0.2.30:5060', via: 'UDP', callId: 'relay' });
/** tcpdump-like classic pcap streams: Ethernet on one interface, Linux cooked (SLL) on the other. */
const eth = buildFlow({ nodes: {}, link: 'ethernet', messages: [{ from: '192.0.2.10:5060', to: '192.0.2.30:5060', text: t.invite }, { from: '192.0.2.30:5060', to: '192.0.2.10:5060', text: t.ok }] });
const sll = buildFlow({ nodes: {}, link: 'sll', messages: [{ from: '192.0.2.30:5060', to: '192.0.2.10:5060', text: t.ringing }] });

async function* chunked(bytes: Uint8Array, cuts: readonly number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    if (c <= at || c >= bytes.length) continue;
    yield bytes.subarray(at, c);
    at = c;
    await new Promise((resolve) => setImmediate(resolve));
  }
  yield bytes.subarray(at);
}

async function readAll(stream: AsyncIterable<Uint8Array>): Promise<{ frames: Frame[]; reader: CaptureReader }> {
  const reader = new CaptureReader();
  const frames: Frame[] = [];
  for await (const chunk of stream) frames.push(...reader.push(chunk).frames);
  frames.push(...reader.end().frames);
  return { frames, reader };
}

describe('relayAsPcapng', () => {
  it('relays several pcap streams as one pcapng stream, one interface block per input, however they are chunked', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.nat(eth.bytes.length), { maxLength: 6 }), fc.array(fc.nat(sll.bytes.length), { maxLength: 6 }), async (a, b) => {
      const { frames, reader } = await readAll(relayAsPcapng([{ name: 'eth0', chunks: chunked(eth.bytes, a) }, { name: 'any', chunks: chunked(sll.bytes, b) }]));
      expect(reader.format).toBe('pcapng');
      expect(reader.interfaces.map((i) => [i.name, i.linkType])).toEqual([['eth0', 1], ['any', 113]]);
      const byInterface = (id: number) => frames.filter((f) => f.interfaceId === id).map((f) => [Buffer.from(f.data).toString('hex'), f.timestamp]);
      expect(byInterface(0)).toEqual(eth.frames.map((f) => [Buffer.from(f.data).toString('hex'), f.timestamp]));
      expect(byInterface(1)).toEqual(sll.frames.map((f) => [Buffer.from(f.data).toString('hex'), f.timestamp]));
    }), { numRuns: 30 });
  });

  it('keeps relaying when one input ends without a header (a tool that failed)', async () => {
    const { frames, reader } = await readAll(relayAsPcapng([{ name: 'gone', chunks: chunked(new Uint8Array(0), []) }, { name: 'lo', chunks: chunked(eth.bytes, [30]) }]));
    expect(reader.interfaces.map((i) => i.name)).toEqual(['gone', 'lo']);
    expect(frames.map((f) => f.interfaceId)).toEqual([1, 1]);
  });
});
