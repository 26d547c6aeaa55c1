import { describe, expect, it } from 'vitest';
import { parseLessonBundle } from '../../core/src/explain/lesson/lessonBundle.ts';
import { placeByAnchors } from '../../core/src/explain/lesson/lessonBundleAnchors.ts';
import { buildLessonView, type LessonStep } from '../../core/src/explain/lesson/lessonView.ts';
import { analyzeCaptureBytes } from '../../core/src/pipeline/captureAnalysis.ts';
import { buildFlow } from '../../core/testkit/flow/index.ts';
import { callTexts } from '../../core/testkit/flow/sampleCall.ts';
import { AnalysisBackend } from '../backend/analysisBackend.ts';
import { dispatch, type DispatchContext } from '../backend/dispatch.ts';
import { fileChunks } from '../backend/fileChunks.ts';
import { inlineAnalysis } from '../backend/workerPorts.ts';
import type { ProgressEvent, StepView } from '../shared/ipcContract.ts';
import { lessonFileStem } from './lessonAuthoring.ts';
import { TextPseudonyms } from './lessonAuthoringText.ts';
import type { LessonBundleRequest, LessonDraftData } from './lessonAuthoringTypes.ts';
import { readCapture, TRAPEZOID_PATH } from './testCaptures.ts';

/** Two calls, interleaved in time, and an OPTIONS ping between them: a capture where one call is taught. */
function twoCalls(): Uint8Array {
  const a = callTexts({ caller: '192.0.2.10:5060', callee: '192.0.2.20:5060', via: 'UDP', callId: 'first-call@192.0.2.10' });
  // The second call's own tags, branch and caller, or correlation would take it for a leg of the first.
  const b = Object.fromEntries(Object.entries(callTexts({ caller: '198.51.100.7:5060', callee: '192.0.2.30:5060', via: 'UDP', callId: 'second-call@198.51.100.7' }))
    .map(([k, t]) => [k, t.replace(/1928301774/g, '55501').replace(/z9hG4bKnashds8/g, 'z9hG4bKother9').replace(/a6c85cf/g, 'b7d96e0').replace(/Alice <sip:alice@atlanta/g, 'Carol <sip:carol@chicago')
      .replace(/bob@biloxi/g, 'dave@denver')])) as typeof a;
  const order = ['invite', 'trying', 'ringing', 'ok', 'ack', 'bye', 'byeOk'] as const;
  const fromCaller = new Set(['invite', 'ack', 'bye']);
  const messages = order.flatMap((k, i) => [
    { from: fromCaller.has(k) ? 'alice' : 'bob', to: fromCaller.has(k) ? 'bob' : 'alice', at: i * 0.2, text: a[k] },
    { from: fromCaller.has(k) ? 'carol' : 'dave', to: fromCaller.has(k) ? 'dave' : 'carol', at: i * 0.2 + 0.05, text: b[k] },
  ]);
  messages.splice(5, 0, { from: 'carol', to: 'bob', at: 0.45, text: 'OPTIONS sip:bob@192.0.2.20 SIP/2.0\nVia: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bKping\nCall-ID: ping@198.51.100.7\nCSeq: 1 OPTIONS\nFrom: <sip:carol@198.51.100.7>;tag=p\nTo: <sip:bob@192.0.2.20>\n' });
  return buildFlow({ nodes: { alice: '192.0.2.10:5060', bob: '192.0.2.20:5060', carol: '198.51.100.7:5060', dave: '192.0.2.30:5060' }, messages }).bytes;
}

async function open(bytes: Uint8Array): Promise<{ ctx: DispatchContext; session: number }> {
  const backend = new AnalysisBackend(inlineAnalysis(fileChunks).port);
  const done = new Promise<ProgressEvent>((resolve) => backend.onProgress((e) => e.phase === 'done' && resolve(e)));
  const opened = backend.openStream('capture.pcap', bytes.length, [bytes]);
  await opened.done;
  await done;
  return { ctx: { backend, capabilities: { mode: 'web', nativeDialogs: false, version: '9.9.9' }, native: {} }, session: opened.result.session };
}

async function stepsOf(ctx: DispatchContext, session: number, rows: number[]): Promise<StepView[]> {
  return (await dispatch(ctx, 'getSteps', [{ session, locale: 'en', rows, offset: 0, limit: 500, nodes: {} }])).steps;
}

const DRAFT: LessonDraftData = {
  title: { en: 'A call through two proxies', fr: 'Un appel à travers deux proxys' }, narrative: { en: 'Alice calls Bob.', fr: '  ' },
  goals: [{ en: 'Follow the Via stack.' }, { en: '   ' }], source: '', nodes: {}, notes: [], questions: [],
};

