/**
 * `sipladder lesson list | show NAME | check FILE | export NAME | import BUNDLE DIR | pack NAME`: the classroom
 * lessons (lessons/<id>/lesson.json, docs/lessons.md) in the terminal, in the language of LANG / LC_ALL or
 * --lang; a lesson bundle (one .sipladder-lesson.json holding lesson and capture, as the app saves it) is
 * read wherever a lesson is. Takes its own arguments (main.ts hands over everything after `lesson`), reads
 * and writes files, and leaves the rest to the pure core (core/src/explain/lesson) and the export stage.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isLocale, LOCALES, localeFromEnvironment, type Locale, type LocaleEnvironment } from '../../core/src/explain/i18n/locale.ts';
import { translate } from '../../core/src/explain/i18n/translate.ts';
import { looksLikeLessonBundle, parseLessonBundle, writeLessonBundle, type LessonBundle } from '../../core/src/explain/lesson/lessonBundle.ts';
import { lessonAnchors, placeByAnchors } from '../../core/src/explain/lesson/lessonBundleAnchors.ts';
import { lessonJson } from '../../core/src/explain/lesson/lessonBundleJson.ts';
import { lessonHtml } from '../../core/src/explain/lesson/lessonHtml.ts';
import { lessonMermaid } from '../../core/src/explain/lesson/lessonMermaid.ts';
import type { Lesson, LessonIssue } from '../../core/src/explain/lesson/lessonTypes.ts';
import { buildLessonView, type LessonView } from '../../core/src/explain/lesson/lessonView.ts';
import { pickText } from '../../core/src/explain/lesson/localizedText.ts';
import { nodeLabeler } from '../../core/src/explain/lesson/nodeLabels.ts';
import { checkLessonSteps, parseLesson } from '../../core/src/explain/lesson/parseLesson.ts';
import { renderLessonText } from '../../core/src/explain/lesson/renderLessonText.ts';
import { selectLadder } from '../../core/src/export/exportSource.ts';
import { toMermaid } from '../../core/src/export/mermaid/toMermaid.ts';
import { svgLadder } from '../../core/src/export/svg/toSvg.ts';
import { analyzeCaptureBytes, type CaptureAnalysis } from '../../core/src/pipeline/captureAnalysis.ts';
import { buildFlowFile } from '../../core/testkit/flow/buildFlowFile.ts';
import { CliError, EXIT, reportCommandError } from '../cliError.ts';
import { writeNewFile } from '../writeOutput.ts';
import type { OutStream } from '../command.ts';
import { describeFsError } from '../openInput.ts';

export const lessonHelp = `Usage: sipladder lesson list [--lang L]
       sipladder lesson show NAME [--step N] [--answers] [--lang L] [--width N]
       sipladder lesson export NAME --format html|mermaid -o OUT [--force] [--lang L]
       sipladder lesson check FILE
       sipladder lesson import BUNDLE DIR [--force]
       sipladder lesson pack NAME -o OUT.sipladder-lesson.json [--force]

SIP lessons for the classroom: a capture, a short story, learning goals, notes on some messages and
questions. \`show\` prints the lesson and every message with a plain-language explanation (and its RFC
section); --step N shows the ladder up to message N and that message in full, as a teacher steps through.
Answers stay hidden unless --answers is given. \`check\` validates a lesson file a teacher wrote.
A lesson bundle (.sipladder-lesson.json: the lesson and its capture in one file, as the app's *Save lesson*
writes it) works wherever a lesson does; \`import\` unpacks one into DIR (lesson.json and the capture),
\`pack\` makes one of a lesson folder.

NAME is a lesson of the library (\`sipladder lesson list\`), the path of a lesson.json (or its folder), or a
bundle. The formats are documented in docs/lessons.md.

Options:
  --lang L          en, fr, es or pl (default: from LC_ALL, LC_MESSAGES or LANG, e.g. fr_FR.UTF-8 → fr)
  --step N          show messages 1…N, message N in full, and the questions about it
  --answers         show the answers to the questions
  --width N         wrap text at N columns (default: the terminal's width, or 100)
  -F, --format F    export format: html (one self-contained page, step-through without script, all four
                    languages) or mermaid (sequenceDiagram with the teacher's notes)
  -o, --output OUT  file to write the export to (- for standard output)
  --force           overwrite OUT if it exists
  --dir DIR         the lesson library folder (default: the lessons/ folder shipped with sipladder,
                    or $SIPLADDER_LESSONS)

Examples:
  sipladder lesson list
  LANG=fr_FR.UTF-8 sipladder lesson show cancel --step 9
  sipladder lesson show trapezoid-two-proxies --answers --lang pl
  sipladder lesson export nat-received-rport --format html -o nat.html
  sipladder lesson check my-lessons/transfer/lesson.json
  sipladder lesson import transfer.sipladder-lesson.json my-lessons/transfer`;

export interface LessonIo {
  readonly out: OutStream;
  readonly err: OutStream;
  readonly env?: LocaleEnvironment & { readonly SIPLADDER_LESSONS?: string | undefined };
}

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  lang: { type: 'string' },
  step: { type: 'string' },
  answers: { type: 'boolean' },
  width: { type: 'string' },
  format: { type: 'string', short: 'F' },
  output: { type: 'string', short: 'o' },
  force: { type: 'boolean' },
  dir: { type: 'string' },
} as const;

const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  list: ['lang', 'dir'],
  show: ['lang', 'step', 'answers', 'width', 'dir'],
  export: ['lang', 'format', 'output', 'force', 'dir'],
  check: ['lang', 'dir'],
  import: ['lang', 'force'],
  pack: ['lang', 'output', 'force', 'dir'],
};

type Values = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

/** The lesson library: --dir, $SIPLADDER_LESSONS, or the first lessons/ folder above this program. */
export function findLessonRoot(values: Values, env: LessonIo['env']): string {
  if (values.dir !== undefined) return resolve(values.dir);
  if (env?.SIPLADDER_LESSONS) return resolve(env.SIPLADDER_LESSONS);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'lessons');
    if (existsSync(candidate) && statSync(candidate).isDirectory()) return candidate;
    dir = dirname(dir);
  }
  throw new CliError('cannot find the lesson library (a lessons/ folder); give one with --dir', EXIT.cannotRead);
}

