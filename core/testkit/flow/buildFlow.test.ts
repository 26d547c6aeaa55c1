import { describe, expect, it } from 'vitest';
import { concatBytes } from '../../src/shared/bytes.ts';
import { buildFlow } from './buildFlow.ts';
import { decodeFrame, decodeTransport } from './decodeFrameForTests.ts';
import { FlowError, type BuiltFlow, type FlowDescription } from './flowTypes.ts';
import { readCaptureForTests } from './readCaptureForTests.ts';
import { FLOW_SCENARIOS } from './scenarios.ts';

const scenario = (name: string): FlowDescription => FLOW_SCENARIOS.find((s) => s.name === name)!.flow;
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
const ipFrames = (built: BuiltFlow) => built.frames.filter((f) => f.role !== 'frame').map((f) => ({ f, d: decodeFrame(f.data, f.linkType) }));

describe('buildFlow', () => {
  it('writes captures whose records read back as the frames it reports', () => {
    for (const s of FLOW_SCENARIOS) {
      const built = buildFlow(s.flow);
      const read = readCaptureForTests(built.bytes);
      expect(read.format).toBe(built.format);
      expect(read.frames.length).toBe(built.frames.length);
      read.frames.forEach((r, i) => {
        const f = built.frames[i]!;
        expect(r.data).toEqual(f.data);
        expect(r.originalLength).toBe(f.originalLength);
        expect(r.linkType).toBe(f.linkType);
        expect(r.interfaceId).toBe(f.interfaceId);
        // pcap in µs keeps µs; ns flows keep every digit
        expect(r.timestamp).toEqual(s.flow.nanosecond ? f.timestamp : { ...f.timestamp, nanoseconds: Math.floor(f.timestamp.nanoseconds / 1000) * 1000 });
      });
    }
  });

  it('is deterministic: the same description gives the same bytes', () => {
    for (const s of FLOW_SCENARIOS) expect(buildFlow(s.flow).bytes).toEqual(buildFlow(s.flow).bytes);
  });

  it('computes IPv4 header, UDP, TCP and SCTP checksums that verify', () => {
    let checked = 0;
    for (const s of FLOW_SCENARIOS.filter((x) => x.name !== 'injected')) {
      for (const { d } of ipFrames(buildFlow(s.flow))) {
        expect(d.ipHeaderChecksumOk).toBe(true);
        if (d.transport) {
          expect(d.transport.checksumOk).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('numbers TCP segments continuously in each direction, handshake first', () => {
    const built = buildFlow(scenario('tcp-stream'));
    const segments = ipFrames(built).filter((x) => x.f.role !== 'duplicate').map((x) => x.d.transport!);
    expect(segments.slice(0, 3).map((t) => t.flags)).toEqual([0x02, 0x12, 0x10]); // SYN, SYN-ACK, ACK
    for (const port of [5060]) {
      const bySrc = new Map<string, { seq: number; length: number; syn: boolean }[]>();
      ipFrames(built).filter((x) => x.f.role !== 'duplicate').forEach(({ d }) => {
        const key = `${d.src.join('.')}:${port}`;
        const list = bySrc.get(key) ?? [];
        list.push({ seq: d.transport!.seq!, length: d.transport!.payload.length, syn: (d.transport!.flags! & 2) !== 0 });
        bySrc.set(key, list);
      });
      for (const list of bySrc.values()) {
        const sorted = [...list].sort((a, b) => a.seq - b.seq);
        for (let i = 1; i < sorted.length; i++) {
          const prev = sorted[i - 1]!;
          // pure ACKs share the seq of the next data segment
          expect(sorted[i]!.seq).toBe(prev.seq + prev.length + (prev.syn ? 1 : 0));
        }
      }
    }
  });

  it('reassembles TCP payloads in sequence order to the exact message bytes', () => {
    const built = buildFlow(scenario('tcp-stream'));
    const fromBob = ipFrames(built).filter((x) => x.d.src[3] === 30 && x.f.role === 'message' && x.d.transport!.payload.length > 0);
    const stream = concatBytes([...fromBob].sort((a, b) => a.d.transport!.seq! - b.d.transport!.seq!).map((x) => x.d.transport!.payload));
    expect(text(stream)).toBe(text(concatBytes([1, 2, 3].map((i) => built.messages[i]!.payload))));
    // 100 and 180 travel together in one segment
    expect(built.messages[1]!.frames).toEqual(built.messages[2]!.frames);
  });

  it('leaves a hole for dropSegment and reports the message as never completed', () => {
    const built = buildFlow(scenario('tcp-gap'));
    expect(built.messages[0]!.completedIn).toBeUndefined();
    const data = ipFrames(built).filter((x) => x.d.transport!.payload.length > 0).map((x) => x.d.transport!);
    expect(data[1]!.seq! - data[0]!.seq!).toBe(400); // segment 1 (200 bytes) missing between them
  });

  it('fragments UDP over IPv4 and IPv6 so that fragments reassemble to the original datagram', () => {
    for (const name of ['ipv4-fragments', 'ipv6']) {
      const built = buildFlow(scenario(name));
      const fragments = ipFrames(built).filter((x) => x.d.fragmented && x.f.role === 'message');
      expect(fragments.length).toBeGreaterThanOrEqual(3);
      expect(new Set(fragments.map((x) => x.d.ipId)).size).toBe(1);
      const ordered = [...fragments].sort((a, b) => a.d.fragmentOffset - b.d.fragmentOffset);
      let at = 0;
      for (const x of ordered) {
        expect(x.d.fragmentOffset).toBe(at);
        at += x.d.ipPayload.length;
      }
      expect(ordered.at(-1)!.d.moreFragments).toBe(false);
      const { src, dst } = ordered[0]!.d;
      const udp = decodeTransport(17, src, dst, concatBytes(ordered.map((x) => x.d.ipPayload)))!;
      expect(udp.checksumOk).toBe(true);
      expect(udp.payload).toEqual(built.messages[0]!.payload);
    }
  });

  it('masks client WebSocket frames and not server ones, and carries the SIP text in them', () => {
    const built = buildFlow(scenario('websocket'));
    const payloads = ipFrames(built).map((x) => ({ role: x.f.role, src: x.d.src[3], data: x.d.transport!.payload })).filter((x) => x.data.length > 0);
    expect(text(payloads[0]!.data)).toMatch(/^GET \/ HTTP\/1\.1\r\n[^]*Upgrade: websocket/);
    expect(text(payloads[1]!.data)).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n/);
    const client = concatBytes(payloads.filter((p) => p.role === 'message' && p.src === 10).map((p) => p.data).slice(0, 2));
    expect(client[0]).toBe(0x01); // text frame, FIN clear: a continuation follows
    expect(client[1]! & 0x80).toBe(0x80);
    const serverFrame = payloads.find((p) => p.role === 'message' && p.src === 30)!.data;
    expect(serverFrame[0]).toBe(0x81);
    expect(serverFrame[1]).toBe(126); // unmasked, 16-bit length follows
    expect(text(serverFrame.subarray(4))).toBe(text(built.messages[1]!.payload));
  });

  it('wraps HEP messages with the original endpoints, time and payload', () => {
    const built = buildFlow(scenario('hep3'));
    const first = ipFrames(built)[0]!.d.transport!;
    expect(first.dstPort).toBe(9060);
    const hep = first.payload;
    expect(text(hep.subarray(0, 4))).toBe('HEP3');
    const view = new DataView(hep.buffer, hep.byteOffset, hep.byteLength);
    expect(view.getUint16(4)).toBe(hep.length);
    const chunks = new Map<number, Uint8Array>();
    for (let at = 6; at < hep.length; at += view.getUint16(at + 4)) chunks.set(view.getUint16(at + 2), hep.subarray(at + 6, at + view.getUint16(at + 4)));
    expect([...chunks.get(3)!]).toEqual([192, 0, 2, 10]);
    expect(new DataView(chunks.get(9)!.buffer, chunks.get(9)!.byteOffset).getUint32(0)).toBe(1709287200);
    expect(chunks.get(15)).toEqual(built.messages[0]!.payload);
    expect(built.frames[0]!.timestamp).toEqual({ seconds: 1709287200, nanoseconds: 1_000_000 }); // 1 ms collector delay
  });

  it('bundles coalesced SCTP messages and splits segmented ones with B/E flags', () => {
    const built = buildFlow(scenario('sctp'));
    const packets = ipFrames(built).map((x) => x.d.transport!.payload);
    expect(packets[1]![0]).toBe(0); // DATA
    const firstChunkLength = new DataView(packets[1]!.buffer, packets[1]!.byteOffset).getUint16(2);
    expect(packets[1]![(firstChunkLength + 3) & ~3]).toBe(0); // a second DATA chunk follows
    expect([packets[2]![1], packets[3]![1]]).toEqual([0x02, 0x01]); // B, then E
  });

  it('frames steps and options: truncate, raw frames, comments', () => {
    const built = buildFlow(scenario('injected'));
    expect(built.frames[0]!.data.length).toBe(42);
    expect(built.frames[3]!.data.length).toBe(200);
    expect(built.frames[3]!.originalLength).toBeGreaterThan(200);
    expect(text(built.messages[4]!.payload)).toContain('Content-Length: 99\r\n');
    expect(text(built.messages[5]!.payload)).not.toContain('\r');
  });

  it('rejects descriptions it cannot build, naming the problem', () => {
    const bad: [FlowDescription, RegExp][] = [
      [{ nodes: { a: '192.0.2.1:5060' }, messages: [{ from: 'a', to: 'nobody', text: 'x' }] }, /unknown node "nobody"/],
      [{ nodes: { a: '192.0.2.1:99999' }, messages: [] }, /not ip:port/],
      [{ nodes: { a: '192.0.2.1:1', b: '[::1]:1' }, messages: [{ from: 'a', to: 'b', text: 'x' }] }, /same IP version/],
      [{ nodes: { a: '192.0.2.1:1', b: '192.0.2.2:1' }, messages: [{ from: 'a', to: 'b', text: 'x' }, { from: 'a', to: 'b', link: 'sll', text: 'y' }] }, /one link type/],
      [{ nodes: { a: '192.0.2.1:1', b: '192.0.2.2:1' }, messages: [{ from: 'a', to: 'b', text: 'x', reorder: [3] }] }, /reorder names unit 3/],
      [{ nodes: { a: '192.0.2.1:1', b: '192.0.2.2:1' }, messages: [{ from: 'a', to: 'b', text: 'x', coalesceWithNext: true }, { from: 'b', to: 'a', text: 'y' }] }, /share from, to/],
      [{ nodes: { a: '192.0.2.1:1', b: '192.0.2.2:1' }, messages: [{ from: 'a', to: 'b', text: 'x', vlan: 5000 }] }, /VLAN id 5000/],
      [{ nodes: {}, messages: [{ frame: 'zz' }] }, /bad digit/],
    ];
    for (const [flow, message] of bad) expect(() => buildFlow(flow)).toThrow(message);
    expect(() => buildFlow({ nodes: {}, messages: [{ at: -1, frame: '00' }] })).toThrow(FlowError);
  });
});
