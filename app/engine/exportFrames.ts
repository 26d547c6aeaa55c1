/**
 * pcap/pcapng of selected calls from the app: the capture is read a second time (from its file, or from the
 * upload's spool) and the frames that carried the calls' messages are copied byte for byte, in capture
 * order — the core's frame selection (core/src/export/pcapSelection.ts), as `sipladder export` does it.
 */
import { CaptureReader } from '../../core/src/capture/captureReader.ts';
import { FrameSelector, writeFrameSelection, type SelectedFrame, type SelectionFormat, type SelectionInterface, type SelectionResult } from '../../core/src/export/pcapSelection.ts';

/** Reads `chunks` (the whole capture again) and writes the wanted frames as `format`. */
export async function copyFrames(
  chunks: AsyncIterable<Uint8Array>, frames: readonly number[], format: SelectionFormat, application: string,
): Promise<SelectionResult> {
  const reader = new CaptureReader();
  const selector = new FrameSelector(frames);
  for await (const chunk of chunks) {
    selector.push(reader.push(chunk).frames);
    if (selector.remaining === 0) break;
  }
  selector.push(reader.end().frames);
  if (selector.frames().length < frames.length) {
    return { ok: false, error: `the capture changed since it was opened: ${frames.length - selector.frames().length} of ${frames.length} frames are no longer there` };
  }
  const interfaces: SelectionInterface[] = reader.interfaces.map((i) => ({
    linkType: i.linkType, timePrecisionDigits: i.timePrecisionDigits, snapLength: i.snapLength,
    ...(i.name !== undefined ? { name: i.name } : {}), ...(i.description !== undefined ? { description: i.description } : {}),
  }));
  if (interfaces.length === 0) interfaces.push({ linkType: 1, timePrecisionDigits: 6, snapLength: 0 });
  const selected: SelectedFrame[] = selector.frames().map((f) => ({
    order: f.number, timestamp: f.timestamp, data: f.data, originalLength: f.originalLength, interfaceIndex: f.interfaceId,
  }));
  return writeFrameSelection(format, interfaces, selected, { application });
}
