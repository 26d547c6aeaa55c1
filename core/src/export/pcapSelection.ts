/**
 * pcap/pcapng of a selection of calls: every frame that carried any of their messages (IP fragments and TCP
 * segments included: MessageRecord.frames), copied byte for byte from the capture read a second time, in
 * capture order. Classic pcap has one link type per file (pcap-savefile(5)), so a selection that spans link
 * types needs pcapng (one Interface Description Block per original interface).
 */
import type { FilterData, FilterRow } from '../analyze/filter/filterData.ts';
import { CaptureReader } from '../capture/captureReader.ts';
import type { CaptureInterface, Frame } from '../capture/frame.ts';
import type { Timestamp } from '../shared/time.ts';
import { PCAP_DEFAULT_SNAP_LENGTH, writePcap } from './pcapWriter.ts';
import { writePcapng } from './pcapngWriter.ts';

/** Every frame number that carried bytes of any message of the rows, ascending, without repeats. */
export function framesOfRows(data: FilterData, rows: readonly FilterRow[]): number[] {
  const frames = new Set<number>();
  for (const row of rows) {
    for (const i of row.messages) {
      const r = data.lookup(i);
      if (r === undefined) continue;
      for (const f of r.frames) frames.add(f);
      frames.add(r.frame);
    }
  }
  return [...frames].sort((a, b) => a - b);
}

export interface SelectionInterface {
  readonly linkType: number;
  readonly timePrecisionDigits: number;
  /** 0 when unknown or unlimited. */
  readonly snapLength: number;
  readonly name?: string;
  readonly description?: string;
}

export interface SelectedFrame {
  /** Position in the output order (the frame number of the analysis, which may be a merged number). */
  readonly order: number;
  readonly timestamp: Timestamp;
  readonly data: Uint8Array;
  readonly originalLength: number;
  /** Index into the interfaces given to `writeFrameSelection`. */
  readonly interfaceIndex: number;
}

/**
 * Keeps the wanted frames of one capture as it is read again: push each batch of frames, then take the kept
 * ones. Their bytes are copied, so the input chunks can be freed as reading goes on.
 */
export class FrameSelector {
  private readonly kept: Frame[] = [];
  private readonly wanted: ReadonlySet<number>;

  constructor(frameNumbers: Iterable<number>) {
    this.wanted = new Set(frameNumbers);
  }

  get remaining(): number {
    return this.wanted.size - this.kept.length;
  }

  push(frames: readonly Frame[]): void {
    for (const f of frames) if (this.wanted.has(f.number)) this.kept.push({ ...f, data: f.data.slice() });
  }

  frames(): readonly Frame[] {
    return this.kept;
  }
}

/** Reads a capture again and keeps the wanted frames (stopping once all are found), with its interfaces. */
export async function readSelectedFrames(
  chunks: AsyncIterable<Uint8Array>, wanted: Iterable<number>,
): Promise<{ frames: readonly Frame[]; interfaces: readonly CaptureInterface[] }> {
  const reader = new CaptureReader();
  const selector = new FrameSelector(wanted);
  for await (const chunk of chunks) {
    selector.push(reader.push(chunk).frames);
    if (selector.remaining === 0) break;
  }
  if (selector.remaining > 0) selector.push(reader.end().frames);
  return { frames: selector.frames(), interfaces: reader.interfaces };
}

/** An interface of the capture as the writers describe it (`name` overrides its own). */
export function selectionInterface(i: CaptureInterface, name: string | undefined = i.name): SelectionInterface {
  return {
    linkType: i.linkType, timePrecisionDigits: i.timePrecisionDigits, snapLength: i.snapLength,
    ...(name !== undefined ? { name } : {}), ...(i.description !== undefined ? { description: i.description } : {}),
  };
}

export type SelectionFormat = 'pcap' | 'pcapng';

export type SelectionResult = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly error: string };

export function writeFrameSelection(
  format: SelectionFormat,
  interfaces: readonly SelectionInterface[],
  frames: readonly SelectedFrame[],
  options: { readonly application?: string } = {},
): SelectionResult {
  const ordered = [...frames].sort((a, b) => a.order - b.order);
  const used = [...new Set(ordered.map((f) => f.interfaceIndex))].sort((a, b) => a - b);
  if (format === 'pcap') {
    const linkTypes = [...new Set(used.map((i) => interfaces[i]!.linkType))];
    if (linkTypes.length > 1) {
      return { ok: false, error: `the selected frames use ${linkTypes.length} link types (${linkTypes.join(', ')}) and a pcap file holds one: use --format pcapng` };
    }
    let snapLength = 0;
    for (const i of used) snapLength = Math.max(snapLength, interfaces[i]!.snapLength);
    if (snapLength === 0) snapLength = PCAP_DEFAULT_SNAP_LENGTH;
    for (const f of ordered) snapLength = Math.max(snapLength, f.data.length);
    const nanosecond = used.some((i) => interfaces[i]!.timePrecisionDigits > 6);
    const bytes = writePcap(ordered.map((f) => ({ timestamp: f.timestamp, data: f.data, originalLength: f.originalLength })), {
      linkType: linkTypes[0] ?? 1, snapLength, nanosecond,
    });
    return { ok: true, bytes };
  }
  const position = new Map(used.map((i, k) => [i, k]));
  const bytes = writePcapng(
    ordered.map((f) => ({ timestamp: f.timestamp, data: f.data, originalLength: f.originalLength, interfaceId: position.get(f.interfaceIndex)! })),
    {
      interfaces: used.map((i) => {
        const x = interfaces[i]!;
        return {
          linkType: x.linkType, tsresolDigits: Math.min(9, Math.max(0, x.timePrecisionDigits)), snapLength: x.snapLength,
          ...(x.name !== undefined ? { name: x.name } : {}), ...(x.description !== undefined ? { description: x.description } : {}),
        };
      }),
      ...(options.application !== undefined ? { application: options.application } : {}),
    },
  );
  return { ok: true, bytes };
}
