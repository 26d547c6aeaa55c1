import { describe, expect, it } from 'vitest';
import { StreamRouter } from './streamRouter.ts';
import type { StreamChunk } from './transportUnit.ts';

const encoder = new TextEncoder();
let frame = 0;
function chunk(text: string, connection: number, dstPort = 5060): StreamChunk {
  frame++;
  return {
    kind: 'stream', transport: 'tcp', streamId: `tcp:10.0.0.1:${40000 + connection}>10.0.0.2:${dstPort}`,
    src: { ip: '10.0.0.1', port: 40000 + connection }, dst: { ip: '10.0.0.2', port: dstPort },
    timestamp: { seconds: frame, nanoseconds: 0 }, frame, gapBefore: 0, data: encoder.encode(text), encapsulation: [],
  };
}

const internals = (r: StreamRouter): { directions: { size: number } } => r as unknown as { directions: { size: number } };

describe('StreamRouter', () => {
  it('sends a SIP direction on as soon as its first bytes name SIP', () => {
    const router = new StreamRouter();
    const out = router.push(chunk('INVITE sip:b@example.com SIP/2.0\r\n', 1));
    expect(out.units).toHaveLength(1);
    expect(router.routeOf('tcp:10.0.0.1:40001>10.0.0.2:5060')).toBe('sip');
  });

  it('holds the bytes of an undecided direction', () => {
    const router = new StreamRouter();
    expect(router.push(chunk('IN', 1)).units).toEqual([]);
  });

  it('keeps at most maxStreams directions, passing on what an evicted undecided one held as possible SIP', () => {
    const router = new StreamRouter(2);
    expect(router.push(chunk('IN', 1)).units).toEqual([]); // undecided: held
    router.push(chunk('OPTIONS sip:p SIP/2.0\r\n', 2));
    const out = router.push(chunk('OPTIONS sip:p SIP/2.0\r\n', 3)); // connection 1 is the least recent
    expect(out.units.map((u) => u.kind === 'stream' ? new TextDecoder().decode(u.data) : '')).toEqual(['IN', 'OPTIONS sip:p SIP/2.0\r\n']);
    expect(internals(router).directions.size).toBe(2);
    for (let c = 4; c < 100; c++) router.push(chunk('OPTIONS sip:p SIP/2.0\r\n', c));
    expect(internals(router).directions.size).toBe(2);
  });

  it('finishes an evicted HEP stream, reporting the partial packet it held', () => {
    const router = new StreamRouter(1);
    router.push(chunk('HEP3\u0000\u0040partial', 1, 9060));
    const out = router.push(chunk('HEP3\u0000\u0040partial', 2, 9060)); // a second HEP connection pushes the first out
    expect(out.issues.map((i) => i.code)).toEqual(['hep.resync']);
  });
});