interface LoadedLesson {
  readonly lesson: Lesson;
  readonly file: string;
  readonly issues: readonly LessonIssue[];
  /** Set when the file is a bundle: the capture comes from it, notes are placed by their anchors. */
  readonly bundle?: LessonBundle;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(describeFsError(path, error), EXIT.cannotRead);
  }
}

function formatIssues(file: string, issues: readonly LessonIssue[]): string {
  return issues.map((i) => `${file}: ${i.severity} at ${i.where}: ${i.message}`).join('\n');
}

/** A library name, a lesson.json path or a folder holding one. Errors name the file and the field. */
export function loadLesson(name: string, root: string, locale: Locale): LoadedLesson {
  let file = join(root, name, 'lesson.json');
  if (!/^[\w.-]+$/.test(name) || !existsSync(file)) {
    const path = resolve(name);
    if (existsSync(path) && statSync(path).isDirectory()) file = join(path, 'lesson.json');
    else if (existsSync(path)) file = path;
    else throw new CliError(translate(locale, 'ui.noLesson', { name }), EXIT.usage);
  }
  const text = readText(file);
  if (looksLikeLessonBundle(text)) {
    const { bundle, issues } = parseLessonBundle(text, basename(file).replace(/(\.sipladder-lesson)?\.json$/, ''));
    if (bundle === undefined) throw new CliError(`the lesson bundle has errors:\n${formatIssues(file, issues)}`, EXIT.unknownFormat);
    return { lesson: bundle.lesson, file, issues, bundle };
  }
  const id = file.endsWith('lesson.json') ? relative(dirname(dirname(file)), dirname(file)) : file.replace(/^.*[\\/]/, '').replace(/\.json$/, '');
  const { lesson, issues } = parseLesson(text, id);
  if (lesson === undefined) throw new CliError(`the lesson file has errors:\n${formatIssues(file, issues)}`, EXIT.unknownFormat);
  return { lesson, file, issues };
}

