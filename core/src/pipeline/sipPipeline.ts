/**
 * capture → network → sip for one input, as a synchronous push machine: bytes in, MessageRecords out.
 * The same object runs in the CLI, a Worker or the browser; `analyzeCapture` wraps it for chunk streams.
 */
import { CaptureReader } from '../capture/captureReader.ts';
import type { ByteSource, CaptureFormat, CaptureInterface, Frame } from '../capture/frame.ts';
import { NetworkDecoder } from '../network/networkDecoder.ts';
import type { TransportUnit } from '../network/transportUnit.ts';
import type { MessageRecord } from '../sip/messageRecord.ts';
import { SipUnitDecoder, type DecodedSipMessage } from '../sip/sipUnitDecoder.ts';
import { makeIssue, type Issue } from '../shared/issue.ts';
import { pipelineIssues } from './issues.ts';
import { compareTimestamps, type Timestamp } from '../shared/time.ts';
import { classifyDatagram } from './classifyDatagram.ts';
import { FrameAccounting, type Accounting } from './frameAccounting.ts';
import { IssueLog } from './issueLog.ts';
import { RawSlabs } from './rawSlabs.ts';
import { TextInput } from './textInput.ts';

export interface CaptureSummary {
  /** Outer format ('gzip' when compressed) and the format of the records inside. */
  readonly format: CaptureFormat;
  readonly contentFormat: CaptureFormat;
  readonly bytesRead: number;
  readonly frames: number;
  readonly sipMessages: number;
  readonly requests: number;
  readonly responses: number;
  readonly methods: Readonly<Record<string, number>>;
  readonly statusCodes: Readonly<Record<string, number>>;
  readonly accounting: Accounting;
  /** Count per issue code, most frequent first. */
  readonly issues: Readonly<Record<string, number>>;
  readonly interfaces: readonly CaptureInterface[];
  readonly firstTimestamp?: Timestamp;
  readonly lastTimestamp?: Timestamp;
  /** Fractional digits of the capture's clock (6 for µs pcap, 9 for ns). */
  readonly timePrecisionDigits: number;
}

export interface PipelineBatch {
  readonly records: MessageRecord[];
}

export interface SipPipelineOptions {
  /** Give each record a copy of its message bytes (`MessageRecord.raw`; costs memory, off for summaries). */
  readonly keepRawMessages?: boolean;
  /**
   * With keepRawMessages: the most bytes kept in all. The first message that would pass it and every later
   * one get no `raw` (counted in `rawMessagesDropped`), so what is kept is always a prefix of the capture.
   * Unlimited when absent.
   */
  readonly rawBudgetBytes?: number;
  /**
   * Give records whose bytes lie contiguous in the input (a datagram within one frame, input not gzip)
   * `inputOffset` and `byteLength` instead of a kept copy: the caller can read them again from the file.
   */
  readonly locateInInput?: boolean;
}

export class SipPipeline {
  private readonly reader = new CaptureReader();
  private readonly network = new NetworkDecoder();
  private readonly sip: SipUnitDecoder;
  private readonly accounting = new FrameAccounting();
  private readonly issueLog = new IssueLog();
  private readonly text = new TextInput();
  private readonly methods = new Map<string, number>();
  private readonly statusCodes = new Map<string, number>();
  private messageCount = 0;
  private requests = 0;
  private frameCount = 0;
  private first: Timestamp | undefined;
  private last: Timestamp | undefined;
  private precision = 6;
  private ended = false;
  private lastDamaged: TransportUnit | undefined;
  private readonly rawSlabs: RawSlabs | undefined;
  private readonly locate: boolean;

  constructor(options: SipPipelineOptions = {}) {
    this.sip = new SipUnitDecoder((streamId) => this.isProbing(streamId));
    this.rawSlabs = options.keepRawMessages ? new RawSlabs(options.rawBudgetBytes) : undefined;
    this.locate = options.locateInInput === true;
  }

  /** Bytes of message text kept on records so far (keepRawMessages). */
  get rawBytesKept(): number {
    return this.rawSlabs?.bytesKept ?? 0;
  }

  /** Records that got no `raw` because rawBudgetBytes was reached. */
  get rawMessagesDropped(): number {
    return this.rawSlabs?.messagesDropped ?? 0;
  }

