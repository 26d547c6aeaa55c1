/**
 * The ladder as a Mermaid 11 `sequenceDiagram` (for Markdown tickets and docs): one participant per lane
 * with an alias, autonumber, requests as solid and responses as dotted arrows, hop annotations as notes,
 * one `rect` per transaction (RFC 3261 §17) or dialog (§12). Warns past Mermaid's default maxTextSize.
 */
import { selectLadder, type ExportSource, type LadderSelectionOptions } from '../exportSource.ts';
import type { RowSpan } from '../ladder/bracketSlots.ts';
import { ladderTexts } from '../ladder/ladderTexts.ts';
import { ladderTitle } from '../ladder/ladderTitle.ts';
import { laneHeader } from '../ladder/rowText.ts';
import { mermaidLines, mermaidText } from './mermaidText.ts';
import { nestedSpans } from './nestedSpans.ts';

export interface MermaidOptions extends LadderSelectionOptions {
  /** One rect per transaction with two or more rows (default), per dialog, or none. */
  readonly group?: 'transaction' | 'dialog' | 'none';
  /** Hop annotations as notes (default true). */
  readonly hops?: boolean;
  /** In the notes, every Via entry (default false: only the one pushed or popped on the hop). */
  readonly viaStack?: boolean;
  readonly autonumber?: boolean;
}

/** Mermaid renders nothing but an error past this many characters unless its site config raises maxTextSize. */
export const MERMAID_MAX_TEXT_SIZE = 50_000;

const RECT_COLOURS = ['rgba(66, 133, 244, 0.10)', 'rgba(52, 168, 83, 0.10)', 'rgba(251, 188, 5, 0.12)', 'rgba(171, 71, 188, 0.10)'];

export function toMermaid(source: ExportSource, calls: readonly number[], options: MermaidOptions = {}): { text: string; warnings: string[] } {
  const { ladder, warnings } = selectLadder(source, calls, options);
  const texts = ladderTexts(source, ladder, { hops: options.hops ?? true, viaStack: options.viaStack ?? false });
  const lines: string[] = [];
  // A comment, not a `title`: Mermaid sanitises titles with DOMPurify while parsing, which needs a DOM.
  lines.push(`%% ${mermaidText(ladderTitle(source, ladder, calls))} (sipladder)`);
  lines.push('sequenceDiagram');
  if (options.autonumber ?? true) lines.push('  autonumber');
  for (const lane of ladder.lanes) lines.push(`  participant L${lane.id} as ${mermaidLines(laneHeader(lane))}`);

  const group = options.group ?? 'transaction';
  const spans: (RowSpan & { label: string })[] = group === 'transaction'
    ? ladder.brackets.filter((b) => b.lastRow > b.firstRow).map((b) => ({ ...b, label: `${b.method} transaction ${b.transaction}` }))
    : group === 'dialog'
      ? ladder.dialogs.map((d) => ({ ...d, label: `dialog ${d.dialog}${d.forks > 1 ? ` (fork ${d.fork + 1}/${d.forks})` : ''}` }))
      : [];
  const { kept, dropped } = nestedSpans(spans);
  if (dropped.length > 0) {
    warnings.push(`${dropped.length} ${group} rect${dropped.length === 1 ? '' : 's'} left out: Mermaid rects must nest and ${dropped.length === 1 ? 'it crosses' : 'they cross'} another (${dropped.slice(0, 5).map((i) => spans[i]!.label).join(', ')}${dropped.length > 5 ? ', …' : ''})`);
  }
  const opening = new Map<number, number[]>();
  const closing = new Map<number, number>();
  for (const i of kept) {
    const span = spans[i]!;
    const list = opening.get(span.firstRow);
    if (list === undefined) opening.set(span.firstRow, [i]);
    else list.push(i);
    closing.set(span.lastRow, (closing.get(span.lastRow) ?? 0) + 1);
  }
  let depth = 0;
  const indent = (): string => '  '.repeat(depth + 1);
  for (const row of ladder.rows) {
    for (const i of opening.get(row.row) ?? []) {
      lines.push(`${indent()}rect ${RECT_COLOURS[depth % RECT_COLOURS.length]}`);
      depth++;
      lines.push(`${indent()}Note over L${ladder.lanes[Math.min(row.from, row.to)]!.id}: ${mermaidText(spans[i]!.label)}`);
    }
    const arrow = row.kind === 'request' ? '->>' : '-->>';
    const text = texts[row.row]!;
    lines.push(`${indent()}L${row.from}${arrow}L${row.to}: ${mermaidText(text.label)}`);
    if (text.notes.length > 0) {
      const where = row.from === row.to ? `right of L${row.from}` : `over L${Math.min(row.from, row.to)},L${Math.max(row.from, row.to)}`;
      lines.push(`${indent()}Note ${where}: ${mermaidLines(text.notes)}`);
    }
    for (let k = closing.get(row.row) ?? 0; k > 0; k--) {
      depth--;
      lines.push(`${indent()}end`);
    }
  }
  const text = lines.join('\n') + '\n';
  if (text.length > MERMAID_MAX_TEXT_SIZE) {
    warnings.push(
      `the diagram is ${text.length} characters, over Mermaid's default maxTextSize of ${MERMAID_MAX_TEXT_SIZE}: Mermaid will draw ` +
      `"Maximum text size in diagram exceeded" instead. Raise it where the diagram is rendered — mermaid.initialize({ maxTextSize: ${text.length + 1000} }), ` +
      `or for mermaid-cli a config file {"maxTextSize": ${text.length + 1000}} passed with -c (a %%{init}%% directive cannot change it) — ` +
      'or export fewer calls, or leave out the hop notes.',
    );
  }
  return { text, warnings };
}
