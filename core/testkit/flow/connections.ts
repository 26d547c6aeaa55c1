/**
 * Connection state the scheduler keeps between messages: TCP sequence numbers per direction
 * (RFC 9293 §3.4) with deterministic ISNs, whether a WebSocket upgrade happened, and SCTP TSN/SSN
 * counters and verification tags per association (RFC 9260 §6).
 */
import type { NodeAddress } from './address.ts';

export interface TcpConnection {
  readonly index: number;
  readonly client: NodeAddress;
  readonly server: NodeAddress;
  /** Next sequence number to send, [client→server, server→client]. */
  readonly nextSeq: [number, number];
  readonly isn: [number, number];
  opened: boolean;
  webSocket: boolean;
}

export interface SctpAssociation {
  readonly index: number;
  readonly initiator: NodeAddress;
  /** [initiator→peer, peer→initiator] */
  readonly nextTsn: [number, number];
  readonly nextSsn: [number, number];
  readonly verificationTag: [number, number];
}

const key = (a: NodeAddress, b: NodeAddress): string => {
  const x = `${a.text}`;
  const y = `${b.text}`;
  return x < y ? `${x}|${y}` : `${y}|${x}`;
};

const sameEndpoint = (a: NodeAddress, b: NodeAddress): boolean => a.text === b.text;

/** Deterministic 32-bit values that look random enough to read as ISNs and tags. */
function mix(n: number, salt: number): number {
  return Math.imul(n + 1, salt) >>> 0;
}

export class ConnectionTable {
  private readonly tcp = new Map<string, TcpConnection>();
  private readonly sctp = new Map<string, SctpAssociation>();

  /** The TCP connection between two endpoints, created (not yet opened) with `from` as client. */
  tcpConnection(from: NodeAddress, to: NodeAddress): { connection: TcpConnection; direction: 0 | 1 } {
    const k = key(from, to);
    let connection = this.tcp.get(k);
    if (!connection) {
      const index = this.tcp.size;
      const isn: [number, number] = [mix(index, 0x3c6ef35f), mix(index, 0x5bd1e995)];
      connection = { index, client: from, server: to, isn, nextSeq: [isn[0], isn[1]], opened: false, webSocket: false };
      this.tcp.set(k, connection);
    }
    return { connection, direction: sameEndpoint(connection.client, from) ? 0 : 1 };
  }

  sctpAssociation(from: NodeAddress, to: NodeAddress): { association: SctpAssociation; direction: 0 | 1 } {
    const k = key(from, to);
    let association = this.sctp.get(k);
    if (!association) {
      const index = this.sctp.size;
      association = {
        index,
        initiator: from,
        nextTsn: [mix(index, 0x27d4eb2d), mix(index, 0x165667b1)],
        nextSsn: [0, 0],
        verificationTag: [mix(index, 0x85ebca6b) | 1, mix(index, 0xc2b2ae35) | 1],
      };
      this.sctp.set(k, association);
    }
    return { association, direction: sameEndpoint(association.initiator, from) ? 0 : 1 };
  }
}

/** seq + n modulo 2^32. */
export const seqAdd = (seq: number, n: number): number => (seq + n) >>> 0;
