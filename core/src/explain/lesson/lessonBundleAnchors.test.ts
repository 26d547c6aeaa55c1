import { describe, expect, it } from 'vitest';
import { buildFlow } from '../../../testkit/flow/index.ts';
import { analyzeCaptureBytes } from '../../pipeline/captureAnalysis.ts';
import { anchorsOfMessages, lessonAnchors, placeByAnchors } from './lessonBundleAnchors.ts';
import type { Lesson } from './lessonTypes.ts';

const lesson = (over: Partial<Lesson> = {}): Lesson => ({
  id: 'x', format: 1, capture: 'c.pcap', title: 't', narrative: 'n', goals: [], nodes: {},
  notes: { 2: 'on the 180', 4: 'on the ACK' }, questions: [{ step: 4, question: 'q', answer: 'a' }, { question: 'free', answer: 'a' }], ...over,
});

describe('message anchors', () => {
  it('counts messages within their frame', () => {
    // Messages 2 and 3 arrived in one TCP segment (frame 7).
    expect(anchorsOfMessages([5, 7, 7, 9])).toEqual([
      { frame: 5, messageInFrame: 1 }, { frame: 7, messageInFrame: 1 }, { frame: 7, messageInFrame: 2 }, { frame: 9, messageInFrame: 1 },
    ]);
    expect(anchorsOfMessages([])).toEqual([]);
  });

  it('anchors the messages a lesson names, and nothing past the capture', () => {
    expect(lessonAnchors(lesson({ notes: { 2: 'x', 40: 'too far' } }), [1, 2, 3, 4])).toEqual({
      2: { frame: 2, messageInFrame: 1 }, 4: { frame: 4, messageInFrame: 1 },
    });
  });

  it('finds a second message of one TCP segment in a real capture', () => {
    const built = buildFlow({
      nodes: { a: '192.0.2.1:5060', b: '192.0.2.2:5060' }, transport: 'tcp',
      messages: [
        { from: 'a', to: 'b', text: 'OPTIONS sip:b@192.0.2.2 SIP/2.0\nVia: SIP/2.0/TCP 192.0.2.1;branch=z9hG4bK1\nCall-ID: 1@a\nCSeq: 1 OPTIONS\nFrom: <sip:a@a>;tag=1\nTo: <sip:b@b>\n', coalesceWithNext: true },
        { from: 'a', to: 'b', text: 'OPTIONS sip:b@192.0.2.2 SIP/2.0\nVia: SIP/2.0/TCP 192.0.2.1;branch=z9hG4bK2\nCall-ID: 2@a\nCSeq: 1 OPTIONS\nFrom: <sip:a@a>;tag=2\nTo: <sip:b@b>\n' },
      ],
    });
    const frames = analyzeCaptureBytes(built.bytes).records.map((r) => r.frame);
    expect(frames).toHaveLength(2);
    const anchors = anchorsOfMessages(frames);
    expect(anchors[0]!.frame).toBe(anchors[1]!.frame);
    expect(anchors.map((a) => a.messageInFrame)).toEqual([1, 2]);
  });

  it('moves notes and question steps to the messages their anchors name now', () => {
    // Written when the capture read as frames 1…4; now an extra message is found first (frame 1, 1st).
    const anchors = lessonAnchors(lesson(), [1, 2, 3, 4]);
    const placed = placeByAnchors(lesson(), anchors, [1, 1, 2, 3, 4]);
    expect(placed.lesson.notes).toEqual({ 3: 'on the 180', 5: 'on the ACK' });
    expect(placed.lesson.questions.map((q) => q.step)).toEqual([5, undefined]);
    expect(placed.moved).toBe(3);
    expect(placed.issues).toEqual([]);
  });

  it('leaves a lesson as it is when nothing moved, and keeps notes that have no anchor', () => {
    const same = placeByAnchors(lesson(), lessonAnchors(lesson(), [1, 2, 3, 4]), [1, 2, 3, 4]);
    expect(same.lesson.notes).toEqual(lesson().notes);
    expect(same.moved).toBe(0);
    expect(placeByAnchors(lesson(), {}, [9, 9, 9]).lesson.notes).toEqual(lesson().notes);
  });

  it('reports an anchor that names no message, once, and keeps its number', () => {
    const placed = placeByAnchors(lesson(), { 4: { frame: 30, messageInFrame: 1 } }, [1, 2, 3, 4]);
    expect(placed.lesson.notes[4]).toBe('on the ACK');
    expect(placed.lesson.questions[0]!.step).toBe(4);
    expect(placed.issues).toEqual([{ severity: 'warning', where: 'anchors.4', message: 'frame 30 has no SIP message 1 now: kept on message 4' }]);
  });

  it('keeps one note when two anchors name the same message', () => {
    const placed = placeByAnchors(lesson(), { 2: { frame: 4, messageInFrame: 1 }, 4: { frame: 4, messageInFrame: 1 } }, [1, 2, 3, 4]);
    expect(placed.lesson.notes).toEqual({ 4: 'on the 180' });
    expect(placed.issues).toEqual([{ severity: 'warning', where: 'notes.4', message: 'message 4 already has a note: this one is left out' }]);
  });
});