/** The lesson's capture as bytes: from a bundle, a pcap/pcapng/gzip/SIP text file, or a .flow built on the fly. */
function lessonCaptureBytes(loaded: LoadedLesson): { bytes: Uint8Array; path: string } {
  if (loaded.bundle !== undefined) return { bytes: loaded.bundle.capture, path: `${loaded.file}:${loaded.bundle.captureName}` };
  const path = resolve(dirname(loaded.file), loaded.lesson.capture);
  let bytes: Uint8Array;
  if (/\.flow$/i.test(path)) {
    try {
      bytes = buildFlowFile(readText(path)).bytes;
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError(`${path}: the flow cannot be built: ${(error as Error).message}`, EXIT.unknownFormat);
    }
  } else {
    try {
      const data = readFileSync(path);
      bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    } catch (error) {
      throw new CliError(`capture of lesson ${loaded.lesson.id}: ${describeFsError(path, error)}`, EXIT.cannotRead);
    }
  }
  return { bytes, path };
}

/**
 * The lesson's capture analysed, and the lesson fitted to it: a bundle's notes go to the messages their
 * anchors (frame, place in frame) name, whatever numbers the file gave them.
 */
export function loadLessonCapture(loaded: LoadedLesson): { result: CaptureAnalysis; path: string; lesson: Lesson; bytes: Uint8Array; issues: readonly LessonIssue[] } {
  const { bytes, path } = lessonCaptureBytes(loaded);
  const result = analyzeCaptureBytes(bytes);
  if (result.records.length === 0) throw new CliError(`${path}: no SIP message in the lesson's capture`, EXIT.unknownFormat);
  const placed = loaded.bundle === undefined ? { lesson: loaded.lesson, issues: [] }
    : placeByAnchors(loaded.lesson, loaded.bundle.anchors, result.records.map((r) => r.frame));
  const stepIssues = checkLessonSteps(placed.lesson, result.records.length);
  if (stepIssues.length > 0) throw new CliError(`the lesson does not fit its capture:\n${formatIssues(loaded.file, stepIssues)}`, EXIT.unknownFormat);
  return { result, path, lesson: placed.lesson, bytes, issues: placed.issues };
}

function listLessons(root: string, locale: Locale): string {
  const entries: { id: string; order: number; title: string }[] = [];
  const broken: string[] = [];
  for (const id of readdirSync(root).sort()) {
    const file = join(root, id, 'lesson.json');
    if (!existsSync(file)) continue;
    const { lesson, issues } = parseLesson(readText(file), id);
    if (lesson === undefined) broken.push(`  ${id}  (${issues.filter((i) => i.severity === 'error').length} errors: sipladder lesson check ${file})`);
    else entries.push({ id, order: lesson.order ?? Number.MAX_SAFE_INTEGER, title: pickText(lesson.title, locale) });
  }
  entries.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  const width = Math.max(0, ...entries.map((e) => e.id.length));
  const lines = [`${translate(locale, 'ui.lessons')} (${entries.length})`, ...entries.map((e) => `  ${e.id.padEnd(width)}  ${e.title}`), ...broken];
  return lines.join('\n') + '\n';
}

function positiveNumber(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,6}$/.test(text) || Number(text) < 1) throw new CliError(`--${name}: expected a whole number ≥ 1, got '${text.slice(0, 40)}'`, EXIT.usage);
  return Number(text);
}

function writeOutput(io: LessonIo, values: Values, text: string, action = 'export'): void {
  const output = values.output;
  if (output === undefined) throw new CliError(`lesson ${action}: give the output file with -o OUT (- for standard output)`, EXIT.usage);
  if (output === '-') {
    io.out.write(text);
    return;
  }
  writeNewFile(output, text, values.force === true);
  io.err.write(`wrote ${output}\n`);
}

