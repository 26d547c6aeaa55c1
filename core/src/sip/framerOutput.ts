/** What SipStreamFramer takes (in-order stream bytes with explicit gaps) and gives (messages, skipped bytes). */
import type { Issue } from '../shared/issue.ts';

export interface StreamChunkInput {
  readonly data: Uint8Array;
  readonly frame: number;
  /** Bytes missing right before `data`. */
  readonly gapBefore: number;
}

export interface FramedMessage {
  readonly kind: 'message';
  /** The message bytes (start line to end of body). */
  readonly bytes: Uint8Array;
  /** Every frame that carried bytes of it, ascending. */
  readonly frames: readonly number[];
  /** Framing problems (e.g. sip.stream_missing_content_length); parse problems come from parseSipMessage. */
  readonly issues: Issue[];
}

export interface DiscardedBytes {
  readonly kind: 'discarded';
  readonly bytes: Uint8Array;
  readonly frames: readonly number[];
  /** Why: sip.stream_gap, sip.stream_garbage, sip.stream_resync, sip.stream_header_too_long, … (one issue). */
  readonly issues: Issue[];
}

export type FramerOutput = FramedMessage | DiscardedBytes;
