/**
 * TCP stream reassembly (RFC 9293; modelled on gopacket's tcpassembly): segments in, in-order StreamChunks
 * out per direction, with explicit gaps instead of invented bytes. Memory is bounded: per-direction and
 * total held bytes, and a least-recently-used table of connections.
 */
import { formatEndpoint } from '../../shared/endpoint.ts';
import { makeIssue, type Issue } from '../../shared/issue.ts';
import { RecentTable } from '../../shared/recentTable.ts';
import type { TcpSegment } from '../packetResult.ts';
import { streamIssues } from '../streamIssues.ts';
import type { StreamChunk } from '../transportUnit.ts';
import { TcpDirection } from './tcpDirection.ts';
import { tcpStreamId } from './tcpStreamId.ts';

const FIN = 0x01;
const SYN = 0x02;
const RST = 0x04;

export interface TcpReassemblerOptions {
  /** Out-of-order bytes one direction may hold before its first hole is skipped. Default 4 MiB. */
  readonly maxBufferedBytesPerStream?: number;
  /** Out-of-order bytes all directions together may hold. Default 64 MiB. */
  readonly maxBufferedBytesTotal?: number;
  /** Connections (each with up to two directions) tracked at once; the least recently used is evicted. Default 65536. */
  readonly maxStreams?: number;
  /**
   * A FIN that leaves a hole waits this many further segments (of any connection) for a reordered
   * segment to fill it before the hole is skipped. Default 16.
   */
  readonly finHoleGraceSegments?: number;
}

export interface ReassemblyOutput {
  readonly chunks: StreamChunk[];
  readonly issues: Issue[];
}

interface Connection {
  readonly key: string;
  generation: number;
  /** [0] flows from the lexically smaller endpoint text, [1] the other way. */
  readonly directions: [TcpDirection | undefined, TcpDirection | undefined];
}

/** A direction whose FIN left a hole, waiting out its grace period. */
interface PendingClose {
  readonly direction: TcpDirection;
  remainingSegments: number;
}

/** Data this far from the expected offset on a finished direction means the 4-tuple was reused unseen. */
const REUSE_DISTANCE_BYTES = 1 << 20;

export class TcpReassembler {
  private readonly maxPerStream: number;
  private readonly maxTotal: number;
  private readonly maxConnections: number;
  private readonly finGrace: number;
  /** Least recently used first; an evicted connection delivers what it held into the current output. */
  private readonly connections: RecentTable<string, Connection>;
  /** The output of the segment being accepted (where evictions deliver). */
  private outChunks: StreamChunk[] = [];
  private outIssues: Issue[] = [];
  /** Last generation of evicted connections, so a returning 4-tuple still gets a fresh id. */
  private readonly retiredGenerations = new Map<string, number>();
  private totalHeld = 0;
  private pendingCloses: PendingClose[] = [];

  constructor(options: TcpReassemblerOptions = {}) {
    this.maxPerStream = options.maxBufferedBytesPerStream ?? 4 * 1024 * 1024;
    this.maxTotal = options.maxBufferedBytesTotal ?? 64 * 1024 * 1024;
    this.maxConnections = Math.max(1, options.maxStreams ?? 65536);
    this.connections = new RecentTable(this.maxConnections, (_key, connection) => this.retire(connection));
    this.finGrace = options.finHoleGraceSegments ?? 16;
  }

  accept(segment: TcpSegment): ReassemblyOutput {
    const chunks: StreamChunk[] = [];
    const issues: Issue[] = [];
    if (this.pendingCloses.length > 0) this.agePendingCloses(chunks, issues);
    const flags = segment.flags;
    const hasPayload = segment.payload.length > 0;
    if (!hasPayload && (flags & (SYN | FIN | RST)) === 0) return { chunks, issues }; // pure ACK

    const srcText = formatEndpoint(segment.src);
    const dstText = formatEndpoint(segment.dst);
    const forward = srcText <= dstText;
    const key = forward ? `${srcText} ${dstText}` : `${dstText} ${srcText}`;
    const index = forward ? 0 : 1;
    let connection = this.connections.get(key);
    if (connection === undefined) {
      if (!hasPayload && (flags & SYN) === 0) return { chunks, issues }; // FIN/RST of an unknown connection
      this.outChunks = chunks;
      this.outIssues = issues;
      connection = this.create(key);
    }

    let direction = connection.directions[index];
    if ((flags & SYN) !== 0) {
      if (direction !== undefined && isReusedBySyn(direction, segment.sequenceNumber)) {
        this.startNextGeneration(connection, chunks, issues);
        direction = undefined;
      } else if (direction === undefined && connection.directions[1 - index]?.finished === true) {
        this.startNextGeneration(connection, chunks, issues);
      }
    } else if (
      direction !== undefined && direction.finished && hasPayload && direction.anchored &&
      Math.abs(direction.offsetOf(segment.sequenceNumber) - direction.nextExpectedOffset) > REUSE_DISTANCE_BYTES
    ) {
      this.startNextGeneration(connection, chunks, issues);
      direction = undefined;
    }
    if (direction === undefined) {
      const id = tcpStreamId(srcText, dstText, connection.generation);
      direction = new TcpDirection(id, segment.src, segment.dst, segment.encapsulation);
      connection.directions[index] = direction;
    }

    let dataSequence = segment.sequenceNumber;
    if ((flags & SYN) !== 0) {
      if (!direction.anchored) direction.onSyn(segment.sequenceNumber);
      dataSequence = (segment.sequenceNumber + 1) >>> 0; // SYN occupies one sequence number (TFO data follows)
    }
    if (hasPayload) {
      const heldBefore = direction.heldBytes;
      direction.addData({ sequenceNumber: dataSequence, payload: segment.payload, frame: segment.frame, timestamp: segment.timestamp }, chunks, issues);
      direction.enforceLimit(this.maxPerStream, chunks, issues);
      this.totalHeld += direction.heldBytes - heldBefore;
      if (this.totalHeld > this.maxTotal) this.relieveTotal(direction, chunks, issues);
    }
    if ((flags & RST) !== 0) {
      // No more data will come on either side: skip what is missing now.
      for (const side of connection.directions) {
        if (side === undefined) continue;
        side.finished = true;
        this.flushDirection(side, chunks, issues);
      }
    } else if ((flags & FIN) !== 0) {
      direction.finished = true;
      if (direction.holding) this.pendingCloses.push({ direction, remainingSegments: this.finGrace });
    }
    return { chunks, issues };
  }

