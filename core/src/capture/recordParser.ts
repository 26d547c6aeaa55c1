/**
 * The contract between RecordFramer (which owns chunk boundaries) and a format reader (which owns one
 * file format's records). A reader sees contiguous bytes only and never copies; the framer guarantees the
 * bytes it hands over stay untouched for as long as any frame views them.
 */

export interface RecordParser {
  /**
   * Bytes, counted from the first unconsumed byte, that must be available before `parse` can make
   * progress (a header size while the header is incomplete, then the whole record's size).
   */
  readonly needBytes: number;
  /** File offset where reading stopped at damage, or -1 while reading goes on. */
  readonly stoppedAt: number;
  /**
   * Reads every whole record in bytes[start, end) (bytes[start] lies at `fileOffset` in the stream) and
   * returns how many bytes it consumed. When it returns less than end − start without stopping, it has
   * set needBytes above what is left.
   */
  parse(bytes: Uint8Array, start: number, end: number, fileOffset: number): number;
  /** The input ended; bytes[start, end) are the unconsumed rest (possibly empty) at `fileOffset`. */
  finish(bytes: Uint8Array, start: number, end: number, fileOffset: number): void;
}
