/**
 * A MessageRecord that, once correlation has read it, keeps only the scalar SipFacts (method, status, CSeq,
 * Call-ID, lengths…: what analysis passes read of every message) and derives the structured ones (Via stack,
 * name-addrs, SDP, Reason…) again from the message's own bytes when asked for. Parsing is deterministic: same
 * bytes, same facts. The bytes are read again from the input file when they lie there as they are (InputBytes,
 * a datagram in one frame) and kept in memory otherwise (reassembled, decompressed, standard input). A whole
 * capture then costs a small object per message, instead of full fact objects (several KB each).
 */
import { detachOptional, internToken } from '../correlate/detachString.ts';
import type { Endpoint, Transport } from '../shared/endpoint.ts';
import type { Issue } from '../shared/issue.ts';
import type { Timestamp } from '../shared/time.ts';
import { extractSipFacts } from '../sip/extractSipFacts.ts';
import type { MessageRecord } from '../sip/messageRecord.ts';
import { parseSipMessage } from '../sip/parseSipMessage.ts';
import type { NameAddrFacts, SdpFacts, SipFacts, ViaFacts } from '../sip/sipFacts.ts';

const NONE: readonly never[] = Object.freeze([]);

/** Random access to the input stream (a file): the bytes at `offset`, or undefined when they cannot be read. */
export interface InputBytes {
  read(offset: number, length: number): Uint8Array | undefined;
}

/** Facts derived again, most recent last; bounded so a pass over many records does not hold them all. */
export class FactsCache {
  private readonly entries = new Map<CompactRecord, SipFacts>();
  /** How many times facts were derived again (for the benchmark and tests). */
  reparsed = 0;

  constructor(private readonly capacity = 4096) {}

  factsOf(record: CompactRecord): SipFacts {
    const hit = this.entries.get(record);
    if (hit !== undefined) return hit;
    this.reparsed++;
    const raw = record.raw;
    const parsed = raw === undefined ? undefined : parseSipMessage(raw);
    // The bytes parsed as SIP once and parse the same way again; only a file changed under us lands here.
    const facts: SipFacts = parsed === undefined || parsed.kind === 'not-sip'
      ? { kind: 'request', vias: NONE, contacts: NONE, recordRoutes: NONE, routes: NONE, reasons: NONE, bodyLength: 0 }
      : extractSipFacts(parsed.message);
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(record, facts);
    return facts;
  }
}

/** The scalar facts kept, the structured ones derived again on demand. */
class LightFacts implements SipFacts {
  readonly kind: 'request' | 'response';
  declare readonly method?: string;
  declare readonly requestUri?: string;
  declare readonly statusCode?: number;
  declare readonly reasonPhrase?: string;
  declare readonly callId?: string;
  declare readonly cseqNumber?: number;
  declare readonly cseqMethod?: string;
  declare readonly maxForwards?: number;
  declare readonly expires?: number;
  declare readonly minExpires?: number;
  declare readonly contentType?: string;
  declare readonly contentLength?: number;
  readonly bodyLength: number;
  declare readonly userAgent?: string;
  declare readonly server?: string;
  private readonly hasSdp: boolean;
  private readonly hasReasons: boolean;

  constructor(full: SipFacts, private readonly record: CompactRecord, private readonly cache: FactsCache) {
    // Optional fields stay absent when undefined, as extractSipFacts leaves them (`'x' in facts` stays false).
    const self = this as { -readonly [K in keyof SipFacts]?: SipFacts[K] };
    this.kind = full.kind;
    this.bodyLength = full.bodyLength;
    if (full.method !== undefined) self.method = internToken(full.method);
    if (full.requestUri !== undefined) self.requestUri = detachOptional(full.requestUri);
    if (full.statusCode !== undefined) self.statusCode = full.statusCode;
    if (full.reasonPhrase !== undefined) self.reasonPhrase = internToken(full.reasonPhrase);
    if (full.callId !== undefined) self.callId = detachOptional(full.callId);
    if (full.cseqNumber !== undefined) self.cseqNumber = full.cseqNumber;
    if (full.cseqMethod !== undefined) self.cseqMethod = internToken(full.cseqMethod);
    if (full.maxForwards !== undefined) self.maxForwards = full.maxForwards;
    if (full.expires !== undefined) self.expires = full.expires;
    if (full.minExpires !== undefined) self.minExpires = full.minExpires;
    if (full.contentType !== undefined) self.contentType = internToken(full.contentType);
    if (full.contentLength !== undefined) self.contentLength = full.contentLength;
    if (full.userAgent !== undefined) self.userAgent = internToken(full.userAgent);
    if (full.server !== undefined) self.server = internToken(full.server);
    this.hasSdp = full.sdp !== undefined;
    this.hasReasons = full.reasons.length > 0;
  }