/** What a student sees when the bundle is opened again: each step's arrow and note, after the anchors placed them. */
function reopen(text: string): { steps: readonly LessonStep[]; questions: readonly { step?: number; question: string }[]; anonymized: boolean } {
  const { bundle, issues } = parseLessonBundle(text, 'saved');
  expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  const analysis = analyzeCaptureBytes(bundle!.capture);
  const placed = placeByAnchors(bundle!.lesson, bundle!.anchors, analysis.records.map((r) => r.frame));
  expect(placed.issues).toEqual([]);
  const view = buildLessonView(placed.lesson, analysis, 'en');
  return { steps: view.steps, questions: view.questions, anonymized: bundle!.anonymized };
}

const arrow = (s: { label: string; transport: string }): string => `${s.label} ${s.transport}`;

describe('saving a lesson authored in the app', () => {
  it('bundles the trapezoid with its notes on the same arrows and its question on the same message', async () => {
    const { ctx, session } = await open(readCapture(TRAPEZOID_PATH));
    const steps = await stepsOf(ctx, session, [0]);
    const request: LessonBundleRequest = {
      session, rows: [0], anonymize: false,
      lesson: { ...DRAFT, notes: [{ index: 2, text: { en: 'atlanta forwards the INVITE.' } }, { index: 8, text: '<img src=x onerror=alert(1)>' }],
        questions: [{ index: 8, question: { en: 'Who sends this?' }, answer: { en: 'biloxi.' } }, { index: null, question: 'Why?', answer: 'Because.' }] },
    };
    const result = await dispatch(ctx, 'buildLessonBundle', [request]);
    expect(result).toMatchObject({ ok: true, fileName: 'a-call-through-two-proxies.sipladder-lesson.json', messages: 14, notes: 2, questions: 2, lost: [] });
    const back = reopen(result.text!);
    expect(back.steps).toHaveLength(14);
    for (const index of [2, 8]) {
      expect(arrow(back.steps[index]!)).toBe(arrow(steps[index]!));
      expect(back.steps[index]!.from).toBe(steps[index]!.from);
    }
    expect(back.steps[2]!.note).toBe('atlanta forwards the INVITE.');
    expect(back.steps[8]!.note).toBe('<img src=x onerror=alert(1)>');
    expect(back.steps.filter((s) => s.note !== undefined)).toHaveLength(2);
    expect(back.questions).toEqual([{ number: 1, step: 9, question: 'Who sends this?', answer: 'biloxi.' }, { number: 2, question: 'Why?', answer: 'Because.' }]);
    const saved = parseLessonBundle(result.text!, 'x').bundle!;
    expect(saved.captureName).toBe('a-call-through-two-proxies.pcap');
    expect(saved.capture).toEqual(readCapture(TRAPEZOID_PATH));
    const lesson = saved.lesson;
    // Empty translations and empty goals are left out, not saved as empty texts.
    expect(lesson.narrative).toEqual({ en: 'Alice calls Bob.' });
    expect(lesson.goals).toEqual([{ en: 'Follow the Via stack.' }]);
  });

  it('bundles only the frames of the call stepped through, renumbering its notes', async () => {
    const { ctx, session } = await open(twoCalls());
    const all = await stepsOf(ctx, session, []);
    expect(all).toHaveLength(15);
    const rows = await dispatch(ctx, 'listCalls', [{ offset: 0, limit: 10, sort: 'start', descending: false, filter: '', hide: '' }]);
    const second = rows.rows.find((r) => r.callId.startsWith('second-call'))!.id;
    const steps = await stepsOf(ctx, session, [second]);
    expect(steps).toHaveLength(7);
    const ringing = steps.find((s) => s.statusCode === 180)!;
    const bye = steps.find((s) => s.method === 'BYE' && s.request)!;
    expect(ringing.index).toBeGreaterThan(2);
    const result = await dispatch(ctx, 'buildLessonBundle', [{
      session, rows: [second], anonymize: false,
      lesson: { ...DRAFT, notes: [{ index: ringing.index, text: 'It rings.' }, { index: bye.index, text: 'Carol hangs up.' }], questions: [{ index: bye.index, question: 'Who?', answer: 'Carol.' }] },
    }]);
    expect(result).toMatchObject({ ok: true, messages: 7, notes: 2, questions: 1 });
    const back = reopen(result.text!);
    expect(back.steps.map((s) => s.note ?? '')).toEqual(['', '', 'It rings.', '', '', 'Carol hangs up.', '']);
    expect(back.steps[2]!.label).toBe('180 Ringing');
    expect(back.questions[0]!.step).toBe(6);
  });

  it('anonymises the capture and the same values in the texts, and the notes still land on their arrows', async () => {
    const { ctx, session } = await open(readCapture(TRAPEZOID_PATH));
    const steps = await stepsOf(ctx, session, []);
    const result = await dispatch(ctx, 'buildLessonBundle', [{
      session, rows: [], anonymize: true,
      // 192.0.2.99 is not in the capture: it stays; the others are the capture's and get its pseudonyms.
      lesson: { ...DRAFT, narrative: 'Alice at 192.0.2.1 calls bob through atlanta, not 192.0.2.99.', nodes: { alice: '192.0.2.1:5060' },
        notes: [{ index: 4, text: 'biloxi.com sends it to 192.0.2.4' }], questions: [] },
    }]);
    expect(result.ok).toBe(true);
    const bundle = parseLessonBundle(result.text!, 'x').bundle!;
    const captureText = Buffer.from(bundle.capture).toString('latin1');
    for (const secret of ['192.0.2.1', '192.0.2.4', 'biloxi', 'atlanta']) {
      expect(captureText).not.toContain(secret);
      expect(JSON.stringify(bundle.lesson)).not.toContain(secret);
    }
    expect(bundle.anonymized).toBe(true);
    expect(bundle.lesson.narrative).toMatch(/^\w{5} at \d+\.\d+\.\d+\.\d calls \w{3} through \w{7}, not 192\.0\.2\.99\.$/);
    const back = reopen(result.text!);
    expect(arrow(back.steps[4]!)).toMatch(/^INVITE sip:\w+@\d/);
    expect(back.steps[4]!.note).toMatch(/^\w+\.com sends it to \d+\.\d+\.\d+\.\d+$/);
    expect(back.steps.map(arrow).map((a) => a.split(' ')[0])).toEqual(steps.map((s) => s.label.split(' ')[0]));
    // The lane name follows its address into the pseudonym.
    expect(back.steps[0]!.from).toBe('alice');
  });

  it('refuses a lesson without a title or story, a half-written question, and a capture no longer open', async () => {
    const { ctx, session } = await open(readCapture(TRAPEZOID_PATH));
    const base: LessonBundleRequest = { session, rows: [0], anonymize: false, lesson: DRAFT };
    expect(await dispatch(ctx, 'buildLessonBundle', [{ ...base, lesson: { ...DRAFT, title: { en: ' ' } } }])).toMatchObject({ ok: false, message: 'not saved: give the lesson a title', text: null });
    expect((await dispatch(ctx, 'buildLessonBundle', [{ ...base, lesson: { ...DRAFT, narrative: '' } }])).message).toMatch(/narrative/);
    expect((await dispatch(ctx, 'buildLessonBundle', [{ ...base, lesson: { ...DRAFT, questions: [{ index: 1, question: 'Why?', answer: '' }] } }])).message)
      .toBe('not saved: question 1 needs both the question and its answer');
    expect((await dispatch(ctx, 'buildLessonBundle', [{ ...base, session: session + 1 }])).message).toMatch(/another capture was opened/);
  });

  it('reports notes on messages the step-through does not have instead of misplacing them', async () => {
    const { ctx, session } = await open(readCapture(TRAPEZOID_PATH));
    const result = await dispatch(ctx, 'buildLessonBundle', [{ session, rows: [0], anonymize: false, lesson: { ...DRAFT, notes: [{ index: 99, text: 'nowhere' }, { index: 0, text: 'first' }] } }]);
    expect(result).toMatchObject({ ok: true, notes: 1, lost: [99] });
    expect(result.message).toMatch(/1 messages with notes or questions are not in the saved capture/);
  });

  it('checks its arguments at the boundary', async () => {
    const { ctx, session } = await open(readCapture(TRAPEZOID_PATH));
    await expect(dispatch(ctx, 'buildLessonBundle', [{ session, rows: [0], anonymize: false, lesson: { ...DRAFT, title: { de: 'Ein Anruf' } } }])).rejects.toThrow(/unknown language 'de'/);
    await expect(dispatch(ctx, 'buildLessonBundle', [{ session, rows: [0], anonymize: 'yes', lesson: DRAFT }])).rejects.toThrow(/anonymize/);
    await expect(dispatch(ctx, 'buildLessonBundle', [{ session, rows: [0], anonymize: false, lesson: { ...DRAFT, notes: [{ index: -1, text: 'x' }] } }])).rejects.toThrow(/index/);
  });
});

describe('lesson file names and text pseudonyms', () => {
  it('makes a file name of any title', () => {
    expect(lessonFileStem('Ein Anruf über zwei Proxys!')).toBe('ein-anruf-uber-zwei-proxys');
    expect(lessonFileStem('Połączenie: 486 Busy')).toBe('po-aczenie-486-busy');
    expect(lessonFileStem('<script>')).toBe('script');
    expect(lessonFileStem('!!!')).toBe('lesson');
    expect(lessonFileStem('x'.repeat(200))).toHaveLength(60);
  });

  it('replaces whole values only, longest first, and leaves short numbers alone', () => {
    const p = new TextPseudonyms(new Map([['192.0.2.1', '10.9.8.7'], ['192.0.2.10', '10.9.8.77'], ['alice', 'qwxyz'], ['100', '555']]));
    expect(p.apply('alice (192.0.2.10) and 192.0.2.1: 100 Trying, malice')).toBe('qwxyz (10.9.8.77) and 10.9.8.7: 100 Trying, malice');
    expect(p.apply({ en: 'alice', fr: 'alice' })).toEqual({ en: 'qwxyz', fr: 'qwxyz' });
    expect(new TextPseudonyms(new Map()).apply('alice')).toBe('alice');
  });
});
