/**
 * Turns resolved steps into link-layer frames in capture order: picks the transport encoding, opens
 * TCP connections and WebSocket upgrades before first use, segments, fragments, reorders, and records
 * which frames carry (and complete) each message.
 */
import { concatBytes } from '../../src/shared/bytes.ts';
import { macFor, type NodeAddress } from './address.ts';
import { ConnectionTable, seqAdd, type TcpConnection } from './connections.ts';
import { emissionPlan } from './emissionOrder.ts';
import { FlowError, type BuiltMessage, type FrameRole, type LinkName } from './flowTypes.ts';
import { encodeHep3 } from './hep3.ts';
import { encodeIpv4, fragmentIpv4 } from './ipv4.ts';
import { encodeIpv6, fragmentIpv6 } from './ipv6.ts';
import { encodeLinkFrame } from './linkLayer.ts';
import type { ResolvedFlow, ResolvedFrame, ResolvedMessage, ResolvedStep } from './resolveFlow.ts';
import { encodeSctp, type SctpDataChunk } from './sctp.ts';
import { encodeTcp, TCP_ACK, TCP_PSH, TCP_SYN } from './tcp.ts';
import { encodeUdp } from './udp.ts';
import { maskKeyFor, upgradeRequest, upgradeResponse, webSocketKey, webSocketMessage } from './websocket.ts';

export interface PlannedFrame {
  /** Nanoseconds after the flow's start. */
  readonly timeNs: number;
  readonly link: LinkName;
  readonly data: Uint8Array;
  readonly originalLength: number;
  readonly comment?: string;
  readonly stepIndex: number;
  readonly role: FrameRole;
}

/** One IP packet of a step, with the byte range (in the step's wire payload) it carries. */
interface Unit {
  readonly ip: Uint8Array;
  readonly start: number;
  readonly end: number;
}

/** Auxiliary frames (handshakes) sent before a step's own units. */
interface PreFrame {
  readonly ip: Uint8Array;
  readonly role: FrameRole;
}

/** Auxiliary frames are spaced 100 µs apart, ending right before the step they open. */
const PRE_FRAME_SPACING_NS = 100_000;
const IPPROTO_TCP = 6;
const IPPROTO_UDP = 17;
const IPPROTO_SCTP = 132;

/** Pieces of `total` bytes at the given sizes, the rest in a last piece: [start, end) pairs. */
function pieces(total: number, sizes: readonly number[] | undefined): [number, number][] {
  const out: [number, number][] = [];
  let at = 0;
  for (const size of sizes ?? []) {
    if (!Number.isInteger(size) || size <= 0) throw new FlowError(`segment size ${size} must be a positive integer`);
    if (at >= total) break;
    out.push([at, Math.min(total, at + size)]);
    at += size;
  }
  if (at < total || out.length === 0) out.push([Math.min(at, total), total]);
  return out;
}

export class Scheduler {
  readonly frames: PlannedFrame[] = [];
  readonly messages: BuiltMessage[] = [];
  private lastTimeNs = 0;
  private ipId = 0x1c00;
  private maskCount = 0;
  private readonly connections = new ConnectionTable();

  constructor(private readonly flow: ResolvedFlow) {}

