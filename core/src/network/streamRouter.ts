/**
 * Decides, per TCP connection, what its byte streams carry and sends each in-order chunk on:
 * SIP (to the SIP stage's framer, as is), WebSocket (both directions into one WebSocketStream → SIP
 * messages), HEP over TCP, or nothing (TLS, other HTTP). Chunks are held until their direction's first
 * bytes decide; a direction that never decides (captured mid-message) is treated as possible SIP, since the
 * framer resynchronises on the next start-line.
 */
import type { Issue } from '../shared/issue.ts';
import { RecentTable } from '../shared/recentTable.ts';
import { HepStream } from './hep/hepStream.ts';
import { StreamClassifier, type StreamKind } from './tcp/streamClassifier.ts';
import { pairedStreamId } from './tcp/tcpStreamId.ts';
import type { StreamChunk, TransportUnit } from './transportUnit.ts';
import { WebSocketStream } from './websocket/webSocketStream.ts';

/** Where a direction's bytes go once decided. */
export type StreamRoute = 'sip' | 'probe' | 'websocket' | 'hep' | 'tls' | 'http';

interface DirectionState {
  readonly classifier: StreamClassifier;
  route: StreamRoute | undefined;
  pending: StreamChunk[];
}

export interface RoutedChunk {
  readonly units: TransportUnit[];
  readonly issues: Issue[];
  /** Set when the chunk's bytes belong to a stream that carries no SIP (e.g. 'tls', 'http'). */
  readonly otherProtocol?: string;
}

/** Directions (and WebSocket/HEP streams) routed at once: twice the TCP reassembler's default connection table. */
export const DEFAULT_MAX_ROUTED_STREAMS = 131_072;

export class StreamRouter {
  private readonly directions: RecentTable<string, DirectionState>;
  private readonly webSockets: RecentTable<string, WebSocketStream>;
  private readonly hepStreams: RecentTable<string, HepStream>;
  /** What evicted streams still held, delivered with the next routed chunk. */
  private evictedUnits: TransportUnit[] = [];
  private evictedIssues: Issue[] = [];

  /**
   * Beyond `maxStreams` entries per table the least recently used stream is ended as at the end of the
   * capture (undecided bytes go on as possible SIP, WebSocket/HEP streams are finished), so a live capture with
   * many short connections stays bounded.
   */
  constructor(maxStreams = DEFAULT_MAX_ROUTED_STREAMS) {
    const keep = (out: { units: readonly TransportUnit[]; issues: readonly Issue[] }): void => {
      this.evictedUnits.push(...out.units);
      this.evictedIssues.push(...out.issues);
    };
    this.directions = new RecentTable(maxStreams, (_id, state) => {
      if (state.route === undefined && state.pending.length > 0) keep(this.emitAll(state.pending, 'probe'));
    });
    this.webSockets = new RecentTable(maxStreams, (_id, stream) => keep(stream.finish()));
    this.hepStreams = new RecentTable(maxStreams, (_id, stream) => keep(stream.finish()));
  }

  push(chunk: StreamChunk): RoutedChunk {
    const out = this.route(chunk);
    if (this.evictedUnits.length === 0 && this.evictedIssues.length === 0) return out;
    const units = [...this.evictedUnits, ...out.units];
    const issues = [...this.evictedIssues, ...out.issues];
    this.evictedUnits = [];
    this.evictedIssues = [];
    return { ...out, units, issues };
  }

  private route(chunk: StreamChunk): RoutedChunk {
    const state = this.state(chunk.streamId);
    if (state.route === undefined) {
      const kind = state.classifier.push(chunk.data);
      if (kind === undefined) {
        state.pending.push(chunk);
        return { units: [], issues: [] };
      }
      state.route = this.routeFor(chunk.streamId, kind);
      const held = state.pending;
      state.pending = [];
      const out = this.emitAll([...held, chunk], state.route);
      return out;
    }
    return this.emitAll([chunk], state.route);
  }

  /** The route of a direction, 'probe' meaning "not recognised, may still turn out to be SIP". */
  routeOf(streamId: string): StreamRoute | undefined {
    return this.directions.peek(streamId)?.route;
  }

  /** End of capture: directions still undecided go to the SIP framer as possible SIP. */
  flush(): { units: TransportUnit[]; issues: Issue[] } {
    const units: TransportUnit[] = [];
    const issues: Issue[] = [];
    for (const state of this.directions.values()) {
      if (state.route !== undefined || state.pending.length === 0) continue;
      state.route = 'probe';
      const out = this.emitAll(state.pending, 'probe');
      state.pending = [];
      units.push(...out.units);
      issues.push(...out.issues);
    }
    for (const stream of [...this.webSockets.values(), ...this.hepStreams.values()]) {
      const out = stream.finish();
      units.push(...out.units);
      issues.push(...out.issues);
    }
    return { units, issues };
  }

  private state(streamId: string): DirectionState {
    let state = this.directions.get(streamId);
    if (!state) {
      state = { classifier: new StreamClassifier(), route: undefined, pending: [] };
      this.directions.set(streamId, state);
    }
    return state;
  }

  private routeFor(streamId: string, kind: StreamKind): StreamRoute {
    switch (kind) {
      case 'sip': return 'sip';
      case 'websocket-handshake': return 'websocket';
      case 'hep': return 'hep';
      case 'tls': return 'tls';
      case 'http': {
        // The server half of a WebSocket connection starts with "HTTP/1.1 101".
        const paired = pairedStreamId(streamId);
        return paired && this.directions.peek(paired)?.route === 'websocket' ? 'websocket' : 'http';
      }
      case 'unknown': return 'probe';
    }
  }

  private emitAll(chunks: readonly StreamChunk[], route: StreamRoute): RoutedChunk {
    switch (route) {
      case 'sip':
      case 'probe':
        return { units: [...chunks], issues: [] };
      case 'tls':
      case 'http':
        return { units: [], issues: [], otherProtocol: route };
      case 'websocket': {
        const units: TransportUnit[] = [];
        const issues: Issue[] = [];
        for (const chunk of chunks) {
          const ws = this.connectionStream(this.webSockets, chunk.streamId, () => new WebSocketStream());
          const out = ws.push(chunk);
          units.push(...out.units);
          issues.push(...out.issues);
        }
        return { units, issues };
      }
      case 'hep': {
        const units: TransportUnit[] = [];
        const issues: Issue[] = [];
        for (const chunk of chunks) {
          let hep = this.hepStreams.get(chunk.streamId);
          if (!hep) this.hepStreams.set(chunk.streamId, (hep = new HepStream()));
          const out = hep.push(chunk);
          units.push(...out.units);
          issues.push(...out.issues);
        }
        return { units, issues };
      }
    }
  }

  /** One object per connection, shared by both directions. */
  private connectionStream<T>(map: RecentTable<string, T>, streamId: string, make: () => T): T {
    const paired = pairedStreamId(streamId) ?? streamId;
    const key = streamId < paired ? streamId : paired;
    let value = map.get(key);
    if (value === undefined) map.set(key, (value = make()));
    return value;
  }
}