  /** Delivers everything still held, skipping every hole (end of capture). Streams stay known. */
  flush(): ReassemblyOutput {
    const chunks: StreamChunk[] = [];
    const issues: Issue[] = [];
    for (const connection of this.connections.values()) {
      for (const direction of connection.directions) {
        if (direction !== undefined) this.flushDirection(direction, chunks, issues);
      }
    }
    this.pendingCloses = [];
    return { chunks, issues };
  }

  private flushDirection(direction: TcpDirection, chunks: StreamChunk[], issues: Issue[]): void {
    const before = direction.heldBytes;
    direction.flushHeld(chunks, issues);
    this.totalHeld += direction.heldBytes - before;
  }

  private create(key: string): Connection {
    const generation = (this.retiredGenerations.get(key) ?? 0) + 1;
    this.retiredGenerations.delete(key);
    const connection: Connection = { key, generation, directions: [undefined, undefined] };
    this.connections.set(key, connection);
    return connection;
  }

  /** The least recently used connection leaves the table: what it held is delivered, its generation remembered. */
  private retire(oldest: Connection): void {
    const chunks = this.outChunks;
    const issues = this.outIssues;
    let active = false;
    for (const direction of oldest.directions) {
      if (direction === undefined) continue;
      if (!direction.finished) active = true;
      this.flushDirection(direction, chunks, issues);
    }
    if (active) issues.push(makeIssue(streamIssues, 'tcp.stream_evicted', { value: oldest.key.replace(' ', ' <> ') }));
    this.pendingCloses = this.pendingCloses.filter((p) => !oldest.directions.includes(p.direction));
    this.retiredGenerations.set(oldest.key, oldest.generation);
    if (this.retiredGenerations.size > this.maxConnections * 4) {
      const first = this.retiredGenerations.keys().next().value as string;
      this.retiredGenerations.delete(first);
    }
  }

  /** The 4-tuple is reused: finish the old incarnation (delivering what it held) and forget it. */
  private startNextGeneration(connection: Connection, chunks: StreamChunk[], issues: Issue[]): void {
    for (let i = 0; i < 2; i++) {
      const direction = connection.directions[i];
      if (direction === undefined) continue;
      this.flushDirection(direction, chunks, issues);
      this.pendingCloses = this.pendingCloses.filter((p) => p.direction !== direction);
      connection.directions[i] = undefined;
    }
    connection.generation++;
  }

  private agePendingCloses(chunks: StreamChunk[], issues: Issue[]): void {
    const still: PendingClose[] = [];
    for (const pending of this.pendingCloses) {
      if (!pending.direction.holding) continue;
      pending.remainingSegments--;
      if (pending.remainingSegments > 0) still.push(pending);
      else this.flushDirection(pending.direction, chunks, issues);
    }
    this.pendingCloses = still;
  }

  /** Too many bytes held overall: skip holes of the direction that just grew (it pushed the total over). */
  private relieveTotal(direction: TcpDirection, chunks: StreamChunk[], issues: Issue[]): void {
    while (this.totalHeld > this.maxTotal && direction.holding) {
      const before = direction.heldBytes;
      direction.skipHole(chunks, issues);
      this.totalHeld += direction.heldBytes - before;
    }
  }
}

/**
 * A SYN on a direction that already carried a connection starts a new incarnation: the old one finished,
 * had another ISN, or carried data without any SYN. A repeated SYN with the same ISN is a retransmission;
 * a SYN numbered just before data that came first is recorded as that stream's ISN.
 */
function isReusedBySyn(direction: TcpDirection, sequenceNumber: number): boolean {
  if (direction.finished) return true;
  if (direction.initialSequence !== undefined) return direction.initialSequence !== sequenceNumber;
  // Data came first (reordered capture); a SYN numbered just before that data is this stream's own.
  if (direction.hasData && direction.offsetOf((sequenceNumber + 1) >>> 0) === 0) {
    direction.initialSequence = sequenceNumber;
    return false;
  }
  return direction.hasData;
}