const counts = (lesson: Lesson, messages: number): string => `${messages} SIP messages, ${Object.keys(lesson.notes).length} notes, ${lesson.questions.length} questions`;

/** `import BUNDLE DIR`: DIR/lesson.json (numbers fitted to the capture as analysed now) and DIR/<the capture>. */
function importBundle(loaded: LoadedLesson, dir: string, io: LessonIo, values: Values): void {
  const bundle = loaded.bundle;
  if (bundle === undefined) throw new CliError(`${loaded.file} is not a lesson bundle (a .sipladder-lesson.json file)`, EXIT.unknownFormat);
  const { result, lesson, issues } = loadLessonCapture(loaded);
  for (const issue of issues) io.err.write(`${formatIssues(loaded.file, [issue])}\n`);
  mkdirSync(dir, { recursive: true });
  const lessonFile = join(dir, 'lesson.json');
  const captureFile = join(dir, bundle.captureName);
  if (!values.force) for (const path of [lessonFile, captureFile]) if (existsSync(path)) throw new CliError(`${path} exists: add --force to overwrite it`, EXIT.cannotWrite);
  writeNewFile(captureFile, bundle.capture, true);
  writeNewFile(lessonFile, JSON.stringify(lessonJson(lesson), null, 2) + '\n', true);
  io.out.write(`wrote ${lessonFile} and ${captureFile} — ${counts(lesson, result.records.length)}\n`);
}

/** `pack NAME -o OUT`: a lesson and its capture (a .flow built first) in one bundle, notes anchored by frame. */
function packLesson(loaded: LoadedLesson, io: LessonIo, values: Values): void {
  const { result, path, lesson, bytes } = loadLessonCapture(loaded);
  const built = basename(path).replace(/\.flow$/i, '.pcap');
  const captureName = /^[\w][\w.+-]{0,120}$/.test(built) ? built : 'capture.pcap';
  writeOutput(io, values, writeLessonBundle({
    lesson: { ...lesson, capture: captureName }, captureName, capture: bytes, anchors: lessonAnchors(lesson, result.records.map((r) => r.frame)),
    anonymized: loaded.bundle?.anonymized ?? false, generator: 'sipladder lesson pack', created: new Date().toISOString(),
  }), 'pack');
}

function exportLesson(loaded: LoadedLesson, io: LessonIo, values: Values, locale: Locale): void {
  const format = values.format;
  if (format !== 'html' && format !== 'mermaid') throw new CliError(`--format: expected html or mermaid, got '${String(format ?? '').slice(0, 20)}'`, EXIT.usage);
  const { result, path, lesson } = loadLessonCapture(loaded);
  loaded = { ...loaded, lesson };
  // The file name only: an exported page should not carry the teacher's folders.
  const captureLabel = basename(path);
  const { ladder } = selectLadder(result, [], { foldRetransmissions: false });
  if (format === 'mermaid') {
    const view = buildLessonView(loaded.lesson, result, locale);
    const label = nodeLabeler(loaded.lesson.nodes, result.model);
    const laneNames = ladder.lanes.map((lane) => {
      const endpoint = lane.endpoints[0];
      const m = endpoint === undefined ? null : /^\[?(.+?)\]?:(\d+)$/.exec(endpoint);
      const name = m ? label({ ip: m[1]!, port: Number(m[2]) }, lane.nodes[0]) : undefined;
      return name !== undefined && name in loaded.lesson.nodes ? name : undefined;
    });
    const diagram = toMermaid(result, [], { foldRetransmissions: false }).text;
    writeOutput(io, values, lessonMermaid(view, diagram, { rowIndices: ladder.rows.map((r) => r.index), laneNames }));
    return;
  }
  const views = Object.fromEntries(LOCALES.map((l) => [l, buildLessonView(loaded.lesson, result, l)])) as Record<Locale, LessonView>;
  const { svg, ladder: drawn } = svgLadder(result, [], { foldRetransmissions: false, hops: true, xmlDeclaration: false });
  const rowOf = new Map(drawn.rows.map((r) => [r.index, r.row]));
  writeOutput(io, values, lessonHtml(views, { locale, ladderSvg: svg, rowOfIndex: (i) => rowOf.get(i), nodes: loaded.lesson.nodes, captureLabel }));
}