  push(chunk: Uint8Array): PipelineBatch {
    if (this.text.active || this.reader.contentFormat === 'unknown') this.text.hold(chunk);
    const batch = this.reader.push(chunk);
    this.issueLog.addAll(batch.issues);
    const format = this.reader.contentFormat;
    if (format === 'sip-text' || format === 'unknown') return { records: this.frames(batch.frames) };
    this.text.release();
    return { records: this.frames(batch.frames) };
  }

  end(): PipelineBatch {
    if (this.ended) return { records: [] };
    this.ended = true;
    const batch = this.reader.end();
    if (this.reader.contentFormat === 'sip-text') return { records: this.textRecords() };
    this.issueLog.addAll(batch.issues);
    const records = this.frames(batch.frames);
    const net = this.network.flush();
    this.issueLog.addAll(net.issues);
    for (const unit of net.units) records.push(...this.units(unit, undefined));
    const tail = this.sip.flush();
    this.issueLog.addAll(tail.issues);
    for (const m of tail.messages) {
      const frame = m.frames[m.frames.length - 1] ?? 0;
      this.accounting.promoteToSip(frame);
      records.push(this.record(m, frame, m.timestamp));
    }
    return { records };
  }

  summary(): CaptureSummary {
    return {
      format: this.reader.format,
      contentFormat: this.reader.contentFormat,
      bytesRead: this.reader.bytesRead,
      frames: this.reader.contentFormat === 'sip-text' ? this.messageCount : this.frameCount,
      sipMessages: this.messageCount,
      requests: this.requests,
      responses: this.messageCount - this.requests,
      methods: Object.fromEntries(this.methods),
      statusCodes: Object.fromEntries(this.statusCodes),
      accounting: this.accounting.snapshot(),
      issues: this.issueLog.countsByCode(),
      interfaces: this.reader.interfaces,
      firstTimestamp: this.first,
      lastTimestamp: this.last,
      timePrecisionDigits: this.precision,
    };
  }

  /** Fractional digits of the capture's clock so far (6 for µs pcap, 9 for ns). */
  get timePrecisionDigits(): number {
    return this.precision;
  }

  /** Issues kept as examples (up to 50 per code), for reports that say where things happened. */
  issueExamples(): Issue[] {
    return this.issueLog.examples();
  }

  private frames(frames: readonly Frame[]): MessageRecord[] {
    const records: MessageRecord[] = [];
    for (const frame of frames) {
      this.frameCount++;
      this.precision = frame.timePrecisionDigits;
      if (!this.first || compareTimestamps(frame.timestamp, this.first) < 0) this.first = frame.timestamp;
      if (!this.last || compareTimestamps(frame.timestamp, this.last) > 0) this.last = frame.timestamp;
      const out = this.network.decode(frame);
      this.issueLog.addAll(out.issues, frame.number);
      const before = records.length;
      let otherProtocol: string | undefined;
      let damagedCode: string | undefined;
      for (const unit of out.units) {
        const produced = this.units(unit, frame);
        if (produced.length === 0 && unit.kind === 'datagram' && unit.frames[unit.frames.length - 1] === frame.number) {
          otherProtocol = classifyDatagram(unit);
        }
        if (this.lastDamaged === unit) damagedCode = 'sip.damaged_start_line';
        records.push(...produced);
      }
      const d = out.disposition;
      if (records.length > before) this.accounting.count(frame.number, { kind: 'sip' });
      else if (damagedCode) this.accounting.count(frame.number, { kind: 'malformed', code: damagedCode });
      else if (d.kind === 'payload') this.accounting.count(frame.number, { kind: 'other', protocol: otherProtocol ?? 'udp' });
      else if (d.kind === 'other') this.accounting.count(frame.number, { kind: 'other', protocol: d.protocol });
      else if (d.kind === 'malformed') this.accounting.count(frame.number, { kind: 'malformed', code: d.code });
      else this.accounting.count(frame.number, { kind: d.kind });
    }
    return records;
  }

