/**
 * `sipladder listen-hep` end to end: HEP packets sent to 127.0.0.1 over UDP and TCP (HEPv3 built with the
 * fixture builder's encoder, HEPv2 by hand) come out as calls with the original addresses and times the
 * agent recorded; a port in use gives the error users see.
 */
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { LiveDetail, LiveEntry } from '../../core/src/pipeline/liveSession.ts';
import { formatEndpoint } from '../../core/src/shared/endpoint.ts';
import { parseNodeAddress } from '../../core/testkit/flow/address.ts';
import { encodeHep3 } from '../../core/testkit/flow/hep3.ts';
import { callTexts } from '../../core/testkit/flow/sampleCall.ts';
import { normaliseSipText } from '../../core/testkit/flow/sipText.ts';
import type { FeedEvent } from '../live/liveFeed.ts';
import { waitFor } from '../live/testSipp.ts';
import { listenHepMain } from './listenHep.ts';

const T0 = Date.UTC(2024, 2, 1, 10, 0, 0) / 1000; // 2024-03-01T10:00:00Z, the agent's clock

interface Text {
  text: string;
  write(chunk: string | Uint8Array): boolean;
}
const collector = (): Text => ({ text: '', write(c) { this.text += typeof c === 'string' ? c : Buffer.from(c).toString(); return true; } });

/** A whole call (INVITE … BYE/200) between 10.0.0.1:5060 and 10.0.0.2:5080, as HEP3 packets 10 ms apart. */
function hepCall(callId: string, ipProtocol: number): Uint8Array[] {
  const t = callTexts({ caller: '10.0.0.1:5060', callee: '10.0.0.2:5080', via: ipProtocol === 6 ? 'TCP' : 'UDP', callId });
  const steps: [string, boolean][] = [[t.invite, true], [t.trying, false], [t.ringing, false], [t.ok, false], [t.ack, true], [t.bye, true], [t.byeOk, false]];
  return steps.map(([text, fromCaller], i) => encodeHep3({
    src: parseNodeAddress(fromCaller ? '10.0.0.1:5060' : '10.0.0.2:5080'), dst: parseNodeAddress(fromCaller ? '10.0.0.2:5080' : '10.0.0.1:5060'),
    ipProtocol, seconds: T0, microseconds: i * 10_000, agentId: 2001, payload: normaliseSipText(text),
  }));
}

/** HEPv2 (Kamailio hep_hdr + timeval in the sender's byte order, little-endian) of one SIP message. */
function hep2(text: string, microseconds: number, fromCaller: boolean): Uint8Array {
  const payload = normaliseSipText(text);
  const out = new Uint8Array(28 + payload.length);
  const view = new DataView(out.buffer);
  out.set([2, 16, 2, 17], 0); // version 2, header length 16, AF_INET, UDP
  view.setUint16(4, 5060); // src port
  view.setUint16(6, 5060); // dst port
  out.set(fromCaller ? [172, 16, 0, 1, 172, 16, 0, 2] : [172, 16, 0, 2, 172, 16, 0, 1], 8); // src, dst: caller 172.16.0.1, callee .2
  view.setUint32(16, T0 + 60, true);
  view.setUint32(20, microseconds, true);
  out.set(payload, 28);
  return out;
}

async function listen(args: string[], send: (ports: { udp?: number; tcp?: number }) => Promise<void>, expectedCalls: number) {
  const out = collector();
  const err = collector();
  const events: FeedEvent[] = [];
  const controller = new AbortController();
  let ports: { udp?: number; tcp?: number } | undefined;
  const running = listenHepMain(args, {
    out, err, signal: controller.signal, onEvent: (e) => events.push(e), onReady: (info) => (ports = info.ports),
  });
  const started = await Promise.race([waitFor(() => ports !== undefined, 5000), running.then(() => false)]);
  if (started) {
    await send(ports!);
    await waitFor(() => events.filter((e) => e.type === 'completed').length >= expectedCalls, 10_000);
    controller.abort();
  }
  const code = await running;
  const completed = events.flatMap((e) => (e.type === 'completed' ? [{ entry: e.entry, detail: e.detail }] : []));
  return { code, out: out.text, err: err.text, completed };
}

function sendUdp(port: number, packets: readonly Uint8Array[]): Promise<void> {
  const socket = createSocket('udp4');
  return new Promise((resolve, reject) => {
    let i = 0;
    const next = (): void => {
      if (i === packets.length) {
        socket.close(() => resolve());
        return;
      }
      socket.send(packets[i++]!, port, '127.0.0.1', (error) => (error ? reject(error) : setTimeout(next, 2)));
    };
    next();
  });
}