/** Everything after `sipladder lesson`; returns the exit code. */
export async function lessonMain(argv: readonly string[], io: LessonIo): Promise<number> {
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS });
    } catch (error) {
      throw new CliError(`lesson: ${(error as Error).message.replace(/\. To specify a positional argument.*$/s, '.')}\nRun \`sipladder lesson --help\`.`, EXIT.usage);
    }
    const values = parsed.values as Values;
    const [action, ...names] = parsed.positionals;
    if (values.help || action === undefined || action === 'help') {
      io[values.help || action === 'help' ? 'out' : 'err'].write(lessonHelp + '\n');
      return values.help || action === 'help' ? EXIT.ok : EXIT.usage;
    }
    const allowed = ALLOWED[action];
    if (allowed === undefined) throw new CliError(`lesson: unknown action '${action}' (list, show, export, check, import, pack)`, EXIT.usage);
    for (const [name, value] of Object.entries(values)) {
      if (value !== undefined && !allowed.includes(name)) throw new CliError(`--${name} does not apply to \`sipladder lesson ${action}\``, EXIT.usage);
    }
    if (values.lang !== undefined && !isLocale(values.lang)) throw new CliError(`--lang: expected one of ${LOCALES.join(', ')}, got '${values.lang.slice(0, 20)}'`, EXIT.usage);
    const locale: Locale = values.lang !== undefined && isLocale(values.lang) ? values.lang : localeFromEnvironment(io.env ?? {});
    if (action === 'list') {
      if (names.length > 0) throw new CliError('lesson list takes no NAME', EXIT.usage);
      io.out.write(listLessons(findLessonRoot(values, io.env), locale));
      return EXIT.ok;
    }
    if (action === 'import' && names.length !== 2) throw new CliError('lesson import: give the BUNDLE and the folder DIR to unpack it into', EXIT.usage);
    if (action !== 'import' && names.length !== 1) throw new CliError(`lesson ${action}: give one lesson NAME (see \`sipladder lesson list\`)`, EXIT.usage);
    const root = action === 'check' || action === 'import' ? '' : findLessonRoot(values, io.env);
    const loaded = loadLesson(names[0]!, root, locale);
    for (const warning of loaded.issues) io.err.write(`${formatIssues(loaded.file, [warning])}\n`);
    if (action === 'import') {
      importBundle(loaded, resolve(names[1]!), io, values);
      return EXIT.ok;
    }
    if (action === 'pack') {
      packLesson(loaded, io, values);
      return EXIT.ok;
    }
    if (action === 'check') {
      const { result, lesson, issues } = loadLessonCapture(loaded);
      for (const issue of issues) io.err.write(`${formatIssues(loaded.file, [issue])}\n`);
      io.out.write(`${loaded.file}: ok — ${counts(lesson, result.records.length)}${loaded.bundle !== undefined ? ` (bundle: ${loaded.bundle.captureName}${loaded.bundle.anonymized ? ', anonymised' : ''})` : ''}\n`);
      return EXIT.ok;
    }
    if (action === 'export') {
      exportLesson(loaded, io, values, locale);
      return EXIT.ok;
    }
    const step = positiveNumber('step', values.step);
    const width = positiveNumber('width', values.width) ?? ((io.out as { columns?: number }).columns || 100);
    const { result, path, lesson } = loadLessonCapture(loaded);
    if (step !== undefined && step > result.records.length) {
      throw new CliError(`--step ${step}: the lesson's capture has ${result.records.length} messages`, EXIT.usage);
    }
    const view = buildLessonView(lesson, result, locale);
    io.out.write(renderLessonText(view, {
      answers: values.answers ?? false, width, captureLabel: relative(process.cwd(), path) || path,
      ...(step !== undefined ? { step } : {}),
    }));
    return EXIT.ok;
  } catch (error) {
    return reportCommandError(error, io.err);
  }
}
