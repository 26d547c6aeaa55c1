/** The capture stage's public API: bytes of a pcap, pcapng or gzip file → numbered frames and issues. */
export type { ByteSource, CaptureFormat, CaptureInterface, Frame, FrameBatch } from './frame.ts';
export type { CaptureCounters } from './captureContext.ts';
export type { CaptureReaderOptions } from './captureReader.ts';
export type { ReadFramesOptions } from './readFrames.ts';
export type { CaptureIssueCode } from './issues.ts';
export { CaptureReader } from './captureReader.ts';
export { readCapture, readFrames } from './readFrames.ts';
export { detectCaptureFormat, SNIFF_TEXT_BYTES } from './detectCaptureFormat.ts';
export { captureIssues } from './issues.ts';
