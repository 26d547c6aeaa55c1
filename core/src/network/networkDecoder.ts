/**
 * The network stage for one capture: frame → transport units for the SIP stage, with what became of the
 * frame. Wires PacketDecoder (link → IP → UDP/TCP/SCTP), TcpReassembler, the per-connection stream router
 * (SIP, WebSocket, HEP over TCP, TLS, …) and HEP over UDP. Stateful: feed frames in capture order.
 */
import type { Frame } from '../capture/frame.ts';
import type { Issue } from '../shared/issue.ts';
import { decodeHep, looksLikeHep } from './hep/decodeHep.ts';
import { PacketDecoder } from './packetDecoder.ts';
import type { PacketResult } from './packetResult.ts';
import { StreamRouter, type StreamRoute } from './streamRouter.ts';
import { TcpReassembler } from './tcp/tcpReassembler.ts';
import type { DatagramUnit, TransportUnit } from './transportUnit.ts';

/** What became of a frame at the network stage (the pipeline upgrades 'payload'/'stream' to 'sip' when a message completes). */
export type FrameDisposition =
  /** Its payload went on as a datagram unit for the SIP stage to judge. */
  | { readonly kind: 'payload' }
  /** A TCP segment (data or control) of a stream that is, or may become, SIP/WebSocket/HEP. */
  | { readonly kind: 'stream' }
  | { readonly kind: 'fragment' }
  | { readonly kind: 'other'; readonly protocol: string }
  | { readonly kind: 'malformed'; readonly code: string }
  | { readonly kind: 'truncated' };

export interface NetworkOutput {
  readonly units: TransportUnit[];
  readonly disposition: FrameDisposition;
  readonly issues: Issue[];
}

export interface NetworkDecoderOptions {
  readonly fragmentTimeoutMs?: number;
  readonly maxFragmentBytes?: number;
  readonly maxTcpBufferedBytesPerStream?: number;
}

const PAYLOAD: FrameDisposition = { kind: 'payload' };
const STREAM: FrameDisposition = { kind: 'stream' };
const FRAGMENT: FrameDisposition = { kind: 'fragment' };
const TRUNCATED: FrameDisposition = { kind: 'truncated' };

export class NetworkDecoder {
  private readonly packets: PacketDecoder;
  private readonly tcp: TcpReassembler;
  private readonly streams = new StreamRouter();

  constructor(options: NetworkDecoderOptions = {}) {
    this.packets = new PacketDecoder({ fragmentTimeoutMs: options.fragmentTimeoutMs, maxFragmentBytes: options.maxFragmentBytes });
    this.tcp = new TcpReassembler({ maxBufferedBytesPerStream: options.maxTcpBufferedBytesPerStream });
  }

  decode(frame: Frame): NetworkOutput {
    const { result, issues } = this.packets.decode(frame);
    return this.route(frame, result, issues);
  }

  /** How a TCP direction is being read ('probe': not recognised, framed as possible SIP). */
  routeOf(streamId: string): StreamRoute | undefined {
    return this.streams.routeOf(streamId);
  }

  /** End of capture: pending fragments are reported, buffered TCP data delivered after its holes. */
  flush(): { units: TransportUnit[]; issues: Issue[] } {
    const issues = this.packets.flush();
    const units: TransportUnit[] = [];
    const tail = this.tcp.flush();
    issues.push(...tail.issues);
    for (const chunk of tail.chunks) {
      const routed = this.streams.push(chunk);
      units.push(...routed.units);
      issues.push(...routed.issues);
    }
    const ended = this.streams.flush();
    units.push(...ended.units);
    issues.push(...ended.issues);
    return { units, issues };
  }

  private route(frame: Frame, result: PacketResult, issues: Issue[]): NetworkOutput {
    switch (result.kind) {
      case 'udp': {
        const context = { frames: result.frames, timestamp: frame.timestamp, encapsulation: result.encapsulation };
        if (looksLikeHep(result.payload)) {
          const hep = decodeHep(result.payload, context);
          issues.push(...hep.issues);
          if (hep.unit) return { units: [hep.unit], disposition: PAYLOAD, issues };
          return { units: [], disposition: { kind: 'other', protocol: hep.other ?? 'hep' }, issues };
        }
        const unit: DatagramUnit = {
          kind: 'datagram', transport: 'udp', src: result.src, dst: result.dst,
          timestamp: frame.timestamp, frames: result.frames, payload: result.payload, encapsulation: result.encapsulation,
        };
        return { units: [unit], disposition: PAYLOAD, issues };
      }
      case 'sctp': {
        const units: DatagramUnit[] = result.messages.map((m) => ({
          kind: 'datagram', transport: 'sctp', src: result.src, dst: result.dst, timestamp: frame.timestamp,
          frames: m.frames, payload: m.payload, encapsulation: result.encapsulation,
        }));
        return { units, disposition: units.length ? PAYLOAD : { kind: 'other', protocol: 'sctp-control' }, issues };
      }
      case 'tcp': {
        const reassembled = this.tcp.accept(result.segment);
        issues.push(...reassembled.issues);
        const units: TransportUnit[] = [];
        let disposition: FrameDisposition = STREAM;
        for (const chunk of reassembled.chunks) {
          const routed = this.streams.push(chunk);
          units.push(...routed.units);
          issues.push(...routed.issues);
          if (chunk.frame === frame.number && routed.otherProtocol) disposition = { kind: 'other', protocol: routed.otherProtocol };
        }
        return { units, disposition, issues };
      }
      case 'fragment': return { units: [], disposition: FRAGMENT, issues };
      case 'other': return { units: [], disposition: { kind: 'other', protocol: result.protocol }, issues };
      case 'malformed': return { units: [], disposition: { kind: 'malformed', code: result.code }, issues };
      case 'truncated': return { units: [], disposition: TRUNCATED, issues };
    }
  }
}
