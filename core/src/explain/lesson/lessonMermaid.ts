/**
 * A lesson as Mermaid: the export stage's sequenceDiagram of the capture (passed in, this stage cannot
 * import export), with the lesson's node names on the participants, the teacher's notes as notes under
 * their arrows, and the title, narrative and questions as %% comments. Row k of the diagram is the k-th
 * arrow statement, the record `rowIndices[k]`.
 */
import type { LessonView } from './lessonView.ts';

const ARROW = /^(\s*)L(\d+)(?:-->>|->>)L(\d+):/;
const PARTICIPANT = /^(\s*)participant L(\d+) as (.*)$/;

/** Mermaid's own entity codes for what would end or break a statement (as the export stage does). */
export function mermaidEscape(text: string): string {
  const codes: Record<string, string> = { ';': '#59;', '#': '#35;', '<': '#60;', '>': '#62;', '&': '#38;', '"': '#34;', '%': '#37;', '`': '#96;' };
  // eslint-disable-next-line no-control-regex
  const out = text.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/[;#<>&"%`]/g, (c) => codes[c]!);
  return out.trim() === '' ? '#32;' : out;
}

const comment = (text: string): string => `%% ${text.replace(/[\r\n]+/g, ' ')}`;

export interface LessonMermaidOptions {
  /** Record index drawn by each arrow statement, in order. */
  readonly rowIndices: readonly number[];
  /** Lesson name for each participant Lk (lane k), when the lesson names it. */
  readonly laneNames?: readonly (string | undefined)[];
}

export function lessonMermaid(view: LessonView, diagram: string, options: LessonMermaidOptions): string {
  const stepByIndex = new Map(view.steps.map((s) => [s.index, s]));
  const out: string[] = [comment(`${view.title} — sipladder lesson ${view.id}`), comment(view.narrative)];
  for (const q of view.questions) out.push(comment(`Q${q.number}${q.step === undefined ? '' : ` (message ${q.step})`}: ${q.question}`));
  let row = 0;
  for (const line of diagram.replace(/\n$/, '').split('\n')) {
    const participant = PARTICIPANT.exec(line);
    const name = participant ? options.laneNames?.[Number(participant[2])] : undefined;
    if (participant && name !== undefined) {
      out.push(`${participant[1]}participant L${participant[2]} as ${mermaidEscape(name)}<br/>${participant[3]}`);
      continue;
    }
    out.push(line);
    const arrow = ARROW.exec(line);
    if (arrow === null) continue;
    const step = stepByIndex.get(options.rowIndices[row] ?? -1);
    row++;
    if (step?.note === undefined) continue;
    const [a, b] = [Number(arrow[2]), Number(arrow[3])].sort((x, y) => x - y);
    out.push(`${arrow[1]}Note ${a === b ? `right of L${a}` : `over L${a},L${b}`}: ✎ ${mermaidEscape(step.note)}`);
  }
  return out.join('\n') + '\n';
}
