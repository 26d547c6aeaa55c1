/**
 * The SIP stage for one capture: transport units in, SIP messages out. Datagrams are parsed whole (SIP is
 * recognised by its start-line on any port, RFC 3261 §7.1); each stream direction gets its own
 * Content-Length framer (§18.3). Streams the network stage could not identify ("probe") are framed too,
 * but their garbage is only reported once they have shown SIP, so other TCP traffic stays quiet.
 */
import type { Endpoint, Transport } from '../shared/endpoint.ts';
import { makeIssue, type Issue } from '../shared/issue.ts';
import { bytesToLatin1 } from '../shared/bytes.ts';
import { RecentTable } from '../shared/recentTable.ts';
import { SIP_ISSUES } from './issues.ts';
import type { Timestamp } from '../shared/time.ts';
import type { TransportUnit, StreamChunk } from '../network/transportUnit.ts';
import { extractSipFacts } from './extractSipFacts.ts';
import { parseSipMessage } from './parseSipMessage.ts';
import type { SipMessage } from './sipMessage.ts';
import { SipStreamFramer, type FramerOutput } from './sipStreamFramer.ts';
import type { SipFacts } from './sipFacts.ts';

/** A message before the pipeline numbers it. */
export interface DecodedSipMessage {
  readonly frames: readonly number[];
  readonly timestamp: Timestamp;
  readonly src: Endpoint;
  readonly dst: Endpoint;
  readonly transport: Transport;
  readonly encapsulation: readonly string[];
  readonly message: SipMessage;
  readonly facts: SipFacts;
  readonly issues: Issue[];
}

export interface SipUnitOutput {
  readonly messages: DecodedSipMessage[];
  /** Datagrams that were not SIP (the pipeline classifies their frames as other traffic). */
  readonly notSip: TransportUnit[];
  /** Datagrams that look like damaged SIP: counted as malformed under this issue code, never silently as other traffic. */
  readonly damaged?: { readonly unit: TransportUnit; readonly code: string };
  readonly issues: Issue[];
}

interface StreamState {
  readonly framer: SipStreamFramer;
  /** A message was framed on this direction: its garbage is now worth reporting. */
  sawSip: boolean;
  last: StreamChunk;
}

const SIP_SLASH = [0x53, 0x49, 0x50, 0x2f];

/** "SIP/" within the first line (first 256 bytes): damaged SIP rather than another protocol. */
function namesSipInFirstLine(payload: Uint8Array): boolean {
  const end = Math.min(payload.length, 256);
  for (let i = 0; i + 4 <= end; i++) {
    const b = payload[i]!;
    if (b === 0x0a) return false;
    if (b === 0x53 && payload[i + 1] === SIP_SLASH[1] && payload[i + 2] === SIP_SLASH[2] && payload[i + 3] === SIP_SLASH[3]) return true;
  }
  return false;
}

/** Stream directions framed at once: twice the TCP reassembler's default connection table. */
export const DEFAULT_MAX_FRAMED_STREAMS = 131_072;

export class SipUnitDecoder {
  private readonly streams: RecentTable<string, StreamState>;
  /** What evicted directions still held, delivered with the next output. */
  private evicted: SipUnitOutput | undefined;

  /**
   * `probing(streamId)` tells whether a stream direction is only a guess (not recognised as SIP). Beyond
   * `maxStreams` directions the least recently used one is ended as at the end of the capture (its partial
   * message becomes a reported remainder), so long live captures stay bounded.
   */
  constructor(private readonly probing: (streamId: string) => boolean = () => false, maxStreams = DEFAULT_MAX_FRAMED_STREAMS) {
    this.streams = new RecentTable(maxStreams, (_id, state) => {
      const out = this.collect(state, state.framer.end());
      if (out.messages.length === 0 && out.issues.length === 0) return;
      this.evicted ??= { messages: [], notSip: [], issues: [] };
      this.evicted.messages.push(...out.messages);
      this.evicted.issues.push(...out.issues);
    });
  }

  accept(unit: TransportUnit): SipUnitOutput {
    const out = this.acceptUnit(unit);
    const evicted = this.evicted;
    if (evicted === undefined) return out;
    this.evicted = undefined;
    return { ...out, messages: [...evicted.messages, ...out.messages], issues: [...evicted.issues, ...out.issues] };
  }

  private acceptUnit(unit: TransportUnit): SipUnitOutput {
    if (unit.kind === 'datagram') {
      const parsed = parseSipMessage(unit.payload);
      if (parsed.kind === 'not-sip') {
        if (!namesSipInFirstLine(unit.payload)) return { messages: [], notSip: [unit], issues: [] };
        const line = bytesToLatin1(unit.payload, 0, Math.min(unit.payload.length, 120)).split(/[\r\n]/)[0]!;
        return {
          messages: [], notSip: [unit], damaged: { unit, code: 'sip.damaged_start_line' },
          issues: [makeIssue(SIP_ISSUES, 'sip.damaged_start_line', { value: line, frame: unit.frames[unit.frames.length - 1] })],
        };
      }
      return { messages: [this.decoded(unit, unit.frames, parsed.message, parsed.issues)], notSip: [], issues: [] };
    }
    let state = this.streams.get(unit.streamId);
    if (!state) {
      state = { framer: new SipStreamFramer(), sawSip: false, last: unit };
      this.streams.set(unit.streamId, state);
    }
    state.last = unit;
    return this.collect(state, state.framer.push({ data: unit.data, frame: unit.frame, gapBefore: unit.gapBefore }));
  }

  /** End of capture: what the framers still hold becomes a final message or a reported remainder. */
  flush(): SipUnitOutput {
    const messages: DecodedSipMessage[] = [];
    const issues: Issue[] = [];
    for (const state of this.streams.values()) {
      const out = this.collect(state, state.framer.end());
      messages.push(...out.messages);
      issues.push(...out.issues);
    }
    return { messages, notSip: [], issues };
  }

  private collect(state: StreamState, outputs: readonly FramerOutput[]): SipUnitOutput {
    const messages: DecodedSipMessage[] = [];
    const issues: Issue[] = [];
    const chunk = state.last;
    for (const out of outputs) {
      if (out.kind === 'discarded') {
        if (state.sawSip || !this.probing(chunk.streamId)) issues.push(...out.issues);
        continue;
      }
      const parsed = parseSipMessage(out.bytes);
      if (parsed.kind === 'not-sip') continue; // the framer only frames start-lines; defensive
      state.sawSip = true;
      messages.push(this.decoded(chunk, out.frames, parsed.message, [...out.issues, ...parsed.issues]));
    }
    return { messages, notSip: [], issues };
  }

  private decoded(unit: TransportUnit, frames: readonly number[], message: SipMessage, issues: Issue[]): DecodedSipMessage {
    const facts = extractSipFacts(message, issues);
    return {
      frames, timestamp: unit.timestamp, src: unit.src, dst: unit.dst, transport: unit.transport,
      encapsulation: unit.encapsulation, message, facts, issues,
    };
  }
}
