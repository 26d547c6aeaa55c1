/**
 * pcap/pcapng of selected calls from the app: the capture is read a second time (from its file, or from the
 * upload's spool) and the frames that carried the calls' messages are copied byte for byte, in capture
 * order — the core's frame selection (core/src/export/pcapSelection.ts), as `sipladder export` does it.
 */
import { readSelectedFrames, selectionInterface, writeFrameSelection, type SelectionFormat, type SelectionResult } from '../../core/src/export/pcapSelection.ts';

/** Reads `chunks` (the whole capture again) and writes the wanted frames as `format`. */
export async function copyFrames(
  chunks: AsyncIterable<Uint8Array>, frames: readonly number[], format: SelectionFormat, application: string,
): Promise<SelectionResult> {
  const read = await readSelectedFrames(chunks, frames);
  if (read.frames.length < frames.length) {
    return { ok: false, error: `the capture changed since it was opened: ${frames.length - read.frames.length} of ${frames.length} frames are no longer there` };
  }
  const interfaces = read.interfaces.map((i) => selectionInterface(i));
  if (interfaces.length === 0) interfaces.push({ linkType: 1, timePrecisionDigits: 6, snapLength: 0 });
  const selected = read.frames.map((f) => ({
    order: f.number, timestamp: f.timestamp, data: f.data, originalLength: f.originalLength, interfaceIndex: f.interfaceId,
  }));
  return writeFrameSelection(format, interfaces, selected, { application });
}
