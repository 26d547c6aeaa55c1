import { describe, expect, it } from 'vitest';
import { rowsInView } from '../../../core/src/export/ladder/rowsInView.ts';
import { CaptureSession } from '../../engine/captureSession.ts';
import { readCapture, TRAPEZOID_PATH } from '../../engine/testCaptures.ts';
import { retransmissionCapture } from '../../engine/testFlows.ts';
import type { LadderData, LadderQuery } from '../../shared/apiTypes.ts';
import { laneLines, layoutForView, MAX_LABEL_CHARS, recordsOfRows, type ViewOptions } from './ladderLayout.ts';

function ladderOf(bytes: Uint8Array, over: Partial<LadderQuery> = {}): LadderData {
  const s = new CaptureSession({ session: 1, name: 't', totalBytes: null });
  s.push(bytes);
  s.finish();
  return s.ladder({ rows: [0], merge: 'node', fold: true, hops: false, ...over });
}

const VIEW: ViewOptions = { zoom: 1, aliases: {}, maxWidthPx: 1000, charWidthPx: 7.2, timeMode: 'rel', timeDigits: 6 };

describe('the interactive ladder laid out by the core layout', () => {
  const trapezoid = ladderOf(readCapture(TRAPEZOID_PATH));

  it('places four lanes and fourteen rows, labelled as the exports label them', () => {
    const laid = layoutForView(trapezoid, VIEW);
    expect(laid.geometry.lanes).toHaveLength(4);
    expect(laid.geometry.rows).toHaveLength(14);
    expect(laid.labels.slice(0, 3)).toEqual(['INVITE (SDP PCMU/8000)', '100 Trying', 'INVITE (SDP PCMU/8000)']);
    expect(laid.geometry.width).toBeLessThanOrEqual(1000);
    for (let i = 1; i < 14; i++) expect(laid.geometry.rows[i]!.top).toBeGreaterThanOrEqual(laid.geometry.rows[i - 1]!.bottom);
    expect(laid.headerBottom).toBeLessThan(laid.geometry.rows[0]!.top);
  });

  it('scales with the zoom', () => {
    const normal = layoutForView(trapezoid, VIEW);
    const big = layoutForView(trapezoid, { ...VIEW, zoom: 2, maxWidthPx: 5000 });
    expect(big.geometry.height).toBeGreaterThan(normal.geometry.height * 1.8);
    expect(big.fontPx).toBe(2 * normal.fontPx);
  });

  it('renames a lane by its key and keeps its address line', () => {
    const lane = trapezoid.ladder.lanes[0]!;
    expect(laneLines(lane, {}).slice(0, 2)).toEqual(['pc33.atlanta.example.com', '192.0.2.1:5060']);
    const named = laneLines(lane, { [lane.key]: 'alice' });
    expect(named.slice(0, 2)).toEqual(['alice', '192.0.2.1:5060']);
    const laid = layoutForView(trapezoid, { ...VIEW, aliases: { [lane.key]: 'alice' } });
    expect(laid.geometry.lanes[0]!.header.lines[0]).toBe('alice');
  });

  it('makes rows taller for hop notes, and windows them by height', () => {
    const withNotes = ladderOf(readCapture(TRAPEZOID_PATH), { hops: true });
    const plain = layoutForView(trapezoid, VIEW);
    const noted = layoutForView(withNotes, VIEW);
    expect(noted.notes[2]!.length).toBeGreaterThan(1);
    expect(noted.geometry.height).toBeGreaterThan(plain.geometry.height * 1.5);
    const row5 = noted.geometry.rows[5]!;
    const { first, end } = rowsInView(noted.geometry.rows, row5.top, row5.bottom);
    expect([first, end]).toEqual([5, 6]);
  });

  it('maps folded retransmissions to the row of their first copy, and lists a range\'s records with them', () => {
    const data = ladderOf(retransmissionCapture());
    const laid = layoutForView(data, VIEW);
    expect(laid.rowOfRecord.get(1)).toBe(0);
    expect(laid.labels[0]).toMatch(/×2$/);
    expect(recordsOfRows(data.ladder, 0, 2)).toEqual([0, 1, 2]);
  });

  it('cuts endless labels for the screen', () => {
    const data = structuredClone(trapezoid);
    data.ladder.rows[1]!.reasonPhrase = 'x'.repeat(5000);
    const laid = layoutForView(data, VIEW);
    expect(laid.labels[1]!.length).toBe(MAX_LABEL_CHARS);
    expect(laid.geometry.rows[1]!.label.lines.length).toBeLessThan(10);
  });
});
