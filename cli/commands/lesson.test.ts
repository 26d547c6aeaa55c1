import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lessonMain, type LessonIo } from './lesson.ts';

const LESSONS = join(__dirname, '../../lessons');
const SCENARIOS = join(__dirname, '../../fixtures/scenarios');
const tmp = mkdtempSync(join(tmpdir(), 'sipladder-lesson-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(argv: string[], env: LessonIo['env'] = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: LessonIo = {
    out: { write: (c: string | Uint8Array) => ((out += String(c)), true) },
    err: { write: (c: string | Uint8Array) => ((err += String(c)), true) },
    env,
  };
  const code = await lessonMain(argv, io);
  return { code, out, err };
}

describe('sipladder lesson list', () => {
  it('lists every lesson of the library in course order, titles in the chosen language', async () => {
    const { code, out } = await run(['list', '--lang', 'fr']);
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toBe('Leçons (23)');
    expect(out.split('\n')[1]).toMatch(/^ {2}trapezoid-two-proxies +Le trapèze SIP/);
    expect(out).toContain('Un proxy sans état relaie tout');
  });

  it('speaks the language of LANG, and LC_ALL before LANG', async () => {
    expect((await run(['list'], { LANG: 'pl_PL.UTF-8' })).out).toMatch(/^Lekcje \(23\)/);
    expect((await run(['list'], { LANG: 'pl_PL.UTF-8', LC_ALL: 'es_ES.UTF-8' })).out).toMatch(/^Lecciones \(23\)/);
    expect((await run(['list'], { LANG: 'C' })).out).toMatch(/^Lessons \(23\)/);
    expect((await run(['list', '--lang', 'en'], { LANG: 'fr_FR.UTF-8' })).out).toMatch(/^Lessons/);
  });
});

describe('sipladder lesson show', () => {
  it('shows the lesson, every message explained, and hides the answers', async () => {
    const { code, out } = await run(['show', 'cancel', '--width', '100'], { LANG: 'en_US.UTF-8' });
    expect(code).toBe(0);
    expect(out).toMatch(/^CANCEL: the caller gives up while the phone rings\n/);
    expect(out).toContain('Learning goals');
    expect(out).toMatch(/ {3}9 .*proxy {4}→ phone309 {2}CANCEL sip:309@192\.168\.1\.11/);
    expect(out).toContain('The proxy sends its own CANCEL downstream, with the branch of the INVITE it forwarded');
    expect(out).toContain('Answer hidden: add --answers to see it');
    expect(out).not.toContain('CANCEL is hop-by-hop: a stateful proxy answers it on the incoming hop');
  });

  it('shows the answers with --answers', async () => {
    const { out } = await run(['show', 'cancel', '--answers', '--width', '400']);
    expect(out).toContain('Answer: CANCEL is hop-by-hop: a stateful proxy answers it on the incoming hop');
  });

  it('steps to one message: the ladder so far, then that message and its question', async () => {
    const { code, out } = await run(['show', 'timeout-408', '--step', '10', '--lang', 'es']);
    expect(code).toBe(0);
    expect(out).toContain('── Mensaje 10 de 11 ──');
    expect(out).toContain('El proxy se rinde: el temporizador B (64·T1 = 32 s) expiró sin ninguna respuesta');
    expect(out).toContain('¿Quién envía el 408, y tras cuánto tiempo?');
    expect(out).not.toContain('Objetivos');
  });

  it('refuses a step past the end, an unknown lesson, a language it does not have, and stray options', async () => {
    expect((await run(['show', 'cancel', '--step', '15'])).code).toBe(2);
    const unknown = await run(['show', 'no-such-lesson'], { LANG: 'fr_FR.UTF-8' });
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Pas de leçon nommée no-such-lesson');
    expect((await run(['show', 'cancel', '--lang', 'de'])).err).toContain('--lang: expected one of en, fr, es, pl');
    expect((await run(['list', '--answers'])).code).toBe(2);
    expect((await run(['show'])).code).toBe(2);
    expect((await run(['teach', 'cancel'])).err).toContain("unknown action 'teach'");
    expect((await run(['show', 'cancel', '--step', 'x'])).err).toContain('--step: expected a whole number');
  });

  it('prints its help', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('Usage: sipladder lesson list');
  });
});

