/** One captured record, as every later stage sees it. Numbers follow Wireshark (first frame is 1). */
import type { Issue } from '../shared/issue.ts';
import type { Timestamp } from '../shared/time.ts';

export interface Frame {
  /** 1-based, in file order across all sections and interfaces. */
  readonly number: number;
  readonly timestamp: Timestamp;
  /** Fractional digits this frame's interface really records (6 for µs, 9 for ns, …). */
  readonly timePrecisionDigits: number;
  /** LINKTYPE_* value (https://www.tcpdump.org/linktypes.html), FCS bits already removed. */
  readonly linkType: number;
  /** The captured bytes. A view that stays valid: readers never reuse its buffer. */
  readonly data: Uint8Array;
  readonly capturedLength: number;
  readonly originalLength: number;
  /** pcapng interface id (0 for classic pcap); with several sections, made unique across the file. */
  readonly interfaceId: number;
  /** Byte offset of the record's header in the (decompressed) input stream. */
  readonly fileOffset: number;
  /** Byte offset of `data` in the same stream (so a message can be read again from the file later). */
  readonly dataOffset: number;
  /** Bytes of FCS at the end of `data` (from the pcap FCS bits or pcapng if_fcslen); usually 0. */
  readonly fcsLength: number;
}

/** What the reader knows about an interface (pcapng IDB; one synthetic entry for classic pcap). */
export interface CaptureInterface {
  readonly id: number;
  readonly linkType: number;
  readonly snapLength: number;
  readonly name?: string;
  readonly description?: string;
  readonly timePrecisionDigits: number;
}

export type CaptureFormat = 'pcap' | 'pcapng' | 'gzip' | 'sip-text' | 'unknown';

/** Frames in file order, with the issues found while reading them. */
export interface FrameBatch {
  readonly frames: Frame[];
  readonly issues: Issue[];
}

/** A chunked byte input: a Web stream, or any (async) iterable of chunks of any size. */
export type ByteSource =
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array>
  | Iterable<Uint8Array>;