  /** Runs one transport unit through the SIP stage. `frame` is the frame being decoded (undefined at flush). */
  private units(unit: TransportUnit, frame: Frame | undefined): MessageRecord[] {
    const out = this.sip.accept(unit);
    this.issueLog.addAll(out.issues, frame?.number);
    if (out.damaged) this.lastDamaged = unit;
    const records: MessageRecord[] = [];
    for (const m of out.messages) {
      if (unit.kind === 'stream' && frame) {
        // A stream message completes in the frame being decoded, at that frame's time (as Wireshark reports it).
        records.push(this.record(m, frame.number, frame.timestamp));
      } else {
        const completing = frame?.number ?? m.frames[m.frames.length - 1] ?? 0;
        if (!frame) this.accounting.promoteToSip(completing);
        records.push(this.record(m, completing, m.timestamp, unit.kind === 'datagram' ? this.inputOffsetOf(m, frame) : undefined));
      }
    }
    return records;
  }

  /** Where the message's bytes are in the input stream, when they are a view of this frame's bytes. */
  private inputOffsetOf(m: DecodedSipMessage, frame: Frame | undefined): number | undefined {
    if (!this.locate || frame === undefined || m.frames.length !== 1 || m.frames[0] !== frame.number) return undefined;
    if (this.reader.format === 'gzip') return undefined;
    const bytes = m.message.bytes;
    const data = frame.data;
    if (bytes.buffer !== data.buffer) return undefined; // copied on the way (reassembly, decompression)
    const at = bytes.byteOffset - data.byteOffset;
    if (at < 0 || at + bytes.length > data.length) return undefined;
    return frame.dataOffset + at;
  }

  private record(m: DecodedSipMessage, frame: number, timestamp: Timestamp, inputOffset?: number): MessageRecord {
    const facts = m.facts;
    if (facts.kind === 'request') {
      this.requests++;
      const method = facts.method ?? '?';
      this.methods.set(method, (this.methods.get(method) ?? 0) + 1);
    } else {
      const code = facts.statusCode !== undefined ? String(facts.statusCode) : '?';
      this.statusCodes.set(code, (this.statusCodes.get(code) ?? 0) + 1);
    }
    this.issueLog.addAll(m.issues, frame);
    const frames = m.frames.includes(frame) || m.frames.length === 0 ? m.frames : [...m.frames, frame].sort((a, b) => a - b);
    const index = this.messageCount++;
    const record: { -readonly [K in keyof MessageRecord]: MessageRecord[K] } = {
      index, frame, frames, timestamp, src: m.src, dst: m.dst, transport: m.transport, encapsulation: m.encapsulation, facts, issues: m.issues,
    };
    if (inputOffset !== undefined) {
      record.inputOffset = inputOffset;
      record.byteLength = m.message.bytes.length;
    } else {
      // A copy (in a slab): the parsed bytes are a view into a capture chunk that must not stay pinned.
      const raw = this.rawSlabs?.keep(m.message.bytes);
      if (raw !== undefined) record.raw = raw;
    }
    return record;
  }

  private isProbing(streamId: string): boolean {
    return this.network.routeOf(streamId) === 'probe';
  }

  private textRecords(): MessageRecord[] {
    const { units, issues } = this.text.units();
    this.issueLog.addAll(issues);
    const records: MessageRecord[] = [];
    for (const unit of units) {
      const out = this.sip.accept(unit);
      this.issueLog.addAll(out.issues);
      for (const m of out.messages) records.push(this.record(m, unit.frames[0]!, unit.timestamp));
      for (const n of out.notSip) this.issueLog.add(makeIssue(pipelineIssues, 'text.not_sip', { frame: n.kind === 'datagram' ? n.frames[0] : n.frame }));
    }
    for (const r of records) this.accounting.count(r.frame, { kind: 'sip' });
    return records;
  }
}

/** Streams a capture through the pipeline: one batch of records per input chunk, then the summary. */
export async function* analyzeCapture(source: ByteSource, options: { signal?: AbortSignal } = {}): AsyncGenerator<PipelineBatch, CaptureSummary> {
  const pipeline = new SipPipeline();
  for await (const chunk of toAsync(source)) {
    options.signal?.throwIfAborted();
    const batch = pipeline.push(chunk);
    if (batch.records.length) yield batch;
  }
  const tail = pipeline.end();
  if (tail.records.length) yield tail;
  return pipeline.summary();
}

async function* toAsync(source: ByteSource): AsyncGenerator<Uint8Array> {
  if (typeof (source as ReadableStream<Uint8Array>).getReader === 'function') {
    const reader = (source as ReadableStream<Uint8Array>).getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  }
  yield* source as AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
}