describe("a teacher's own lesson", () => {
  it('opens from a path, with a .flow capture built on the fly', async () => {
    const dir = join(tmp, 'own');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'lesson.json'), JSON.stringify({
      format: 1, capture: join(SCENARIOS, 'busy-here-486/busy-here-486.flow'), title: { en: 'Busy' }, narrative: 'tom is busy.',
      notes: { 4: 'Here.' }, questions: [{ step: 4, question: 'Why?', answer: 'Busy.' }],
    }));
    const { code, out, err } = await run(['show', dir, '--answers']);
    expect(err).toContain('warning at title: no fr, es, pl text');
    expect(code).toBe(0);
    expect(out).toContain('486 Busy Here: the callee\'s device is busy');
    expect(out).toContain('Answer: Busy.');
  });

  it('reports a typo with the file, the field and a suggestion, and exits 4', async () => {
    const file = join(tmp, 'typo.json');
    writeFileSync(file, JSON.stringify({ format: 1, capture: 'x.pcap', titel: 'Busy', narrative: 'x' }));
    const { code, err } = await run(['check', file]);
    expect(code).toBe(4);
    expect(err).toContain(`${file}: error at titel: unknown field 'titel' — did you mean 'title'?`);
    expect(err).toContain(`${file}: error at title: missing`);
  });

  it('says which note points past the end of the capture', async () => {
    const file = join(tmp, 'far.json');
    writeFileSync(file, JSON.stringify({
      format: 1, capture: join(SCENARIOS, 'busy-here-486/busy-here-486.pcap'), title: 'x', narrative: 'x', notes: { 40: 'too far' },
    }));
    const { code, err } = await run(['check', file]);
    expect(code).toBe(4);
    expect(err).toContain('error at notes.40: the capture has 7 SIP messages, there is no message 40');
  });

  it('checks a good lesson', async () => {
    const { code, out } = await run(['check', join(LESSONS, 'cancel/lesson.json')]);
    expect(code).toBe(0);
    expect(out).toMatch(/ok — 14 SIP messages, 6 notes, 3 questions/);
  });

  it('names a missing capture', async () => {
    const file = join(tmp, 'nocapture.json');
    writeFileSync(file, JSON.stringify({ format: 1, capture: 'missing.pcap', title: 'x', narrative: 'x' }));
    const { code, err } = await run(['check', file]);
    expect(code).toBe(3);
    expect(err).toContain('missing.pcap: no such file');
  });
});