function sendTcp(port: number, bytes: Uint8Array, splitAt: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(bytes.subarray(0, splitAt));
      setTimeout(() => socket.end(bytes.subarray(splitAt), () => resolve()), 20);
    });
    socket.once('error', reject);
  });
}

function expectOriginal(c: { entry: LiveEntry; detail: LiveDetail }, transport: string): void {
  expect(c.entry.calls.map((x) => [x.outcome, x.finalStatus, x.messages])).toEqual([['answered', 200, 7]]);
  const first = c.detail.records[0]!;
  expect([formatEndpoint(first.src), formatEndpoint(first.dst), first.transport, first.encapsulation]).toEqual(['10.0.0.1:5060', '10.0.0.2:5080', transport, ['hep3']]);
  expect(c.detail.records.map((r) => [r.timestamp.seconds, r.timestamp.nanoseconds])).toEqual(Array.from({ length: 7 }, (_, i) => [T0, i * 10_000_000]));
  expect(c.detail.model.transactions.map((t) => `${t.method} ${t.finalStatus}`).sort()).toEqual(['ACK 0', 'BYE 200', 'INVITE 200']);
  expect(c.detail.model.dialogs.map((d) => d.termination)).toEqual(['bye']);
}

describe('sipladder listen-hep', () => {
  it('receives HEP over UDP and TCP on 127.0.0.1 and reports calls with the original addresses and times', async () => {
    const tcpStream = hepCall('hep-tcp-call', 6);
    const joined = new Uint8Array(tcpStream.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of tcpStream) {
      joined.set(p, at);
      at += p.length;
    }
    const run = await listen(['--port', '0', '--json'], async (ports) => {
      await sendUdp(ports.udp!, hepCall('hep-udp-call', 17));
      await sendTcp(ports.tcp!, joined, 500); // a HEP packet split across two TCP reads
    }, 2);
    expect(run.code, run.err).toBe(0);
    const byId = new Map(run.completed.map((c) => [c.entry.callIds[0], c]));
    expectOriginal(byId.get('hep-udp-call')!, 'udp');
    expectOriginal(byId.get('hep-tcp-call')!, 'tcp');
    const lines = run.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.filter((l) => l.event === 'call').map((l) => [l.start, l.from, l.outcome]).sort()).toEqual([
      ['2024-03-01T10:00:00.000000Z', 'sip:alice@atlanta.example.com', 'answered'], ['2024-03-01T10:00:00.000000Z', 'sip:alice@atlanta.example.com', 'answered'],
    ]);
    expect(lines.at(-1)).toMatchObject({ event: 'summary', packets: 9, sipMessages: 14, calls: { completed: 2 } });
  });

  it('reads HEPv2 datagrams (UDP only) and prints a line per call', async () => {
    const t = callTexts({ caller: '172.16.0.1:5060', callee: '172.16.0.2:5060', via: 'UDP', callId: 'hep2-call' });
    const busy = t.ringing.replace('180 Ringing', '486 Busy Here');
    const ack = t.ack.replace('nashds9', 'nashds8');
    const run = await listen(['--port', '0', '--udp'], async (ports) => {
      expect(ports.tcp).toBeUndefined();
      await sendUdp(ports.udp!, [hep2(t.invite, 0, true), hep2(t.trying, 10_000, false), hep2(busy, 20_000, false), hep2(ack, 30_000, true)]);
    }, 1);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^10:01:00\.000 {2}busy {8}486 .* sip:alice@atlanta\.example\.com → sip:bob@biloxi\.example\.com {2}\[hep2-call\]\n$/);
    expect(run.completed[0]!.detail.records.map((r) => formatEndpoint(r.src))).toEqual(['172.16.0.1:5060', '172.16.0.2:5060', '172.16.0.2:5060', '172.16.0.1:5060']);
    expect(run.err).toMatch(/^Listening for HEP on 127\.0\.0\.1 \(udp \d+\); press Ctrl\+C to stop\.\n/);
  });

  it('says when the port is already in use', async () => {
    const blocker = createSocket('udp4');
    const port = await new Promise<number>((resolve) => blocker.bind(0, '127.0.0.1', () => resolve(blocker.address().port)));
    try {
      const run = await listen(['--port', String(port), '--udp'], async () => undefined, 0);
      expect([run.code, run.err]).toEqual([3, `sipladder listen-hep: port ${port} on 127.0.0.1 is already in use (another HEP collector?): choose another with --port\n`]);
    } finally {
      blocker.close();
    }
  });

  it('rejects a bad port', async () => {
    const run = await listen(['--port', '70000'], async () => undefined, 0);
    expect([run.code, run.err]).toEqual([2, "sipladder listen-hep: --port: expected 0–65535, got '70000'\n"]);
  });
});
