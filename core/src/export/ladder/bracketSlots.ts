/**
 * Transaction brackets (RFC 3261 §17: request to final response, one hop) drawn in a gutter beside the
 * ladder: spans that overlap in rows get different slots, greedily, first span first; past `maxSlots`
 * the last slot is shared (a crowded ladder still draws every bracket, some overlapping).
 */
export interface RowSpan {
  readonly firstRow: number;
  readonly lastRow: number;
}

/** Slot of every span (input order) and how many slots are used. */
export function bracketSlots(spans: readonly RowSpan[], maxSlots: number): { slots: number[]; used: number } {
  const order = spans.map((_, i) => i).sort((a, b) => spans[a]!.firstRow - spans[b]!.firstRow || a - b);
  const slotEnd: number[] = [];
  const slots = new Array<number>(spans.length).fill(0);
  for (const i of order) {
    const span = spans[i]!;
    let slot = -1;
    for (let s = 0; s < slotEnd.length; s++) {
      if (slotEnd[s]! < span.firstRow) {
        slot = s;
        break;
      }
    }
    if (slot < 0) slot = slotEnd.length < maxSlots ? slotEnd.length : Math.max(0, maxSlots - 1);
    slotEnd[slot] = Math.max(slotEnd[slot] ?? -1, span.lastRow);
    slots[i] = slot;
  }
  return { slots, used: slotEnd.length };
}
