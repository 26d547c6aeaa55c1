import { describe, expect, it } from 'vitest';
import { CaptureSession } from '../../engine/captureSession.ts';
import { readCapture, TRAPEZOID_PATH } from '../../engine/testCaptures.ts';
import { retransmissionCapture } from '../../engine/testFlows.ts';
import type { LadderData } from '../../shared/apiTypes.ts';
import { DEFAULT_LAYOUT, layoutLadder, placeBrackets } from './layoutLadder.ts';

function ladderOf(bytes: Uint8Array, rows = [0]): LadderData {
  const s = new CaptureSession({ session: 1, name: 't', totalBytes: null });
  s.push(bytes);
  s.finish();
  return s.ladder(rows);
}

describe('layoutLadder', () => {
  const trapezoid = ladderOf(readCapture(TRAPEZOID_PATH));

  it('puts the trapezoid’s four nodes left to right in order of appearance, evenly spaced', () => {
    const layout = layoutLadder(trapezoid);
    expect(layout.lanes.map((l) => l.label)).toEqual(['192.0.2.1:5060', '192.0.2.2:5060', '192.0.2.3:5060', '192.0.2.4:5060']);
    const xs = layout.lanes.map((l) => l.x);
    expect(xs[1]! - xs[0]!).toBe(DEFAULT_LAYOUT.laneSpacingPx);
    expect(xs[3]! - xs[2]!).toBe(DEFAULT_LAYOUT.laneSpacingPx);
    expect(layout.width).toBeGreaterThan(xs[3]!);
    expect(xs[0]!).toBeGreaterThan(DEFAULT_LAYOUT.timeColumnPx);
  });

  it('draws one arrow per message, each on its own row, from sender lane to receiver lane', () => {
    const layout = layoutLadder(trapezoid);
    expect(layout.rows).toHaveLength(14);
    const [lane0, lane1, lane2, lane3] = layout.lanes.map((l) => l.x);
    expect([layout.rows[0]!.x1, layout.rows[0]!.x2]).toEqual([lane0, lane1]);
    expect([layout.rows[1]!.x1, layout.rows[1]!.x2]).toEqual([lane1, lane0]);
    expect([layout.rows[4]!.x1, layout.rows[4]!.x2]).toEqual([lane2, lane3]);
    expect([layout.rows[11]!.x1, layout.rows[11]!.x2]).toEqual([lane0, lane3]);
    const ys = layout.rows.map((r) => r.y);
    expect(ys.every((y, i) => i === 0 || y - ys[i - 1]! === DEFAULT_LAYOUT.rowHeightPx)).toBe(true);
    expect(layout.rows[0]!.path).toBe(`M${lane0},${ys[0]}H${lane1}`);
    expect(layout.bodyHeight).toBeGreaterThanOrEqual(14 * DEFAULT_LAYOUT.rowHeightPx);
  });

  it('labels requests with the method, responses with code and reason, and marks SDP with its codec', () => {
    const rows = layoutLadder(trapezoid).rows;
    expect(rows.map((r) => r.label).slice(0, 3)).toEqual(['INVITE', '100 Trying', 'INVITE']);
    expect(rows[0]!.badge).toBe('SDP PCMU/8000');
    expect(rows[1]!.badge).toBe('');
    expect(rows[8]!.label).toBe('200 OK');
  });

  it('brackets each transaction per hop, overlapping ones in separate slots', () => {
    const layout = layoutLadder(trapezoid);
    expect(layout.brackets.map((b) => b.transaction).sort()).toEqual([0, 1, 2, 3, 4]);
    const outer = layout.brackets.find((b) => b.transaction === 0)!;
    const inner = layout.brackets.find((b) => b.transaction === 1)!;
    expect(outer.slot).not.toBe(inner.slot);
    expect(outer.y1).toBeLessThan(inner.y1);
    expect(outer.y2).toBeGreaterThan(inner.y2);
    const ack = layout.brackets.find((b) => b.transaction === 3)!;
    expect(ack.slot).toBe(0);
  });

  it('folds a retransmission into its original with a count, or shows it on its own row when unfolded', () => {
    const data = ladderOf(retransmissionCapture());
    const folded = layoutLadder(data);
    expect(folded.rows).toHaveLength(4);
    expect(folded.rows[0]!.folded).toBe(1);
    expect(folded.rowOfMessage.get(1)).toBe(0);
    const unfolded = layoutLadder(data, { ...DEFAULT_LAYOUT, foldRetransmissions: false });
    expect(unfolded.rows).toHaveLength(5);
    expect(unfolded.rows[1]!.retransmission).toBe(true);
  });

  it('merges lanes by host, drawing a loop when both ends land on one lane, and applies aliases', () => {
    const data: LadderData = {
      ...trapezoid,
      nodes: [],
      messages: trapezoid.messages.slice(0, 2).map((m, i) => ({ ...m, src: i === 0 ? '10.0.0.1:5060' : '10.0.0.1:5080', dst: i === 0 ? '10.0.0.1:5080' : '10.0.0.1:5060', srcNode: -1, dstNode: -1 })),
    };
    const byHost = layoutLadder(data, { ...DEFAULT_LAYOUT, laneMode: 'host', aliases: { '10.0.0.1': 'pbx' } });
    expect(byHost.lanes.map((l) => [l.label, l.endpoints])).toEqual([['pbx', ['10.0.0.1:5060', '10.0.0.1:5080']]]);
    expect(byHost.rows[0]!.path).toMatch(/^M[\d.]+,[\d.]+h36v12h-36$/);
    expect(byHost.rows[0]!.labelAnchor).toBe('start');
    const byPort = layoutLadder(data, { ...DEFAULT_LAYOUT, laneMode: 'hostPort' });
    expect(byPort.lanes).toHaveLength(2);
  });

  it('stretches lane spacing to fill the width it is given, within limits', () => {
    const wide = layoutLadder(trapezoid, { ...DEFAULT_LAYOUT, fitWidthPx: 1400 });
    const narrow = layoutLadder(trapezoid, { ...DEFAULT_LAYOUT, fitWidthPx: 500 });
    const spacing = (l: ReturnType<typeof layoutLadder>): number => l.lanes[1]!.x - l.lanes[0]!.x;
    expect(spacing(wide)).toBeGreaterThan(DEFAULT_LAYOUT.laneSpacingPx);
    expect(wide.width).toBeLessThanOrEqual(1400);
    expect(spacing(narrow)).toBe(Math.round(DEFAULT_LAYOUT.laneSpacingPx * 0.75));
  });

  it('lays out an empty ladder without failing', () => {
    const empty = layoutLadder({ messages: [], nodes: [] });
    expect(empty.rows).toEqual([]);
    expect(empty.lanes).toEqual([]);
  });
});

describe('placeBrackets', () => {
  it('reuses a slot once the earlier transaction has ended, and ignores rows without one', () => {
    const b = placeBrackets([0, 1, 0, -1, 1, 2, 2], 10);
    expect(b.map((x) => [x.transaction, x.slot])).toEqual([[0, 0], [1, 1], [2, 0]]);
  });
});
