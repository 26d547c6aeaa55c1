/**
 * Several classic-pcap streams (one tcpdump per interface) relayed as one pcapng stream: one interface block
 * per input, frames in arrival order. The core then reads one capture whose frames say which interface saw
 * them, and `--write` saves pcapng whatever the tool. Pull-based: an input is read only when the consumer
 * asks for more, so a slow consumer backs up into the tools (which count drops) instead of into memory.
 */
import { CaptureReader } from '../../core/src/capture/captureReader.ts';
import type { Frame } from '../../core/src/capture/frame.ts';
import { PcapngWriter, type PcapngInterfaceOptions } from '../../core/src/export/pcapngWriter.ts';
import { concatBytes } from '../../core/src/shared/bytes.ts';

export interface RelayInput {
  /** Interface name written in the pcapng interface block. */
  readonly name: string;
  readonly chunks: AsyncIterable<Uint8Array>;
}

interface Pump {
  readonly index: number;
  readonly iterator: AsyncIterator<Uint8Array>;
  readonly reader: CaptureReader;
  next: Promise<{ pump: Pump; result: IteratorResult<Uint8Array> }> | undefined;
  done: boolean;
}

export async function* relayAsPcapng(inputs: readonly RelayInput[], application = 'sipladder capture'): AsyncGenerator<Uint8Array> {
  const pumps: Pump[] = inputs.map((input, index) => ({
    index, iterator: input.chunks[Symbol.asyncIterator](), reader: new CaptureReader(), next: undefined, done: false,
  }));
  const arm = (p: Pump): void => {
    p.next = p.iterator.next().then((result) => ({ pump: p, result }));
  };
  pumps.forEach(arm);
  let writer: PcapngWriter | undefined;
  const held: { pump: Pump; frames: Frame[] }[] = [];
  const encode = (pump: Pump, frames: readonly Frame[]): Uint8Array[] =>
    frames.map((f) => writer!.frame({ timestamp: f.timestamp, data: f.data, originalLength: f.originalLength, interfaceId: pump.index }));
  try {
    for (;;) {
      const live = pumps.filter((p) => !p.done);
      if (live.length === 0) break;
      const { pump, result } = await Promise.race(live.map((p) => p.next!));
      const batch = result.done ? pump.reader.end() : pump.reader.push(result.value);
      if (result.done) pump.done = true;
      else arm(pump);
      if (writer === undefined) {
        // The interface blocks come first: wait until every input has sent its header (tcpdump does at once) or ended.
        held.push({ pump, frames: batch.frames });
        if (!pumps.every((p) => p.done || p.reader.interfaces.length > 0)) continue;
        writer = new PcapngWriter({ interfaces: pumps.map((p) => interfaceOf(p, inputs[p.index]!.name)), application });
        const out = [writer.header()];
        for (const h of held.splice(0)) out.push(...encode(h.pump, h.frames));
        yield concatBytes(out);
        continue;
      }
      if (batch.frames.length > 0) yield concatBytes(encode(pump, batch.frames));
    }
  } finally {
    for (const p of pumps) if (!p.done) void p.iterator.return?.();
  }
}

function interfaceOf(pump: Pump, name: string): PcapngInterfaceOptions {
  const iface = pump.reader.interfaces[0];
  return {
    linkType: iface?.linkType ?? 1, name, snapLength: iface?.snapLength ?? 0,
    tsresolDigits: Math.min(9, Math.max(0, iface?.timePrecisionDigits ?? 6)),
  };
}
