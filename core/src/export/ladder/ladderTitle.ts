/**
 * The heading of an exported ladder: which call (Call-ID, From → To, outcome and final status) or how many
 * calls, how many messages, and when it starts — the same words in the text, SVG and HTML outputs.
 */
import type { LadderModel } from '../../analyze/ladder/ladderModel.ts';
import type { ExportSource } from '../exportSource.ts';
import { startLabel } from './timeLabel.ts';
import { visibleText } from './visibleText.ts';

export function ladderTitle(source: ExportSource, ladder: LadderModel, calls: readonly number[]): string {
  const shown = calls.filter((c) => c >= 0 && c < source.analysis.calls.length);
  if (shown.length === 1) {
    const call = source.analysis.calls[shown[0]!]!;
    const parts = [`Call ${call.call}`];
    if (call.callIds[0] !== undefined) parts.push(visibleText(call.callIds[0]));
    if (call.from !== undefined || call.to !== undefined) parts.push(`${visibleText(call.from ?? '?')} → ${visibleText(call.to ?? '?')}`);
    const status = call.finalStatus > 0 ? ` ${call.finalStatus}${call.reasonPhrase ? ' ' + visibleText(call.reasonPhrase) : ''}` : '';
    parts.push(`${call.outcome}${status}`);
    return parts.join(' · ');
  }
  if (shown.length > 1) return `${shown.length} calls`;
  const usages = new Set<number>();
  for (const row of ladder.rows) if (row.usage >= 0) usages.add(row.usage);
  const what = `${ladder.calls.length} call${ladder.calls.length === 1 ? '' : 's'}${usages.size > 0 ? `, ${usages.size} other usage${usages.size === 1 ? '' : 's'}` : ''}`;
  return ladder.messages === source.model.records ? `Whole capture: ${what}` : `Selection: ${what}`;
}

export function ladderSubtitle(ladder: LadderModel, digits: number): string {
  const folded = ladder.messages - ladder.rows.length;
  const counts = `${ladder.messages} message${ladder.messages === 1 ? '' : 's'}${folded > 0 ? ` (${folded} retransmissions or duplicates folded)` : ''}`;
  return ladder.rows.length === 0 ? counts : `${counts} · starts ${startLabel(ladder.start, digits)}`;
}