  run(): this {
    const steps = this.flow.steps;
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i]!;
      if (step.kind === 'frame') {
        this.frameStep(step);
        continue;
      }
      const group: ResolvedMessage[] = [step];
      while (group[group.length - 1]!.source.coalesceWithNext) {
        const next = steps[i + group.length];
        if (!next || next.kind !== 'message') throw new FlowError(`messages[${i}]: coalesceWithNext needs a next message`);
        const g = group[0]!;
        if (next.from.text !== g.from.text || next.to.text !== g.to.text || next.transport !== g.transport) {
          throw new FlowError(`messages[${next.index}]: a coalesced message must share from, to and transport`);
        }
        group.push(next);
      }
      this.messageGroup(group);
      i += group.length - 1;
    }
    return this;
  }

  private push(data: Uint8Array, step: ResolvedStep, timeNs: number, role: FrameRole): number {
    const cut = step.truncate !== undefined && step.truncate < data.length ? data.subarray(0, step.truncate) : data;
    this.frames.push({
      timeNs,
      link: step.link,
      data: cut,
      originalLength: data.length,
      ...(step.comment !== undefined ? { comment: step.comment } : {}),
      stepIndex: step.index,
      role,
    });
    this.lastTimeNs = timeNs;
    return this.frames.length;
  }

  /** Wraps an IP packet in the step's link header; MACs follow the IP addresses in the packet. */
  private emitIp(ip: Uint8Array, step: ResolvedStep, timeNs: number, role: FrameRole): number {
    const v6 = ip.length >= 40 && ip[0]! >> 4 === 6;
    const v4 = !v6 && ip.length >= 20;
    const src = v6 ? ip.subarray(8, 24) : v4 ? ip.subarray(12, 16) : new Uint8Array(4);
    const dst = v6 ? ip.subarray(24, 40) : v4 ? ip.subarray(16, 20) : new Uint8Array(4);
    const host = this.flow.captureHost;
    const outgoing = host !== undefined && host.length === src.length && host.every((b, i) => b === src[i]);
    const data = encodeLinkFrame({ link: step.link, tags: step.tags, srcMac: macFor(src), dstMac: macFor(dst), outgoing }, ip);
    return this.push(data, step, timeNs, role);
  }

  /** One IP packet, or its fragments when `mtu` is given. IP ids count up per packet from 0x1c00. */
  private ipPackets(src: NodeAddress, dst: NodeAddress, protocol: number, payload: Uint8Array, mtu?: number): Uint8Array[] {
    const id = this.ipId++;
    if (src.family === 4) {
      // TCP and SCTP set DF as stacks with path-MTU discovery do; UDP SIP usually does not.
      const fields = { src: src.ip, dst: dst.ip, protocol, id, dontFragment: protocol !== IPPROTO_UDP && mtu === undefined };
      return mtu === undefined ? [encodeIpv4(fields, payload)] : fragmentIpv4(fields, payload, mtu);
    }
    const fields = { src: src.ip, dst: dst.ip, protocol, id };
    return mtu === undefined ? [encodeIpv6(fields, payload)] : fragmentIpv6(fields, payload, mtu);
  }

  private frameStep(step: ResolvedFrame): void {
    const number = step.wrapIp ? this.emitIp(step.bytes, step, step.timeNs, 'frame') : this.push(step.bytes, step, step.timeNs, 'frame');
    this.messages.push({ index: step.index, payload: new Uint8Array(0), frames: [number], completedIn: number });
  }

  private messageGroup(group: readonly ResolvedMessage[]): void {
    const first = group[0]!;
    const options = first.source;
    const hep = first.transport === 'hep3' || first.transport === 'hep3-tcp';
    const src = hep ? this.flow.hep.agent : first.from;
    const dst = hep ? this.flow.hep.collector : first.to;
    if (src.family !== dst.family) throw new FlowError('HEP agent and collector must be the same IP version');
    const timeNs = first.timeNs + (hep ? this.flow.hep.delayNs : 0);
    const pre: PreFrame[] = [];
    const ranges: [number, number][] = [];
    const wired = (wires: Uint8Array[]): Uint8Array => {
      let at = 0;
      for (const w of wires) ranges.push([at, (at += w.length)]);
      return concatBytes(wires);
    };
    let units: Unit[] = [];

    switch (first.transport) {
      case 'udp':
      case 'hep3': {
        const datagram = wired(group.map((m) => (hep ? this.hep(m) : m.payload)));
        const udp = encodeUdp(src.ip, dst.ip, src.port, dst.port, datagram);
        units = this.ipPackets(src, dst, IPPROTO_UDP, udp, options.fragment).map((ip) => ({ ip, start: 0, end: datagram.length }));
        break;
      }
      case 'tcp':
      case 'ws':
      case 'hep3-tcp': {
        const { connection, direction } = this.connections.tcpConnection(src, dst);
        if (!connection.opened) pre.push(...this.tcpHandshake(connection));
        if (first.transport === 'ws' && !connection.webSocket) pre.push(...this.webSocketUpgrade(connection));
        if (first.transport !== 'ws' && connection.webSocket) throw new FlowError(`messages[${first.index}]: this connection carries WebSocket`);
        const masked = direction === 0 ? () => maskKeyFor(this.maskCount++) : undefined;
        const stream = wired(group.map((m) => {
          if (m.transport === 'ws') return concatBytes(webSocketMessage(m.payload, m.source.wsFrames, masked));
          return hep ? this.hep(m) : m.payload;
        }));
        for (const [start, end] of pieces(stream.length, options.segments)) {
          const seg = this.tcpSegment(connection, direction, TCP_PSH | TCP_ACK, stream.subarray(start, end));
          for (const ip of this.ipPackets(src, dst, IPPROTO_TCP, seg, options.fragment)) units.push({ ip, start, end });
        }
        break;
      }
      case 'sctp':
        units = this.sctpUnits(group, wired(group.map((m) => m.payload)), ranges);
        break;
    }

    // Handshakes end right before the step, never earlier than the frame before them.
    pre.forEach((p, k) => {
      const t = Math.min(timeNs, Math.max(this.lastTimeNs, timeNs - (pre.length - k) * PRE_FRAME_SPACING_NS));
      this.emitIp(p.ip, first, t, p.role);
    });
    const plan = emissionPlan(units.length, options, `messages[${first.index}]`);
    const firstFrame: (number | undefined)[] = new Array(units.length);
    const allFrames: number[][] = units.map(() => []);
    for (const i of plan.order) {
      firstFrame[i] = this.emitIp(units[i]!.ip, first, timeNs, 'message');
      allFrames[i]!.push(firstFrame[i]!);
    }
    for (const i of plan.duplicates) {
      const n = this.emitIp(units[i]!.ip, first, timeNs, 'duplicate');
      firstFrame[i] ??= n; // a "duplicate" of a dropped unit is its late delivery
      allFrames[i]!.push(n);
    }

    group.forEach((m, k) => {
      const [ms, me] = ranges[k]!;
      const touching = units.map((_, i) => i).filter((i) => (ms === me ? units[i]!.start <= ms && ms <= units[i]!.end : units[i]!.start < me && units[i]!.end > ms));
      const frames = [...new Set(touching.flatMap((i) => allFrames[i]!))].sort((a, b) => a - b);
      const missing = touching.some((i) => firstFrame[i] === undefined);
      const completedIn = missing || touching.length === 0 ? undefined : Math.max(...touching.map((i) => firstFrame[i]!));
      this.messages.push({ index: m.index, payload: m.payload, frames, ...(completedIn !== undefined ? { completedIn } : {}) });
    });
  }

  /** HEP3 around the original message, carrying its endpoints and its own (pre-delay) time. */
  private hep(m: ResolvedMessage): Uint8Array {
    const ns = this.flow.startNanoseconds + m.timeNs;
    return encodeHep3({
      src: m.from,
      dst: m.to,
      ipProtocol: this.flow.hep.innerProtocol,
      seconds: this.flow.startSeconds + Math.floor(ns / 1e9),
      microseconds: Math.floor((ns % 1e9) / 1000),
      agentId: this.flow.hep.agentId,
      payload: m.payload,
    });
  }

  private tcpSegment(c: TcpConnection, direction: 0 | 1, flags: number, payload: Uint8Array): Uint8Array {
    const [sender, receiver] = direction === 0 ? [c.client, c.server] : [c.server, c.client];
    const seg = encodeTcp(
      { src: sender.ip, dst: receiver.ip, srcPort: sender.port, dstPort: receiver.port, seq: c.nextSeq[direction], ack: c.nextSeq[1 - direction]!, flags },
      payload,
    );
    c.nextSeq[direction] = seqAdd(c.nextSeq[direction], payload.length + ((flags & TCP_SYN) !== 0 ? 1 : 0));
    return seg;
  }

  /** SYN, SYN-ACK, ACK (RFC 9293 §3.5). */
  private tcpHandshake(c: TcpConnection): PreFrame[] {
    c.opened = true;
    const { client, server } = c;
    const syn = encodeTcp({ src: client.ip, dst: server.ip, srcPort: client.port, dstPort: server.port, seq: c.isn[0], ack: 0, flags: TCP_SYN }, new Uint8Array(0));
    c.nextSeq[0] = seqAdd(c.isn[0], 1);
    const synAck = this.tcpSegment(c, 1, TCP_SYN | TCP_ACK, new Uint8Array(0));
    const ack = this.tcpSegment(c, 0, TCP_ACK, new Uint8Array(0));
    return [
      { ip: this.ipPackets(client, server, IPPROTO_TCP, syn)[0]!, role: 'tcp-handshake' },
      { ip: this.ipPackets(server, client, IPPROTO_TCP, synAck)[0]!, role: 'tcp-handshake' },
      { ip: this.ipPackets(client, server, IPPROTO_TCP, ack)[0]!, role: 'tcp-handshake' },
    ];
  }

  /** GET with Upgrade: websocket from the client, 101 Switching Protocols back (RFC 6455 §4). */
  private webSocketUpgrade(c: TcpConnection): PreFrame[] {
    c.webSocket = true;
    const key = webSocketKey(c.index);
    const request = this.tcpSegment(c, 0, TCP_PSH | TCP_ACK, upgradeRequest(c.server.text, key));
    const response = this.tcpSegment(c, 1, TCP_PSH | TCP_ACK, upgradeResponse(key));
    return [
      { ip: this.ipPackets(c.client, c.server, IPPROTO_TCP, request)[0]!, role: 'ws-handshake' },
      { ip: this.ipPackets(c.server, c.client, IPPROTO_TCP, response)[0]!, role: 'ws-handshake' },
    ];
  }

  /** Coalesced messages are bundled as DATA chunks in one packet; `segments` splits one message into pieces. */
  private sctpUnits(group: readonly ResolvedMessage[], all: Uint8Array, ranges: readonly [number, number][]): Unit[] {
    const first = group[0]!;
    const { association: a, direction: d } = this.connections.sctpAssociation(first.from, first.to);
    const tag = a.verificationTag[d];
    const packet = (chunks: SctpDataChunk[], start: number, end: number): Unit[] =>
      this.ipPackets(first.from, first.to, IPPROTO_SCTP, encodeSctp(first.from.port, first.to.port, tag, chunks), first.source.fragment)
        .map((ip) => ({ ip, start, end }));
    const nextTsn = (): number => {
      const tsn = a.nextTsn[d];
      a.nextTsn[d] = seqAdd(tsn, 1);
      return tsn;
    };
    if (first.source.segments && group.length > 1) throw new FlowError(`messages[${first.index}]: sctp cannot both coalesce and segment`);
    if (first.source.segments) {
      const ssn = a.nextSsn[d]++;
      const parts = pieces(all.length, first.source.segments);
      return parts.flatMap(([start, end], k) => packet(
        [{ tsn: nextTsn(), streamId: 0, streamSeq: ssn, ppid: 0, beginning: k === 0, ending: k === parts.length - 1, data: all.subarray(start, end) }],
        start,
        end,
      ));
    }
    const chunks = group.map((m, k) => ({
      tsn: nextTsn(), streamId: 0, streamSeq: a.nextSsn[d]++, ppid: 0, beginning: true, ending: true,
      data: all.subarray(ranges[k]![0], ranges[k]![1]),
    }));
    return packet(chunks, 0, all.length);
  }
}
