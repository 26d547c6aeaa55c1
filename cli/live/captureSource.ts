/**
 * A capture byte stream (interfaces through a tool, a file, standard input) read through SipPipeline: the same
 * reader as for files, so everything sipladder reads in a file it reads live. Optionally tees the bytes (--write).
 */
import { SipPipeline } from '../../core/src/pipeline/sipPipeline.ts';
import type { MessageRecord } from '../../core/src/sip/messageRecord.ts';
import type { ToolDrops } from './interfaceCapture.ts';
import type { LiveSource, SourceStats } from './liveSource.ts';

export interface ByteInput {
  readonly label: string;
  chunks(): AsyncIterable<Uint8Array>;
  /** Stops a tool (which then flushes and ends its stream); plain inputs are cut where they are. */
  stop?(): Promise<void>;
  toolDrops?(): ToolDrops;
  pollDrops?(): void;
}

export class CaptureSource implements LiveSource {
  readonly label: string;
  private readonly pipeline = new SipPipeline();
  private bytes = 0;
  private stopRequested: (() => void) | undefined;
  private readonly stopped = new Promise<void>((resolve) => (this.stopRequested = resolve));

  constructor(private readonly input: ByteInput, private readonly tee?: (chunk: Uint8Array) => void) {
    this.label = input.label;
  }

  get timePrecisionDigits(): number {
    return this.pipeline.timePrecisionDigits;
  }

  async run(sink: (records: readonly MessageRecord[]) => void): Promise<void> {
    const iterator = this.input.chunks()[Symbol.asyncIterator]();
    const cut = this.input.stop === undefined ? this.stopped.then(() => undefined) : undefined;
    try {
      for (;;) {
        const next = cut === undefined ? await iterator.next() : await Promise.race([iterator.next(), cut]);
        if (next === undefined || next.done) break;
        const chunk = next.value;
        this.bytes += chunk.length;
        this.tee?.(chunk);
        const { records } = this.pipeline.push(chunk);
        if (records.length > 0) sink(records);
      }
    } finally {
      if (cut !== undefined) void iterator.return?.();
    }
    const { records } = this.pipeline.end();
    if (records.length > 0) sink(records);
  }

  async stop(): Promise<void> {
    this.stopRequested?.();
    await this.input.stop?.();
  }

  stats(): SourceStats {
    const s = this.pipeline.summary();
    const drops = this.input.toolDrops?.();
    return {
      packets: s.frames, bytes: this.bytes, sipMessages: s.sipMessages, issues: s.issues,
      ...(drops?.drops !== undefined ? { drops: drops.drops } : {}),
      ...(drops !== undefined && drops.interfaces.length > 0 ? { dropsByInterface: drops.interfaces } : {}),
    };
  }

  pollDrops(): void {
    this.input.pollDrops?.();
  }

  /** Format the reader recognised ('unknown' when the input was not a capture). */
  get contentFormat(): string {
    return this.pipeline.summary().contentFormat;
  }
}
