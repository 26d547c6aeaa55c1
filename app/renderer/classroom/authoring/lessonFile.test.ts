import { describe, expect, it } from 'vitest';
import { writeLessonBundle } from '../../../../core/src/explain/lesson/lessonBundle.ts';
import type { OpenResult, StepsPage, StepsQuery, StepView } from '../../../shared/ipcContract.ts';
import { LessonFileError, messageFrames, openLessonFile } from './lessonFile.ts';

/** A step with only what opening a lesson file reads: its frame. */
const step = (index: number, frame: number): StepView => ({
  index, frame, offsetMs: 0, from: 'a', to: 'b', src: 'a', dst: 'b', request: true, method: 'INVITE', statusCode: 0, label: 'INVITE',
  transport: 'UDP', retransmission: false, dialog: 0, sdp: false, noise: false, explanations: [],
});

/** A session whose analysis is ready after `notReadyFor` polls, its messages in these frames. */
function fakeApi(frames: number[], notReadyFor = 0, session = 7) {
  const opened: { name: string; bytes: number }[] = [];
  let polls = 0;
  return {
    opened,
    openBytes: async (name: string, data: Uint8Array): Promise<OpenResult> => {
      opened.push({ name, bytes: data.length });
      return { session, name, sizeBytes: data.length };
    },
    getSteps: async (q: StepsQuery): Promise<StepsPage> => {
      const ready = polls++ >= notReadyFor;
      const steps = ready ? frames.map((f, i) => step(i, f)).slice(q.offset, q.offset + 2) : [];
      return { session, generation: 1, ready, total: ready ? frames.length : 0, truncated: false, offset: q.offset, steps };
    },
  };
}

const bundleText = (anchors: Record<number, { frame: number; messageInFrame: number }>): string => writeLessonBundle({
  lesson: { format: 1, capture: 'x', title: { en: 'A call' }, narrative: 'Alice calls Bob.', goals: [], nodes: {},
    notes: { 2: 'on the second', 4: '<b>on the fourth</b>' }, questions: [{ step: 4, question: 'q', answer: 'a' }] },
  captureName: 'a-call.pcap', capture: new Uint8Array([1, 2, 3]), anchors, anonymized: false,
});

const file = (text: string, name = 'a-call.sipladder-lesson.json') => ({ name, size: text.length, text: async () => text });

describe('opening a lesson file in the page', () => {
  it('opens the bundled capture and puts every note on the message its anchor names', async () => {
    // Saved when messages 2 and 4 were in frames 2 and 4; this analysis finds an extra message in frame 1.
    const api = fakeApi([1, 1, 2, 3, 4]);
    const opened = await openLessonFile(api, file(bundleText({ 2: { frame: 2, messageInFrame: 1 }, 4: { frame: 4, messageInFrame: 1 } })));
    expect(api.opened).toEqual([{ name: 'a-call.pcap', bytes: 3 }]);
    expect(opened.session).toBe(7);
    expect(opened.lesson.id).toBe('a-call');
    expect(opened.lesson.notes).toEqual({ 3: 'on the second', 5: '<b>on the fourth</b>' });
    expect(opened.lesson.questions[0]!.step).toBe(5);
    expect(opened.warnings).toEqual([]);
  });

  it('waits for the analysis, reading every page of frames', async () => {
    const sleeps: number[] = [];
    expect(await messageFrames(fakeApi([5, 6, 7, 8, 9], 3), 7, async (ms) => void sleeps.push(ms))).toEqual([5, 6, 7, 8, 9]);
    expect(sleeps).toHaveLength(3);
  });

  it('says which anchor names no message, and keeps that note where the file put it', async () => {
    const opened = await openLessonFile(fakeApi([1, 2, 3, 4]), file(bundleText({ 4: { frame: 40, messageInFrame: 1 } })));
    expect(opened.lesson.notes).toEqual({ 2: 'on the second', 4: '<b>on the fourth</b>' });
    expect(opened.warnings).toEqual(['anchors.4: frame 40 has no SIP message 1 now: kept on message 4']);
  });

  it('refuses a damaged or oversized file, or a lesson.json without its capture, saying where', async () => {
    const api = fakeApi([1]);
    const text = bundleText({});
    await expect(openLessonFile(api, file(text.slice(0, 200)))).rejects.toThrow(/^line \d+, column \d+: not valid JSON/);
    await expect(openLessonFile(api, file(JSON.stringify({ format: 1, capture: 'x.pcap', title: 't', narrative: 'n' }), 'lesson.json'))).rejects.toThrow(/sipladderLessonBundle: missing/);
    await expect(openLessonFile(api, { ...file(text), size: 2 ** 30 })).rejects.toBeInstanceOf(LessonFileError);
    expect(api.opened).toEqual([]);
  });

  it('stops when another capture is opened meanwhile', async () => {
    const api = { ...fakeApi([1]), getSteps: async (q: StepsQuery): Promise<StepsPage> => ({ session: 99, generation: 1, ready: true, total: 0, truncated: false, offset: q.offset, steps: [] }) };
    await expect(openLessonFile(api, file(bundleText({})))).rejects.toThrow(/another capture was opened/);
  });
});