describe('sipladder lesson export', () => {
  it('writes one self-contained HTML page: no script, no network, four languages, every step', async () => {
    const out = join(tmp, 'cancel.html');
    const { code } = await run(['export', 'cancel', '--format', 'html', '-o', out, '--lang', 'pl']);
    expect(code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toMatch(/<script|javascript:|src=|href="http/i);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('<html lang="pl">');
    expect(html).toContain('<input type="radio" name="lang" id="lang-pl" class="lang" checked>');
    expect(html.match(/<input type="radio" name="step"/g)).toHaveLength(14);
    expect(html).toContain('#step-9:checked~main .steps>li:nth-child(9){display:block}');
    expect(html).toContain('svg g.arrow[data-row="8"]~g.arrow');
    for (const text of ['Le proxy envoie son propre CANCEL', 'El proxy envía su propio CANCEL', 'Proxy wysyła dalej własny CANCEL']) expect(html).toContain(text);
    expect(html).toMatch(/<details class="question"><summary>/);
    expect(html).toContain('<svg');
  });

  it('writes Mermaid with the lesson names on the participants and the notes under their arrows', async () => {
    const { code, out } = await run(['export', 'cancel', '--format', 'mermaid', '-o', '-']);
    expect(code).toBe(0);
    expect(out).toMatch(/^%% CANCEL: the caller gives up/);
    expect(out).toContain('participant L1 as proxy<br/>');
    expect(out).toMatch(/L1->>L2: CANCEL\n\s+Note over L1,L2: ✎ The proxy's own CANCEL/);
  });

  it('will not overwrite a file without --force, and wants a format and an output', async () => {
    const out = join(tmp, 'exists.html');
    writeFileSync(out, 'keep');
    expect((await run(['export', 'cancel', '--format', 'html', '-o', out])).code).toBe(5);
    expect(readFileSync(out, 'utf8')).toBe('keep');
    expect((await run(['export', 'cancel', '--format', 'html', '-o', out, '--force'])).code).toBe(0);
    expect((await run(['export', 'cancel', '--format', 'pdf', '-o', out])).code).toBe(2);
    expect((await run(['export', 'cancel', '--format', 'html'])).code).toBe(2);
    expect(existsSync(out)).toBe(true);
  });
});

describe('lesson bundles: one file with the lesson and its capture', () => {
  const bundleFile = join(tmp, 'cancel.sipladder-lesson.json');

  it('packs a library lesson with its capture, and checks and shows the bundle as the lesson itself', async () => {
    const packed = await run(['pack', 'cancel', '-o', bundleFile]);
    expect(packed.code).toBe(0);
    const bundle = JSON.parse(readFileSync(bundleFile, 'utf8')) as { lesson: { capture: string; notes: object }; anchors: Record<string, { frame: number }>; capture: { name: string } };
    expect(bundle.lesson.capture).toBe('cancel.pcap');
    expect(bundle.capture.name).toBe('cancel.pcap');
    expect(Object.keys(bundle.anchors)).toEqual(expect.arrayContaining(Object.keys(bundle.lesson.notes)));
    const { code, out } = await run(['check', bundleFile]);
    expect(code).toBe(0);
    expect(out).toMatch(/ok — 14 SIP messages, 6 notes, 3 questions \(bundle: cancel\.pcap\)/);
    const fromBundle = await run(['show', bundleFile, '--step', '9', '--width', '100', '--lang', 'fr']);
    const fromLibrary = await run(['show', 'cancel', '--step', '9', '--width', '100', '--lang', 'fr']);
    expect(fromBundle.code).toBe(0);
    // The same ladder, note and question at message 9; only the capture's label differs.
    const body = (text: string) => text.split('\n').filter((l) => !/cancel\.(pcap|sipladder)/.test(l)).join('\n');
    expect(body(fromBundle.out)).toBe(body(fromLibrary.out));
  });

  it('imports a bundle into a folder that `lesson check` accepts, with the same notes', async () => {
    const dir = join(tmp, 'imported');
    const { code, out } = await run(['import', bundleFile, dir]);
    expect(code).toBe(0);
    expect(out).toMatch(/lesson\.json and .*cancel\.pcap — 14 SIP messages, 6 notes, 3 questions/);
    const written = JSON.parse(readFileSync(join(dir, 'lesson.json'), 'utf8')) as { capture: string; notes: object };
    const original = JSON.parse(readFileSync(join(LESSONS, 'cancel/lesson.json'), 'utf8')) as { notes: object; questions: object };
    expect(written.capture).toBe('cancel.pcap');
    expect(written.notes).toEqual(original.notes);
    expect(readFileSync(join(dir, 'cancel.pcap'))).toEqual(readFileSync(join(SCENARIOS, 'cancel/cancel.pcap')));
    expect((await run(['check', dir])).out).toMatch(/ok — 14 SIP messages, 6 notes, 3 questions\n$/);
    const again = await run(['import', bundleFile, dir]);
    expect(again.code).toBe(5);
    expect(again.err).toMatch(/exists: add --force/);
    expect((await run(['import', bundleFile, dir, '--force'])).code).toBe(0);
  });

  it('puts notes on the messages their anchors name, even when the file numbers them otherwise', async () => {
    const bundle = JSON.parse(readFileSync(bundleFile, 'utf8')) as { lesson: { notes: Record<string, unknown>; questions: { step?: number }[] }; anchors: Record<string, unknown> };
    // As if written by a version that counted one message fewer before them: every number is one less.
    const shift = <T>(record: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(record).map(([k, v]) => [String(Number(k) - 1), v]));
    bundle.lesson.notes = shift(bundle.lesson.notes);
    bundle.anchors = shift(bundle.anchors);
    for (const q of bundle.lesson.questions) if (q.step !== undefined) q.step -= 1;
    const file = join(tmp, 'shifted.sipladder-lesson.json');
    writeFileSync(file, JSON.stringify(bundle));
    const fromBundle = await run(['show', file, '--answers', '--width', '120']);
    const fromLibrary = await run(['show', 'cancel', '--answers', '--width', '120']);
    expect(fromBundle.code).toBe(0);
    const body = (text: string) => text.split('\n').filter((l) => !/cancel\.pcap|shifted/.test(l)).join('\n');
    expect(body(fromBundle.out)).toBe(body(fromLibrary.out));
  });

  it('says where a damaged bundle is broken, and refuses to import what is not a bundle', async () => {
    const cut = join(tmp, 'cut.sipladder-lesson.json');
    const text = readFileSync(bundleFile, 'utf8');
    writeFileSync(cut, text.slice(0, text.length - 200));
    const broken = await run(['check', cut]);
    expect(broken.code).toBe(4);
    expect(broken.err).toMatch(/the lesson bundle has errors:\n.*cut\.sipladder-lesson\.json: error at line \d+, column \d+: not valid JSON/);
    const notBundle = await run(['import', join(LESSONS, 'cancel/lesson.json'), join(tmp, 'nothing')]);
    expect(notBundle.code).toBe(4);
    expect(notBundle.err).toMatch(/is not a lesson bundle/);
    expect((await run(['import', bundleFile])).code).toBe(2);
    expect((await run(['pack', 'cancel'])).err).toMatch(/lesson pack: give the output file with -o OUT/);
  });
});
