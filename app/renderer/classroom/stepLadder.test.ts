import { describe, expect, it } from 'vitest';
import type { StepView } from '../../shared/classroomTypes.ts';
import { arrowLabel, fitLabel, formatOffset, layoutStepLadder, rowsInView } from './stepLadder.ts';

function step(index: number, from: string, to: string, over: Partial<StepView> = {}): StepView {
  return {
    index, frame: index + 1, offsetMs: index * 10, from, to, src: `${from}:5060`, dst: `${to}:5060`, request: true, method: 'INVITE', statusCode: 0,
    label: 'INVITE sip:bob@example.com', transport: 'UDP', retransmission: false, dialog: 0, sdp: false, noise: false, explanations: [], ...over,
  };
}

const options = { widthPx: 900, rowHeightPx: 40, timeColumnPx: 100, minLaneSpacingPx: 150, fontPx: 16 };

describe('the step-through ladder layout', () => {
  const steps = [
    step(0, 'alice', 'proxy'), step(1, 'proxy', 'bob'),
    step(2, 'bob', 'proxy', { request: false, statusCode: 180, label: '180 Ringing', sdp: true }),
    step(3, 'proxy', 'proxy', { method: 'OPTIONS' }),
  ];

  it('puts lanes in order of first appearance, sender first, spread over the width', () => {
    const layout = layoutStepLadder(steps, options);
    expect(layout.lanes.map((l) => l.name)).toEqual(['alice', 'proxy', 'bob']);
    expect(layout.lanes.map((l) => l.x)).toEqual([233, 499, 765]);
    expect(layout.lanes[1]!.endpoints).toEqual(['proxy:5060']);
  });

  it('gives each message a row in order, arrows pointing from sender to receiver', () => {
    const layout = layoutStepLadder(steps, options);
    expect(layout.rows.map((r) => r.y)).toEqual([25, 65, 105, 145]);
    const [invite, , ringing] = layout.rows;
    expect([invite!.x1, invite!.x2]).toEqual([233, 499]);
    expect([ringing!.x1, ringing!.x2]).toEqual([765, 499]);
    expect(invite!.head).toMatch(/^M499,25l-11,/);
    expect(ringing!.head).toMatch(/^M499,105l11,/);
    expect(layout.height).toBe(4 * 40 + 10);
  });

  it('labels requests by method and responses by status, with an SDP badge', () => {
    const layout = layoutStepLadder(steps, options);
    expect(layout.rows.map((r) => r.label)).toEqual(['INVITE', 'INVITE', '180 Ringing', 'OPTIONS']);
    expect(layout.rows[2]!.badge).toBe('SDP');
    expect(arrowLabel({ request: true, method: '', label: 'FOO sip:x' })).toBe('FOO sip:x');
  });

  it('draws a message from a node to itself as a loop with its label beside it', () => {
    const loop = layoutStepLadder(steps, options).rows[3]!;
    expect(loop.path).toBe('M499,138h40v14h-40');
    expect(loop.labelAnchor).toBe('start');
  });

  it('keeps lanes apart when there are too many for the width (the ladder scrolls sideways)', () => {
    const many = Array.from({ length: 10 }, (_, i) => step(i, `n${i}`, `n${i + 1}`));
    const layout = layoutStepLadder(many, options);
    expect(layout.lanes[1]!.x - layout.lanes[0]!.x).toBe(150);
    expect(layout.width).toBeGreaterThan(900);
  });

  it('shortens labels that do not fit between lanes, and draws only rows near the view', () => {
    expect(fitLabel('183 Session Progress', 100, 16)).toBe('183 Sessi…');
    expect(fitLabel('ACK', 100, 16)).toBe('ACK');
    expect(rowsInView({ rowHeight: 40 }, 400, 200, 100, 2)).toEqual({ first: 8, end: 17 });
    expect(rowsInView({ rowHeight: 40 }, 0, 200, 3, 2)).toEqual({ first: 0, end: 3 });
  });

  it('writes times since the first message', () => {
    expect(formatOffset(2503.4)).toBe('+2.503 s');
    expect(formatOffset(-1)).toBe('+0.000 s');
  });
});
