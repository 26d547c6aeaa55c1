/**
 * Mermaid `rect … end` blocks must nest like brackets. From row spans (transactions or dialogs), keeps the
 * largest set a single pass can: spans sorted by start (longest first) are kept unless they cross a kept
 * span that is still open. Linear after the sort.
 */
import type { RowSpan } from '../ladder/bracketSlots.ts';

/** Positions (in `spans`) of the kept spans, and of the ones dropped because they cross another. */
export function nestedSpans(spans: readonly RowSpan[]): { kept: number[]; dropped: number[] } {
  const order = spans.map((_, i) => i).sort((a, b) => spans[a]!.firstRow - spans[b]!.firstRow || spans[b]!.lastRow - spans[a]!.lastRow || a - b);
  const open: number[] = [];
  const kept: number[] = [];
  const dropped: number[] = [];
  for (const i of order) {
    const span = spans[i]!;
    while (open.length > 0 && spans[open[open.length - 1]!]!.lastRow < span.firstRow) open.pop();
    const top = open[open.length - 1];
    if (top !== undefined && span.lastRow > spans[top]!.lastRow) {
      dropped.push(i);
      continue;
    }
    kept.push(i);
    open.push(i);
  }
  return { kept, dropped };
}
