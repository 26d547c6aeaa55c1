/**
 * State shared by the format readers of one capture: the batch being built, frame numbering across the
 * whole file (Wireshark numbering, first frame 1), the interface list, counters and a capped issue list.
 */
import type { Issue } from '../shared/issue.ts';
import { makeIssue } from '../shared/issue.ts';
import type { Timestamp } from '../shared/time.ts';
import type { CaptureInterface, Frame, FrameBatch } from './frame.ts';
import type { CaptureIssueCode } from './issues.ts';
import { captureIssues } from './issues.ts';

/** Numbers a summary can show about the reading itself. */
export interface CaptureCounters {
  /** Packet records turned into frames. */
  readonly recordsRead: number;
  /** Packet records dropped as damaged (unknown interface, captured length past the block). */
  readonly recordsSkipped: number;
  /** Input bytes pushed (compressed bytes for gzip). */
  readonly bytesRead: number;
  /** Bytes after gzip decompression (equals bytesRead for uncompressed input). */
  readonly decompressedBytes: number;
  /** pcapng blocks read, of any type. */
  readonly blocksRead: number;
  /** pcapng sections (section header blocks). */
  readonly sections: number;
  /** pcapng blocks that carry no packet and were skipped, by block type (NRB 4, ISB 5, custom 0xBAD, …). */
  readonly blocksSkippedByType: Readonly<Record<number, number>>;
}

/** At most this many issues of one code are listed; the rest are counted in capture.issues_suppressed. */
export const ISSUES_PER_CODE = 50;

export class CaptureContext {
  frames: Frame[] = [];
  issues: Issue[] = [];
  frameCount = 0;
  recordsSkipped = 0;
  bytesRead = 0;
  decompressedBytes = 0;
  blocksRead = 0;
  sections = 0;
  readonly blocksSkippedByType: Record<number, number> = {};
  readonly interfaces: CaptureInterface[] = [];
  private readonly issueCounts = new Map<string, number>();

  constructor(private readonly copyFrameData: boolean) {}

  /** Appends a frame with the next number; `data` must already be a view that stays valid. */
  addFrame(
    timestamp: Timestamp,
    timePrecisionDigits: number,
    linkType: number,
    data: Uint8Array,
    originalLength: number,
    interfaceId: number,
    fileOffset: number,
    fcsLength: number,
    dataOffset: number,
  ): number {
    const number = ++this.frameCount;
    this.frames.push({
      number,
      timestamp,
      timePrecisionDigits,
      linkType,
      data: this.copyFrameData ? data.slice() : data,
      capturedLength: data.length,
      originalLength,
      interfaceId,
      fileOffset,
      dataOffset,
      fcsLength,
    });
    return number;
  }

  /** Records an issue; `detail` should name the offending value and the file offset. */
  report(code: CaptureIssueCode, detail: string, value?: string | number, frame?: number): void {
    const seen = (this.issueCounts.get(code) ?? 0) + 1;
    this.issueCounts.set(code, seen);
    if (seen > ISSUES_PER_CODE) return;
    this.issues.push(makeIssue(captureIssues, code, { detail, value, frame }));
  }

  skipBlock(blockType: number): void {
    this.blocksSkippedByType[blockType] = (this.blocksSkippedByType[blockType] ?? 0) + 1;
  }

  /** Adds one capture.issues_suppressed per code that went over the cap; call once, at the end. */
  reportSuppressed(): void {
    for (const [code, count] of this.issueCounts) {
      if (count <= ISSUES_PER_CODE) continue;
      this.issues.push(
        makeIssue(captureIssues, 'capture.issues_suppressed', {
          value: count - ISSUES_PER_CODE,
          detail: `${count - ISSUES_PER_CODE} more ${code} issues were not listed (${count} in all).`,
        }),
      );
    }
  }

  /** Hands over what was gathered since the last call. */
  takeBatch(): FrameBatch {
    const batch = { frames: this.frames, issues: this.issues };
    this.frames = [];
    this.issues = [];
    return batch;
  }

  counters(): CaptureCounters {
    return {
      recordsRead: this.frameCount,
      recordsSkipped: this.recordsSkipped,
      bytesRead: this.bytesRead,
      decompressedBytes: this.decompressedBytes,
      blocksRead: this.blocksRead,
      sections: this.sections,
      blocksSkippedByType: { ...this.blocksSkippedByType },
    };
  }
}
