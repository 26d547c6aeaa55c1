/**
 * Several captures taken at several points, read as one: frames from every input interleaved by timestamp
 * (a k-way merge; each input keeps its own order), re-encoded as one pcapng stream (one interface per
 * input interface) for the core, which numbers the merged frames 1…N. `FrameOrigins` remembers which
 * input, and which frame of it, each merged frame was.
 */
import { basename } from 'node:path';
import { CaptureReader } from '../core/src/capture/captureReader.ts';
import type { CaptureInterface, Frame } from '../core/src/capture/frame.ts';
import { PcapngWriter, type PcapngInterfaceOptions } from '../core/src/export/pcapngWriter.ts';
import type { Issue } from '../core/src/shared/issue.ts';
import { compareTimestamps } from '../core/src/shared/time.ts';
import { CliError, EXIT } from './cliError.ts';
import type { OpenedInput } from './openInput.ts';

/** Merged frame number → (input, frame number in that input), in compact growable columns. */
export class FrameOrigins {
  private inputs = new Uint16Array(1024);
  private frames = new Float64Array(1024);
  private count = 0;

  push(input: number, frame: number): number {
    if (this.count === this.inputs.length) {
      const inputs = new Uint16Array(this.count * 2);
      inputs.set(this.inputs);
      this.inputs = inputs;
      const frames = new Float64Array(this.count * 2);
      frames.set(this.frames);
      this.frames = frames;
    }
    this.inputs[this.count] = input;
    this.frames[this.count] = frame;
    return ++this.count;
  }

  get size(): number {
    return this.count;
  }

  /** `merged` is 1-based, as frame numbers are. */
  get(merged: number): { input: number; frame: number } | undefined {
    if (merged < 1 || merged > this.count) return undefined;
    return { input: this.inputs[merged - 1]!, frame: this.frames[merged - 1]! };
  }
}

interface Source {
  readonly index: number;
  readonly input: OpenedInput;
  readonly reader: CaptureReader;
  readonly chunks: AsyncIterator<Uint8Array>;
  queue: Frame[];
  head: number;
  done: boolean;
}

const OUT_CHUNK_BYTES = 1 << 20;

/** Issues the readers of the inputs found (a truncated record, a bad block), told per input. */
export type MergeIssues = { input: number; issue: Issue }[];

export async function* mergeCaptures(inputs: readonly OpenedInput[], origins: FrameOrigins, issues: MergeIssues): AsyncGenerator<Uint8Array> {
  const sources: Source[] = inputs.map((input, index) => ({
    index, input, reader: new CaptureReader(), chunks: input.chunks[Symbol.asyncIterator](), queue: [], head: 0, done: false,
  }));
  for (const s of sources) await fill(s, issues);
  const interfaces: PcapngInterfaceOptions[] = [];
  const ids = new Map<string, number>();
  const declare = (s: Source, iface: CaptureInterface | undefined, frame?: Frame): number => {
    const key = `${s.index}:${iface?.id ?? frame?.interfaceId ?? 0}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = interfaces.length;
      ids.set(key, id);
      const label = basename(s.input.name);
      interfaces.push({
        linkType: iface?.linkType ?? frame?.linkType ?? 1,
        tsresolDigits: Math.min(9, Math.max(0, iface?.timePrecisionDigits ?? frame?.timePrecisionDigits ?? 6)),
        snapLength: iface?.snapLength ?? 0,
        name: iface?.name ? `${label}:${iface.name}` : label,
        description: s.input.name,
      });
    }
    return id;
  };
  for (const s of sources) for (const iface of s.reader.interfaces) declare(s, iface);
  let out = new Uint8Array(OUT_CHUNK_BYTES);
  let used = 0;
  const emit = (bytes: Uint8Array): Uint8Array | undefined => {
    let full: Uint8Array | undefined;
    if (used + bytes.length > out.length && used > 0) {
      full = out.subarray(0, used);
      out = new Uint8Array(Math.max(OUT_CHUNK_BYTES, bytes.length));
      used = 0;
    }
    if (bytes.length > out.length) out = new Uint8Array(bytes.length);
    out.set(bytes, used);
    used += bytes.length;
    return full;
  };
  let writer = new PcapngWriter({ interfaces, application: 'sipladder (merged inputs)' });
  let declared = interfaces.length;
  emit(writer.header());
  for (;;) {
    let best: Source | undefined;
    for (const s of sources) {
      if (s.head >= s.queue.length) continue;
      if (best === undefined || compareTimestamps(s.queue[s.head]!.timestamp, best.queue[best.head]!.timestamp) < 0) best = s;
    }
    if (best === undefined) break;
    const frame = best.queue[best.head++]!;
    const id = declare(best, undefined, frame);
    if (interfaces.length !== declared) {
      // An interface described mid-file: start a new section that declares every interface again, same ids.
      writer = new PcapngWriter({ interfaces, application: 'sipladder (merged inputs)' });
      declared = interfaces.length;
      const full = emit(writer.header());
      if (full) yield full;
    }
    origins.push(best.index, frame.number);
    // The FCS is not part of what the decoders read; pcapng without if_fcslen would show it as payload.
    const data = frame.fcsLength > 0 ? frame.data.subarray(0, Math.max(0, frame.data.length - frame.fcsLength)) : frame.data;
    const full = emit(writer.frame({ timestamp: frame.timestamp, data, originalLength: frame.originalLength, interfaceId: id }));
    if (full) yield full;
    if (best.head >= best.queue.length) await fill(best, issues);
  }
  if (used > 0) yield out.subarray(0, used);
}

/** Reads until the source has a frame queued or its input is over. */
async function fill(s: Source, issues: MergeIssues): Promise<void> {
  s.queue = [];
  s.head = 0;
  while (s.queue.length === 0 && !s.done) {
    const next = await s.chunks.next();
    const batch = next.done ? s.reader.end() : s.reader.push(next.value);
    if (next.done) s.done = true;
    s.queue = batch.frames;
    for (const issue of batch.issues) issues.push({ input: s.index, issue });
    if (s.done) check(s);
  }
}

function check(s: Source): void {
  const format = s.reader.contentFormat;
  if (format === 'sip-text') {
    throw new CliError(`${s.input.name} is plain SIP text: only pcap and pcapng captures can be merged (read it on its own)`, EXIT.unknownFormat);
  }
  if (format === 'unknown') {
    throw new CliError(s.reader.bytesRead === 0 ? `${s.input.name} is empty` : `${s.input.name}: not a capture this tool reads (expected pcap, pcapng or gzip of either)`, EXIT.unknownFormat);
  }
}
