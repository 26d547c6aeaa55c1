/**
 * One SIP message as the pipeline delivers it: where and when it was seen, and its facts.
 * Correlation and analysis work only from this record (never from raw text), so a record can stay
 * compact and the raw bytes can be re-read from the capture on demand.
 */
import type { Endpoint, Transport } from '../shared/endpoint.ts';
import type { Issue } from '../shared/issue.ts';
import type { Timestamp } from '../shared/time.ts';
import type { SipFacts } from './sipFacts.ts';

export interface MessageRecord {
  /** 0-based position in capture order (order of completion, which is how Wireshark numbers them too). */
  readonly index: number;
  /** The frame that completed the message (Wireshark's frame.number for it). */
  readonly frame: number;
  /** Every frame that carried bytes of it (fragments, segments), ascending. */
  readonly frames: readonly number[];
  readonly timestamp: Timestamp;
  readonly src: Endpoint;
  readonly dst: Endpoint;
  readonly transport: Transport;
  readonly encapsulation: readonly string[];
  readonly facts: SipFacts;
  /** Issues found in this message (parse problems); correlation adds its own elsewhere. */
  readonly issues: readonly Issue[];
  /** The message's own bytes, kept only when the pipeline was asked to (message detail, HTML export). */
  readonly raw?: Uint8Array;
  /**
   * Where the message's bytes lie, contiguous, in the input stream — one frame, no reassembly, not inside
   * gzip — when the pipeline was asked to locate them, so they can be read again from the file.
   */
  readonly inputOffset?: number;
  /** The length of the message's bytes (set with inputOffset). */
  readonly byteLength?: number;
}