  private get full(): SipFacts {
    return this.cache.factsOf(this.record);
  }

  get vias(): readonly ViaFacts[] { return this.full.vias; }
  get from(): NameAddrFacts | undefined { return this.full.from; }
  get to(): NameAddrFacts | undefined { return this.full.to; }
  get contacts(): readonly NameAddrFacts[] { return this.full.contacts; }
  get recordRoutes(): readonly NameAddrFacts[] { return this.full.recordRoutes; }
  get routes(): readonly NameAddrFacts[] { return this.full.routes; }
  get reasons(): readonly string[] { return this.hasReasons ? this.full.reasons : NONE; }
  get sdp(): SdpFacts | undefined { return this.hasSdp ? this.full.sdp : undefined; }
  get extraHeaders(): SipFacts['extraHeaders'] { return this.full.extraHeaders; }
}

export class CompactRecord implements MessageRecord {
  readonly index: number;
  readonly frame: number;
  readonly frames: readonly number[];
  readonly timestamp: Timestamp;
  readonly src: Endpoint;
  readonly dst: Endpoint;
  readonly transport: Transport;
  readonly encapsulation: readonly string[];
  readonly issues: readonly Issue[];
  declare readonly inputOffset?: number;
  declare readonly byteLength?: number;
  private readonly kept: Uint8Array | undefined;
  private readonly input: InputBytes | undefined;
  private current: SipFacts;

  /** Either `record.raw` is set, or `record.inputOffset`/`byteLength` with the `input` to read them from. */
  constructor(record: MessageRecord, input: InputBytes | undefined, private readonly cache: FactsCache) {
    this.index = record.index;
    this.frame = record.frame;
    this.frames = record.frames;
    this.timestamp = record.timestamp;
    this.src = record.src;
    this.dst = record.dst;
    this.transport = record.transport;
    this.encapsulation = record.encapsulation;
    this.issues = record.issues.length === 0 ? NONE : record.issues;
    this.kept = record.raw;
    this.input = record.raw === undefined ? input : undefined;
    if (this.input !== undefined && record.inputOffset !== undefined) {
      (this as { inputOffset?: number }).inputOffset = record.inputOffset;
      (this as { byteLength?: number }).byteLength = record.byteLength;
    }
    this.current = record.facts;
  }

  /** The message's bytes: kept, or read again from the input. */
  get raw(): Uint8Array | undefined {
    if (this.kept !== undefined) return this.kept;
    if (this.input === undefined || this.inputOffset === undefined) return undefined;
    return this.input.read(this.inputOffset, this.byteLength ?? 0);
  }

  get facts(): SipFacts {
    return this.current;
  }

  /** Keeps the scalar facts only; the structured ones are derived again from `raw` when read. */
  release(): void {
    if (!(this.current instanceof LightFacts)) this.current = new LightFacts(this.current, this, this.cache);
  }
}

/** Records this far behind the newest have been correlated (the correlator holds back only equal-timestamp ties). */
export const DEFAULT_RELEASE_LAG = 2048;

/**
 * Wraps records as CompactRecords as they come and lets their structured facts go `lag` records later, once
 * correlation has read them. Records whose bytes can be had neither from memory nor from `input` stay as they are.
 */
export class RecordCompactor {
  private readonly cache = new FactsCache();
  private readonly waiting: CompactRecord[] = [];
  private head = 0;

  constructor(private readonly lag = DEFAULT_RELEASE_LAG, private readonly input?: InputBytes) {}

  /** How many times facts were derived again from message bytes. */
  get reparsed(): number {
    return this.cache.reparsed;
  }

  /** The records to keep in place of `records`; releases the facts of those now `lag` behind. */
  wrap(records: readonly MessageRecord[]): MessageRecord[] {
    const out = records.map((r) => {
      if (r.raw === undefined && (this.input === undefined || r.inputOffset === undefined)) return r;
      const compact = new CompactRecord(r, this.input, this.cache);
      this.waiting.push(compact);
      return compact;
    });
    this.releaseDownTo(this.lag);
    return out;
  }

  /** End of correlation: every record keeps its scalar facts only. */
  releaseAll(): void {
    this.releaseDownTo(0);
  }

  private releaseDownTo(keep: number): void {
    while (this.waiting.length - this.head > keep) this.waiting[this.head++]!.release();
    if (this.head > 65536) {
      this.waiting.splice(0, this.head);
      this.head = 0;
    }
  }
}
