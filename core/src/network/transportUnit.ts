/**
 * What the network stage hands to the SIP stage: payload bytes with the addresses that carried them.
 * Datagrams (UDP, SCTP DATA, a WebSocket message, a HEP payload) hold whole messages; stream chunks
 * (TCP) are in-order bytes of one direction with explicit gaps, never invented bytes.
 */
import type { Endpoint, Transport } from '../shared/endpoint.ts';
import type { Timestamp } from '../shared/time.ts';

export interface DatagramUnit {
  readonly kind: 'datagram';
  readonly transport: Transport;
  readonly src: Endpoint;
  readonly dst: Endpoint;
  /** Frame time, or the original time HEP carried. */
  readonly timestamp: Timestamp;
  /** Every frame that carried bytes of this datagram (IP fragments, WS continuation frames, …), ascending. */
  readonly frames: readonly number[];
  readonly payload: Uint8Array;
  /** How it was wrapped on the wire, outermost first, e.g. ['gre', 'pppoe'] or ['hep3']. Empty when plain. */
  readonly encapsulation: readonly string[];
}

export interface StreamChunk {
  readonly kind: 'stream';
  readonly transport: Transport;
  /** One direction of one connection: stable for the capture, e.g. "tcp:10.0.0.1:5060>10.0.0.2:40000". */
  readonly streamId: string;
  readonly src: Endpoint;
  readonly dst: Endpoint;
  readonly timestamp: Timestamp;
  /** The frame whose segment carried these bytes (with out-of-order delivery, not always the current one). */
  readonly frame: number;
  /** Bytes missing right before `data` (a lost or uncaptured segment); 0 when contiguous. */
  readonly gapBefore: number;
  readonly data: Uint8Array;
  readonly encapsulation: readonly string[];
}

export type TransportUnit = DatagramUnit | StreamChunk;
